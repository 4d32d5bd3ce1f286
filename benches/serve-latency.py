#!/usr/bin/env python3
"""Measures `ouvert serve`: the time from saving a Markdown file to the
reload event a page receives, and the server's memory over many edits.

    benches/serve-latency.py OUVERT PORTAL [--edits 20] [--poll] [--wrk SECONDS]

Starts `OUVERT serve PORTAL --port 0`, listens to the live-reload event
stream as an open page does, then edits the description of one dataset
after another (in place, as most editors save) and times each edit from
just before the write to the `reload` event. After each edit it checks that
the page shows the edit, and reads the server's resident memory
(VmRSS, Linux). Prints the latencies (median, 90th percentile, range) and
the memory after the first build, after the first and the last edits.

With --wrk, then loads the server with Debian's `wrk` (200 connections, 2
threads, for SECONDS each) on the home page, a dataset page and a data
file, and prints requests per second and every error wrk counted.

The portal is edited: use a generated one (benches/gen-portal.py). Each
edit replaces the last line of an index.md with a marker, so running again
is fine.
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Events:
    """The server-sent event stream, read as a page's script reads it."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=120)
        self.connection.request("GET", "/__ouvert/events")
        self.response = self.connection.getresponse()
        assert self.response.status == 200, self.response.status

    def next(self):
        name, data = None, []
        while True:
            line = self.response.readline().decode()
            if line == "":
                raise RuntimeError("the event stream ended")
            line = line.rstrip("\n")
            if line == "":
                if name:
                    return name, "\n".join(data)
                name, data = None, []
            elif line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: "):
                data.append(line[len("data: "):])


def load(host, port, path, seconds):
    url = f"http://{host}:{port}{path}"
    result = subprocess.run(
        ["wrk", "-t2", "-c200", f"-d{seconds}s", "--timeout", "10s", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)
    total = re.search(r"(\d+) requests in", result).group(1)
    errors = re.findall(r"(Socket errors: .*|Non-2xx or 3xx responses: \d+)", result)
    print(f"wrk -t2 -c200 -d{seconds}s {path}: {total} requests, {rate} requests/s, "
          f"errors: {'; '.join(errors) if errors else 'none'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ouvert")
    parser.add_argument("portal")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--poll", action="store_true")
    parser.add_argument("--wrk", type=int, default=0, metavar="SECONDS")
    args = parser.parse_args()

    command = [args.ouvert, "serve", args.portal, "--port", "0"]
    if args.poll:
        command.append("--poll")
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Warnings would fill the pipe and block the server: drain it.
    stderr_lines = []
    threading.Thread(target=lambda: stderr_lines.extend(server.stderr), daemon=True).start()
    try:
        address = None
        built = None
        for line in server.stdout:
            if line.startswith("Serving "):
                address = re.search(r"http://([^/]+)/", line).group(1)
            if line.startswith("Built "):
                built = line.strip()
            if line.startswith("Watching "):
                break
        if address is None or built is None:
            sys.exit(f"the server did not start: {''.join(stderr_lines)}")
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        host, port = address.rsplit(":", 1)
        print(f"first build: {built}")
        rss_first = rss_kib(server.pid)

        events = Events(host, int(port))
        name, generation = events.next()
        assert name == "reload", name

        datasets = sorted(
            d for d in os.listdir(os.path.join(args.portal, "datasets"))
            if os.path.isfile(os.path.join(args.portal, "datasets", d, "index.md"))
        )
        latencies = []
        rss = []
        for i in range(args.edits):
            slug = datasets[i % len(datasets)]
            path = os.path.join(args.portal, "datasets", slug, "index.md")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"\n(Édition de mesure n° \d+\.\n)?$", "", text, count=1)
            marker = f"Édition de mesure n° {time.time_ns()}."
            text += f"\n{marker}\n"
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                name, data = events.next()
                if name == "failed":
                    sys.exit(f"the build failed: {data[:2000]}")
                if name == "reload" and data != generation:
                    generation = data
                    break
            latencies.append((time.perf_counter() - start) * 1000)
            page = http.client.HTTPConnection(host, int(port), timeout=60)
            page.request("GET", f"/datasets/{slug}/")
            body = page.getresponse().read().decode()
            if marker not in body:
                sys.exit(f"the page of {slug} does not show the edit")
            rss.append(rss_kib(server.pid))

        latencies_sorted = sorted(latencies)
        p90 = latencies_sorted[max(0, int(round(0.9 * len(latencies))) - 1)]
        print(f"edits: {len(latencies)}")
        print(
            f"save to reload event (ms): median {statistics.median(latencies):.0f}, "
            f"p90 {p90:.0f}, min {latencies_sorted[0]:.0f}, max {latencies_sorted[-1]:.0f}"
        )
        marks = sorted({m for m in (1, 10, 25, 50, 75, len(rss)) if m <= len(rss)})
        after = ", ".join(f"edit {m} {rss[m - 1] / 1024:.1f}" for m in marks)
        print(
            f"server memory (VmRSS, MiB): after the first build {rss_first / 1024:.1f}, "
            f"after {after}; highest {max(rss) / 1024:.1f}"
        )
        if args.wrk:
            slug = datasets[0]
            data = next(
                f for f in sorted(os.listdir(os.path.join(args.portal, "datasets", slug)))
                if f != "index.md"
            )
            for path in ["/", f"/datasets/{slug}/", f"/datasets/{slug}/{data}"]:
                load(host, port, path, args.wrk)
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates the data of benches/validate.sh: a CSV file of a given size with
10 fields, the Table Schema it is checked against, and the count of the
errors planted in it.

Usage:
    gen-validate-data.py OUT.csv --schema OUT-SCHEMA.json [--size 100M]
                         [--error-rate 0.001] [--seed 20261128]

Deterministic: the same arguments give the same bytes. The schema puts
constraints on most fields: required, unique (id), minimum/maximum (an
integer, a number, a date), pattern (a French commune code), enum, maxLength,
a boolean with French true/false values and an email format. About
`--error-rate` of the rows (0.1 % by default) carry exactly one deliberate
error each, of a kind drawn at random (a duplicate id, a value out of range,
an invalid date, a decimal comma, a bad boolean, a missing required value…),
so that every validator has errors to report. Their counts by expected
Frictionless error type are written to OUT.errors.json beside the CSV.
"""

import argparse
import json
import random
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

SCHEMA = {
    "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
    "name": "validate-bench",
    "title": "Subventions synthétiques (benchmark de validation)",
    "fields": [
        {"name": "id", "type": "integer",
         "constraints": {"required": True, "unique": True, "minimum": 1}},
        {"name": "code_commune", "type": "string",
         "constraints": {"required": True, "pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$"}},
        {"name": "nom", "type": "string",
         "constraints": {"required": True, "maxLength": 60}},
        {"name": "categorie", "type": "string",
         "constraints": {"required": True, "enum": [
             "association", "commune", "département", "entreprise", "établissement public"]}},
        {"name": "date_decision", "type": "date",
         "constraints": {"required": True, "minimum": "2000-01-01", "maximum": "2030-12-31"}},
        {"name": "montant", "type": "number",
         "constraints": {"required": True, "minimum": 0, "maximum": 10000000}},
        {"name": "effectif", "type": "integer",
         "constraints": {"minimum": 0, "maximum": 100000}},
        {"name": "notification_ue", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"],
         "constraints": {"required": True}},
        {"name": "contact", "type": "string", "format": "email"},
        {"name": "commentaire", "type": "string", "constraints": {"maxLength": 200}},
    ],
    "missingValues": [""],
}

CATEGORIES = SCHEMA["fields"][3]["constraints"]["enum"]
DEPTS = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
WORDS = ["association", "sportive", "culturelle", "des", "amis", "du", "patrimoine", "école",
         "théâtre", "musique", "jeunesse", "éducation", "populaire", "comité", "fêtes", "club",
         "randonnée", "bibliothèque", "solidarité", "entraide", "aînés", "quartier", "vélo",
         "football", "cœur", "forêt", "rivière", "Saint-Étienne", "Val-d'Oise", "Bourgogne"]
FIRST = ["camille", "dominique", "claude", "alex", "sacha", "lou", "maxime", "charlie"]
LAST = ["martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand"]
COMMENTS = [
    "", "", "", "Versement en deux fois",
    "Subvention de fonctionnement, reconduite",
    'Projet "Été solidaire" ; bilan attendu',
    "Aide à l'investissement (matériel, véhicule)",
    "Convention pluriannuelle 2024-2026\u00a0: tranche 2",
]
DAY0 = date(2000, 1, 1)
DAYS = (date(2030, 12, 31) - DAY0).days

# kind -> Frictionless error type that the kind must produce (exactly one).
ERROR_KINDS = {
    "duplicate-id": "unique-error",
    "code-pattern": "constraint-error",
    "nom-too-long": "constraint-error",
    "nom-missing": "constraint-error",
    "categorie-enum": "constraint-error",
    "date-invalid": "type-error",
    "date-before-minimum": "constraint-error",
    "montant-decimal-comma": "type-error",
    "montant-negative": "constraint-error",
    "effectif-not-integer": "type-error",
    "effectif-too-large": "constraint-error",
    "boolean-invalid": "type-error",
    "contact-not-email": "type-error",
    "commentaire-too-long": "constraint-error",
}


def quote(value):
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def parse_size(text):
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    text = text.strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--schema", type=Path, required=True)
    parser.add_argument("--size", default="100M", help="bytes, with K/M/G suffix (10^3 multiples)")
    parser.add_argument("--error-rate", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()

    target = parse_size(args.size)
    rng = random.Random(args.seed)
    kinds = list(ERROR_KINDS)
    planted = Counter()
    rows = 0
    written = 0
    next_id = 1
    skipped = set()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        header = ",".join(f["name"] for f in SCHEMA["fields"]) + "\r\n"
        out.write(header)
        written += len(header.encode("utf-8"))
        while written < target:
            row_id = next_id
            next_id += 1
            dept = rng.choice(DEPTS)
            code = f"{dept}{rng.randrange(1, 1000):03d}"
            nom = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()[:60]
            categorie = rng.choice(CATEGORIES)
            day = (DAY0 + timedelta(days=rng.randrange(DAYS + 1))).isoformat()
            montant = f"{rng.randrange(0, 100_000_000) / 100:.2f}"
            effectif = "" if rng.random() < 0.1 else str(rng.randrange(0, 500))
            ue = "oui" if rng.random() < 0.2 else "non"
            contact = "" if rng.random() < 0.15 else f"{rng.choice(FIRST)}.{rng.choice(LAST)}@exemple.fr"
            commentaire = rng.choice(COMMENTS)

            if row_id > 1 and rng.random() < args.error_rate:
                kind = rng.choice(kinds)
                planted[kind] += 1
                if kind == "duplicate-id":
                    # An id already written: not one skipped by an earlier duplicate.
                    dup = rng.randrange(1, row_id)
                    while dup in skipped:
                        dup = rng.randrange(1, row_id)
                    skipped.add(row_id)
                    row_id = dup
                elif kind == "code-pattern":
                    code = rng.choice(["20123", "2C045", "7510", "ABCDE", "751012"])
                elif kind == "nom-too-long":
                    nom = (nom + " " + "de la commune nouvelle " * 4)[:rng.randint(61, 90)]
                elif kind == "nom-missing":
                    nom = ""
                elif kind == "categorie-enum":
                    categorie = rng.choice(["Association", "asso", "collectivité"])
                elif kind == "date-invalid":
                    day = rng.choice(["2021-02-30", "31/12/2020", "2020-13-01", "hier"])
                elif kind == "date-before-minimum":
                    day = (DAY0 - timedelta(days=rng.randint(1, 3000))).isoformat()
                elif kind == "montant-decimal-comma":
                    montant = montant.replace(".", ",")
                elif kind == "montant-negative":
                    montant = "-" + montant if montant != "0.00" else "-1.00"
                elif kind == "effectif-not-integer":
                    effectif = rng.choice(["3.5", "douze", "1e3"])
                elif kind == "effectif-too-large":
                    effectif = str(rng.randint(100_001, 10_000_000))
                elif kind == "boolean-invalid":
                    ue = rng.choice(["peut-être", "Oui", "1", "yes"])
                elif kind == "contact-not-email":
                    contact = rng.choice(["pas-un-email", "mairie@", "@exemple.fr", "a b@exemple.fr"])
                elif kind == "commentaire-too-long":
                    commentaire = "Commentaire très détaillé. " * 10
            line = ",".join(quote(v) for v in (
                str(row_id), code, nom, categorie, day, montant, effectif, ue, contact, commentaire
            )) + "\r\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            rows += 1

    args.schema.write_text(json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    by_type = Counter()
    for kind, n in planted.items():
        by_type[ERROR_KINDS[kind]] += n
    summary = {
        "file": args.out.name,
        "bytes": written,
        "rows": rows,
        "seed": args.seed,
        "error_rate": args.error_rate,
        "errors": dict(sorted(by_type.items())),
        "planted": dict(sorted(planted.items())),
    }
    errors_path = args.out.with_suffix(".errors.json")
    errors_path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{args.out}: {written} bytes, {rows} rows, {sum(planted.values())} planted errors "
          f"{dict(sorted(by_type.items()))}", file=sys.stderr)


if __name__ == "__main__":
    main()

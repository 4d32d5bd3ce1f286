//! Map previews drawn at build time as inline SVG: a file's geometry sketch
//! projected and fitted to its extent, over the portal's territory when it
//! has one (the extent then covers both). No tiles and no script: the page
//! holds the whole map.

use std::fmt::Write;

use serde::Serialize;

use super::views::Views;
use crate::model::Resource;
use crate::profile::geo::{Position, Sketch};
use crate::util::xml::escape;

#[derive(Debug, Serialize)]
pub struct MapView {
    /// The map, printed with `|safe`.
    pub svg: String,
    /// What the map shows, in words, for its caption.
    pub caption: String,
    /// The named points, as JSON `[[x, y, "name"], …]` in the map's
    /// coordinates, for the pan-and-zoom script to show on demand; safe
    /// inside `<script type="application/json">`.
    pub labels: Option<String>,
}

impl Views<'_> {
    /// The map of a resource with geometries, or `None`.
    pub fn map(&self, resource: &Resource, anchor: &str) -> Option<MapView> {
        let profile = resource.profile.as_ref()?;
        let sketch = profile.sketch.as_ref()?;
        let lang = self.lang;
        let title = lang.t("map_title").replace("{title}", &resource.meta.title);
        let svg = svg(
            sketch,
            self.portal.territory.as_ref(),
            &format!("{anchor}-map"),
            &title,
        )?;
        let mut caption = lang.t("map_caption").to_string();
        if sketch.vertices < sketch.input_vertices {
            caption.push(' ');
            caption.push_str(
                &lang
                    .t("map_simplified")
                    .replace("{kept}", &lang.integer(sketch.vertices))
                    .replace("{total}", &lang.integer(sketch.input_vertices)),
            );
        }
        let labels = labels(sketch, self.portal.territory.as_ref());
        Some(MapView { svg, caption, labels })
    }
}

/// Width of a map in the page, in CSS pixels; its height follows the
/// data's shape, within bounds that keep it readable on a phone.
const WIDTH: f64 = 640.0;
const MAX_HEIGHT: f64 = 480.0;
const MIN_HEIGHT: f64 = 160.0;
/// Room around the data, as a share of its extent.
const MARGIN: f64 = 0.04;

/// An equirectangular projection at the data's middle latitude: at the
/// scale of a commune or a département, shapes keep their proportions.
struct Frame {
    west: f64,
    north: f64,
    /// How much narrower a degree of longitude is than one of latitude.
    aspect: f64,
    /// Pixels per degree of latitude.
    k: f64,
    width: f64,
    height: f64,
    /// Shifts that centre the data when the map is wider or taller than it.
    dx: f64,
    dy: f64,
}

impl Frame {
    fn fit(bbox: [f64; 4]) -> Frame {
        let aspect = (((bbox[1] + bbox[3]) / 2.0).to_radians().cos()).max(0.01);
        // A single point, or points on one line, still get an area.
        let span_x = ((bbox[2] - bbox[0]) * aspect).max(0.002);
        let span_y = (bbox[3] - bbox[1]).max(0.002);
        let (west, north) = (
            (bbox[0] + bbox[2]) / 2.0 - span_x / aspect * (0.5 + MARGIN),
            (bbox[1] + bbox[3]) / 2.0 + span_y * (0.5 + MARGIN),
        );
        let (span_x, span_y) = (span_x * (1.0 + 2.0 * MARGIN), span_y * (1.0 + 2.0 * MARGIN));
        let mut k = WIDTH / span_x;
        if span_y * k > MAX_HEIGHT {
            k = MAX_HEIGHT / span_y;
        }
        let height = (span_y * k).max(MIN_HEIGHT);
        Frame {
            west,
            north,
            aspect,
            k,
            width: WIDTH,
            height,
            dx: (WIDTH - span_x * k) / 2.0,
            dy: (height - span_y * k) / 2.0,
        }
    }

    fn project(&self, [lon, lat]: Position) -> (f64, f64) {
        (
            (lon - self.west) * self.aspect * self.k + self.dx,
            (self.north - lat) * self.k + self.dy,
        )
    }
}

/// The frame of a map of `sketch` over `territory`: the data within its
/// territory, so that the reader sees where the data lies in the place
/// they know.
fn frame(sketch: &Sketch, territory: Option<&Sketch>) -> Option<Frame> {
    let data = sketch.bbox?;
    Some(Frame::fit(match territory.and_then(|t| t.bbox) {
        Some(t) => [
            data[0].min(t[0]),
            data[1].min(t[1]),
            data[2].max(t[2]),
            data[3].max(t[3]),
        ],
        None => data,
    }))
}

/// The names of `sketch`'s points where [`svg`] draws them, as JSON that
/// cannot close its `<script>` element; `None` without names.
pub fn labels(sketch: &Sketch, territory: Option<&Sketch>) -> Option<String> {
    if sketch.labels.is_empty() {
        return None;
    }
    let frame = frame(sketch, territory)?;
    let labels: Vec<(f64, f64, &str)> = sketch
        .labels
        .iter()
        .map(|(position, name)| {
            let (x, y) = frame.project(*position);
            (
                (x * 10.0).round() / 10.0,
                (y * 10.0).round() / 10.0,
                name.as_str(),
            )
        })
        .collect();
    let json = serde_json::to_string(&labels).ok()?;
    Some(super::jsonld::script_safe(&json))
}

/// The map of `sketch` over `territory`, with `title` as its text
/// alternative (the element `id`-title); `None` without a position.
pub fn svg(sketch: &Sketch, territory: Option<&Sketch>, id: &str, title: &str) -> Option<String> {
    let frame = frame(sketch, territory)?;
    let mut out = String::with_capacity(16 * sketch.vertices as usize + 512);
    let _ = write!(
        out,
        "<svg class=\"map\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{title}</title>",
        w = frame.width,
        h = frame.height.round(),
        title = escape(title),
    );
    if let Some(territory) = territory {
        push_path(&mut out, "map-territory", &areas(&frame, territory));
    }
    push_path(&mut out, "map-areas", &areas(&frame, sketch));
    let mut lines = String::new();
    for line in &sketch.lines {
        push_line(&mut lines, &frame, line, false);
    }
    push_path(&mut out, "map-lines", &lines);
    // Each point a zero-length stroke with round caps: a dot in ten bytes.
    let mut dots = String::new();
    let mut last = None;
    for &position in &sketch.points {
        let (x, y) = frame.project(position);
        let at = (x.round() as i64, y.round() as i64);
        if last != Some(at) {
            let _ = write!(dots, "M{} {}h0", at.0, at.1);
            last = Some(at);
        }
    }
    push_path(&mut out, "map-points", &dots);
    out.push_str("</svg>");
    Some(out)
}

fn areas(frame: &Frame, sketch: &Sketch) -> String {
    let mut d = String::new();
    for rings in &sketch.polygons {
        for ring in rings {
            push_line(&mut d, frame, ring, true);
        }
    }
    d
}

/// Appends `line` to the path data `d`, at a tenth of a pixel, skipping
/// positions that fall on the previous one.
fn push_line(d: &mut String, frame: &Frame, line: &[Position], closed: bool) {
    let mut last = None;
    for (i, &position) in line.iter().enumerate() {
        let (x, y) = frame.project(position);
        let at = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if last == Some(at) {
            continue;
        }
        d.push(if i == 0 { 'M' } else { 'L' });
        let _ = write!(d, "{} {}", tenths(at.0), tenths(at.1));
        last = Some(at);
    }
    if closed {
        d.push('Z');
    }
}

/// `123.4` from 1234, `12` from 120.
fn tenths(value: i64) -> String {
    if value % 10 == 0 {
        (value / 10).to_string()
    } else {
        format!("{:.1}", value as f64 / 10.0)
    }
}

fn push_path(out: &mut String, class: &str, d: &str) {
    if !d.is_empty() {
        let _ = write!(out, "<path class=\"{class}\" d=\"{d}\"/>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::geo::SketchBuilder;

    fn view_box(svg: &str) -> Vec<f64> {
        let start = svg.find("viewBox=\"").unwrap() + 9;
        let end = start + svg[start..].find('"').unwrap();
        svg[start..end]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect()
    }

    #[test]
    fn a_hundred_thousand_points_weigh_under_300_kb() {
        let mut builder = SketchBuilder::default();
        let mut state = 7u64;
        for _ in 0..100_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (a, b) = (
                (state >> 40) as f64 / (1u64 << 24) as f64,
                (state >> 16 & 0xff_ffff) as f64 / (1u64 << 24) as f64,
            );
            builder.point([-1.75 + a * 0.2, 48.05 + b * 0.12]);
        }
        let sketch = builder.finish();
        let svg = svg(&sketch, None, "m", "Carte des 100 000 points").unwrap();
        assert!(svg.len() <= 300 * 1024, "{} bytes", svg.len());
        assert!(svg.contains("<title id=\"m-title\">Carte des 100 000 points</title>"));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"m-title\""));
        // Fitted: the drawing fills the width, the height follows.
        let [x, y, w, h] = view_box(&svg)[..] else {
            panic!()
        };
        assert_eq!((x, y, w), (0.0, 0.0, 640.0));
        assert!((160.0..=480.0).contains(&h), "{h}");
    }

    #[test]
    fn shapes_stay_inside_the_view_box() {
        let mut builder = SketchBuilder::default();
        builder.polygon(vec![vec![
            [2.0, 48.0],
            [2.5, 48.0],
            [2.5, 48.3],
            [2.0, 48.0],
        ]]);
        builder.line(vec![[2.1, 48.1], [2.4, 48.2]]);
        builder.point([2.2, 48.25]);
        let sketch = builder.finish();
        let svg = svg(&sketch, None, "m", "t").unwrap();
        let [_, _, w, h] = view_box(&svg)[..] else {
            panic!()
        };
        let numbers: Vec<f64> = svg
            .split(" d=\"")
            .skip(1)
            .flat_map(|rest| {
                rest[..rest.find('"').unwrap()]
                    .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse::<f64>().unwrap())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!numbers.is_empty());
        assert!(
            numbers.iter().all(|&n| (0.0..=w.max(h)).contains(&n)),
            "{svg}"
        );
        assert!(svg.contains("<path class=\"map-areas\""));
        assert!(svg.contains("<path class=\"map-lines\""));
        assert!(svg.contains("<path class=\"map-points\""));
    }

    #[test]
    fn the_territory_is_drawn_beneath() {
        let mut data = SketchBuilder::default();
        data.point([2.2, 48.2]);
        let mut territory = SketchBuilder::default();
        territory.polygon(vec![vec![
            [2.0, 48.0],
            [2.5, 48.0],
            [2.5, 48.3],
            [2.0, 48.0],
        ]]);
        let svg = svg(&data.finish(), Some(&territory.finish()), "m", "t").unwrap();
        let (outline, dots) = (
            svg.find("map-territory").unwrap(),
            svg.find("map-points").unwrap(),
        );
        assert!(outline < dots);
    }

    #[test]
    fn no_position_no_map() {
        assert_eq!(svg(&Sketch::default(), None, "m", "t"), None);
    }
}

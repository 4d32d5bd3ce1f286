//! The shape of a file's geometries, light enough for a map preview: every
//! feature kept, lines and rings simplified (Douglas–Peucker) and points
//! merged on a grid, finer or coarser so that the whole stays under a
//! budget of vertices whatever the input's size. Kept in longitude and
//! latitude, so that a map can draw it beside other shapes (the portal's
//! territory) in one projection.

use serde::{Deserialize, Serialize};

/// At most this many vertices in a sketch: about 10 bytes each once drawn,
/// so that a map weighs well under 300 KB in its page.
const MAX_VERTICES: usize = 20_000;

/// Point features are named on the map (for pan-and-zoom details) only
/// up to this many: beyond, their names would outweigh the map.
const MAX_LABELS: usize = 500;

/// The first simplification step, as a share of the extent's larger side:
/// about a pixel on a map 1,000 pixels wide.
const FIRST_TOLERANCE: f64 = 1.0 / 1000.0;

/// A position: longitude, latitude.
pub type Position = [f64; 2];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sketch {
    /// `[min lon, min lat, max lon, max lat]` of the input, before
    /// simplification.
    pub bbox: Option<[f64; 4]>,
    pub points: Vec<Position>,
    pub lines: Vec<Vec<Position>>,
    /// Each polygon's rings, the outer one first.
    pub polygons: Vec<Vec<Vec<Position>>>,
    /// Positions in the input, and in the sketch.
    pub input_vertices: u64,
    pub vertices: u64,
    /// The names of point features, where they are, when there are few
    /// enough (see [`MAX_LABELS`]) and the file has a column of names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<(Position, String)>,
}

/// Gathers geometries, then simplifies them at once.
#[derive(Default)]
pub struct SketchBuilder {
    sketch: Sketch,
    /// More named points than [`MAX_LABELS`]: none are kept.
    too_many_labels: bool,
}

impl SketchBuilder {
    pub fn point(&mut self, position: Position) {
        if self.extend(&position) {
            self.sketch.points.push(position);
        }
    }

    /// Names the point feature at `position`.
    pub fn label(&mut self, position: Position, name: &str) {
        let name = name.trim();
        if self.too_many_labels || name.is_empty() || !is_lon_lat(&position) {
            return;
        }
        if self.sketch.labels.len() == MAX_LABELS {
            self.too_many_labels = true;
            self.sketch.labels = Vec::new();
            return;
        }
        let name = crate::util::text::truncate_chars(name, 80);
        self.sketch.labels.push((position, name));
    }

    pub fn line(&mut self, line: Vec<Position>) {
        let line: Vec<Position> = line.into_iter().filter(|p| self.extend(p)).collect();
        if !line.is_empty() {
            self.sketch.lines.push(line);
        }
    }

    pub fn polygon(&mut self, rings: Vec<Vec<Position>>) {
        let rings: Vec<Vec<Position>> = rings
            .into_iter()
            .map(|ring| {
                ring.into_iter()
                    .filter(|p| self.extend(p))
                    .collect::<Vec<_>>()
            })
            .filter(|ring| ring.len() >= 3)
            .collect();
        if !rings.is_empty() {
            self.sketch.polygons.push(rings);
        }
    }

    /// Counts `position` into the extent; false for a position that is
    /// not a longitude and latitude, which is left out.
    fn extend(&mut self, position: &Position) -> bool {
        let [lon, lat] = *position;
        if !is_lon_lat(position) {
            return false;
        }
        self.sketch.input_vertices += 1;
        let bbox = self.sketch.bbox.get_or_insert([lon, lat, lon, lat]);
        bbox[0] = bbox[0].min(lon);
        bbox[1] = bbox[1].min(lat);
        bbox[2] = bbox[2].max(lon);
        bbox[3] = bbox[3].max(lat);
        true
    }

    /// The sketch, simplified more and more until it fits the budget.
    pub fn finish(self) -> Sketch {
        let input = self.sketch;
        let Some(bbox) = input.bbox else {
            return input;
        };
        // Degrees of longitude shrink away from the equator: measure
        // distances as they will be drawn.
        let scale = (((bbox[1] + bbox[3]) / 2.0).to_radians().cos()).max(0.01);
        let extent = ((bbox[2] - bbox[0]) * scale).max(bbox[3] - bbox[1]);
        if extent == 0.0 {
            let mut sketch = input;
            sketch.points.truncate(1);
            sketch.vertices = count(&sketch);
            return sketch;
        }
        let mut tolerance = extent * FIRST_TOLERANCE;
        loop {
            let sketch = simplified(&input, tolerance, scale);
            if sketch.vertices as usize <= MAX_VERTICES || tolerance > extent {
                return sketch;
            }
            tolerance *= 2.0;
        }
    }
}

fn count(sketch: &Sketch) -> u64 {
    let rings: usize = sketch.polygons.iter().flatten().map(Vec::len).sum();
    let lines: usize = sketch.lines.iter().map(Vec::len).sum();
    (sketch.points.len() + lines + rings) as u64
}

fn simplified(input: &Sketch, tolerance: f64, scale: f64) -> Sketch {
    // Points closer than the tolerance are drawn as one dot.
    let mut seen = std::collections::HashSet::new();
    let points = input
        .points
        .iter()
        .filter(|[lon, lat]| {
            seen.insert((
                (lon * scale / tolerance).floor() as i64,
                (lat / tolerance).floor() as i64,
            ))
        })
        .copied()
        .collect();
    let simplify = |line: &[Position], keep: usize| -> Vec<Position> {
        let mut kept = douglas_peucker(line, tolerance, scale);
        if kept.len() < keep {
            // A feature smaller than a pixel still shows, as its first
            // positions.
            kept = line.iter().take(keep).copied().collect();
        }
        kept
    };
    let lines = input.lines.iter().map(|line| simplify(line, 2)).collect();
    let polygons = input
        .polygons
        .iter()
        .map(|rings| {
            let mut kept = vec![simplify(&rings[0], 3)];
            // Holes smaller than the tolerance disappear.
            kept.extend(
                rings[1..]
                    .iter()
                    .map(|ring| douglas_peucker(ring, tolerance, scale))
                    .filter(|ring| ring.len() >= 4),
            );
            kept
        })
        .collect();
    let mut sketch = Sketch {
        bbox: input.bbox,
        points,
        lines,
        polygons,
        input_vertices: input.input_vertices,
        vertices: 0,
        labels: input.labels.clone(),
    };
    sketch.vertices = count(&sketch);
    sketch
}

/// The positions of `line` that keep its shape within `tolerance`
/// (iterative, so that a line of a million positions cannot overflow the
/// stack).
fn douglas_peucker(line: &[Position], tolerance: f64, scale: f64) -> Vec<Position> {
    if line.len() <= 2 {
        return line.to_vec();
    }
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    let mut ranges = vec![(0, line.len() - 1)];
    while let Some((first, last)) = ranges.pop() {
        let (mut farthest, mut distance) = (first, 0.0);
        for i in first + 1..last {
            let d = distance_to_segment(line[i], line[first], line[last], scale);
            if d > distance {
                (farthest, distance) = (i, d);
            }
        }
        if distance > tolerance {
            keep[farthest] = true;
            ranges.push((first, farthest));
            ranges.push((farthest, last));
        }
    }
    line.iter()
        .zip(keep)
        .filter_map(|(p, kept)| kept.then_some(*p))
        .collect()
}

fn distance_to_segment(p: Position, a: Position, b: Position, scale: f64) -> f64 {
    let [px, py] = [p[0] * scale, p[1]];
    let [ax, ay] = [a[0] * scale, a[1]];
    let [bx, by] = [b[0] * scale, b[1]];
    let (dx, dy) = (bx - ax, by - ay);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (py - ay) * dy) / length).clamp(0.0, 1.0)
    };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

/// Adds a GeoJSON geometry object (`{"type": …, "coordinates": …}`) to
/// `builder`; false when it is malformed.
/// Whether `position` is a longitude and a latitude.
fn is_lon_lat([lon, lat]: &Position) -> bool {
    lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0
}

/// A GeoJSON position (`[lon, lat, …]`).
fn position(value: &serde_json::Value) -> Option<Position> {
    let array = value.as_array()?;
    Some([array.first()?.as_f64()?, array.get(1)?.as_f64()?])
}

/// The position of a GeoJSON `Point` geometry; `None` for other types.
pub fn point_of(geometry: &serde_json::Value) -> Option<Position> {
    let is_point = geometry.get("type").and_then(serde_json::Value::as_str) == Some("Point");
    is_point
        .then(|| position(geometry.get("coordinates")?))
        .flatten()
}

pub fn add_geojson(builder: &mut SketchBuilder, geometry: &serde_json::Value) -> bool {
    use serde_json::Value;
    fn positions(value: &Value) -> Option<Vec<Position>> {
        value.as_array()?.iter().map(position).collect()
    }
    fn rings(value: &Value) -> Option<Vec<Vec<Position>>> {
        value.as_array()?.iter().map(positions).collect()
    }
    let coordinates = geometry.get("coordinates");
    let kind = geometry.get("type").and_then(Value::as_str);
    let added = (|| -> Option<()> {
        match kind? {
            "Point" => builder.point(position(coordinates?)?),
            "MultiPoint" => positions(coordinates?)?
                .into_iter()
                .for_each(|p| builder.point(p)),
            "LineString" => builder.line(positions(coordinates?)?),
            "MultiLineString" => rings(coordinates?)?
                .into_iter()
                .for_each(|line| builder.line(line)),
            "Polygon" => builder.polygon(rings(coordinates?)?),
            "MultiPolygon" => {
                let polygons: Option<Vec<_>> = coordinates?.as_array()?.iter().map(rings).collect();
                polygons?.into_iter().for_each(|p| builder.polygon(p));
            }
            "GeometryCollection" => {
                for member in geometry.get("geometries")?.as_array()? {
                    if !add_geojson(builder, member) {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        Some(())
    })();
    added.is_some()
}

/// The sketch of the portal's territory (`[map] territory` of
/// `ouvert.toml`), drawn beneath every map; a file that cannot be read is
/// a warning, and maps are drawn without it.
pub fn territory(
    root: &std::path::Path,
    path: &str,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) -> Option<Sketch> {
    use crate::diagnostics::Diagnostic;
    let problem = |message: String| {
        Diagnostic::warning(format!("the territory {path} cannot be drawn: {message}"))
            .file(path)
            .hint("give a GeoJSON file of the territory's outline, such as one exported from geo.api.gouv.fr or the IGN's ADMIN EXPRESS")
    };
    let value: serde_json::Value = match crate::util::fs::read(&root.join(path))
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    {
        Ok(value) => value,
        Err(message) => {
            diagnostics.push(problem(message));
            return None;
        }
    };
    let mut builder = SketchBuilder::default();
    let geometries: Vec<&serde_json::Value> = match value.get("features").and_then(|f| f.as_array())
    {
        Some(features) => features.iter().filter_map(|f| f.get("geometry")).collect(),
        None => vec![value.get("geometry").unwrap_or(&value)],
    };
    for geometry in geometries {
        add_geojson(&mut builder, geometry);
    }
    let sketch = builder.finish();
    if sketch.polygons.is_empty() && sketch.lines.is_empty() {
        diagnostics.push(problem("it holds no polygon".to_string()));
        return None;
    }
    Some(sketch)
}

/// The column that names a table's rows (`nom`, `EQUIP_NOM`, `libelle`…),
/// to name points on a map; none when the personal-data guard found
/// something in it.
pub fn label_column(table: &super::TableProfile) -> Option<usize> {
    use super::column::ColumnType;
    const NAMES: [&str; 8] = [
        "nom",
        "name",
        "libelle",
        "label",
        "titre",
        "title",
        "designation",
        "denomination",
    ];
    let personal = |name: &str| table.personal_data.iter().any(|f| f.column == name);
    let fits = |exact: bool| {
        table.columns.iter().position(|c| {
            let name = crate::util::text::slugify(&c.name);
            let named = if exact {
                NAMES.contains(&name.as_str())
            } else {
                NAMES
                    .iter()
                    .any(|n| name.starts_with(&format!("{n}-")) || name.ends_with(&format!("-{n}")))
            };
            named && c.kind == ColumnType::String && !personal(&c.name)
        })
    };
    fits(true).or_else(|| fits(false))
}

/// Where a table keeps its positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coordinates {
    /// A latitude column and a longitude column (`EQUIP_LAT`, `EQUIP_LONG`).
    Columns { latitude: usize, longitude: usize },
    /// One column holding both, `lon, lat` or `[lon, lat]` (a Table Schema
    /// `geopoint`, IRVE's `coordonneesXY`).
    Pair { column: usize },
}

/// The columns of `table` that hold positions, found by their names and
/// checked by their values' ranges.
pub fn coordinates(table: &super::TableProfile) -> Option<Coordinates> {
    use super::column::{ColumnType, Scalar};
    let name = |i: usize| table.columns[i].name.to_lowercase();
    let within = |i: usize, limit: f64| {
        let column = &table.columns[i];
        matches!(column.kind, ColumnType::Number | ColumnType::Integer)
            && matches!((&column.min, &column.max), (Some(Scalar::Number(min)), Some(Scalar::Number(max))) if *min >= -limit && *max <= limit)
    };
    let find = |names: &[&str], suffixes: &[&str], limit: f64| {
        (0..table.columns.len()).find(|&i| {
            let name = name(i);
            // `EQUIP_LAT` and `lat_wgs84`, not `latence`.
            let affix = |s: &&str| name.ends_with(s) || name.starts_with(&format!("{}_", &s[1..]));
            (names.contains(&name.as_str()) || suffixes.iter().any(affix)) && within(i, limit)
        })
    };
    let latitude = find(&["lat", "latitude", "y"], &["_lat", "_latitude"], 90.0);
    let longitude = find(
        &["lon", "lng", "long", "longitude", "x"],
        &["_lon", "_lng", "_long", "_longitude"],
        180.0,
    );
    if let (Some(latitude), Some(longitude)) = (latitude, longitude)
        // `x` and `y` are positions only together.
        && (name(latitude) == "y") == (name(longitude) == "x")
    {
        return Some(Coordinates::Columns { latitude, longitude });
    }
    (0..table.columns.len())
        .find(|&i| {
            let name = name(i);
            (name.contains("coordonnees")
                || name.contains("geopoint")
                || name.contains("geo_point")
                || name.contains("coordinates"))
                && table.columns[i]
                    .top
                    .first()
                    .is_some_and(|top| parse_pair(&top.value).is_some())
        })
        .map(|column| Coordinates::Pair { column })
}

/// `[2.35, 48.85]`, `2.35, 48.85` or `2,35 48,85`-free forms: two numbers,
/// longitude first as Table Schema's `geopoint` and IRVE write them.
pub fn parse_pair(text: &str) -> Option<Position> {
    let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
    let (a, b) = inner.split_once(',')?;
    let position = [a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?];
    is_lon_lat(&position).then_some(position)
}

/// A number as a table may write it: decimal point or comma.
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    text.parse()
        .ok()
        .or_else(|| text.replace(',', ".").parse().ok())
}

/// The sketch of the positions in `coordinates` of the rows of a
/// normalised CSV copy (UTF-8, comma-separated, one header row), read as
/// a stream.
fn cell<'a>(batch: &super::tokenizer::Batch<'a>, i: usize, column: usize) -> Option<&'a str> {
    batch
        .cell(i, column)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
}

pub fn sketch_csv(
    path: &std::path::Path,
    coordinates: Coordinates,
    label: Option<usize>,
) -> std::io::Result<Sketch> {
    let file = std::fs::File::open(path)?;
    let mut tokenizer = super::tokenizer::Tokenizer::new(file, b',', b'"', 0, 256 * 1024);
    let mut builder = SketchBuilder::default();
    let mut header = true;
    while let Some(batch) = tokenizer.next_batch(512)? {
        for i in 0..batch.len() {
            if std::mem::take(&mut header) {
                continue;
            }
            let position = match coordinates {
                Coordinates::Columns { latitude, longitude } => cell(&batch, i, longitude)
                    .and_then(parse_number)
                    .zip(cell(&batch, i, latitude).and_then(parse_number))
                    .map(|(lon, lat)| [lon, lat]),
                Coordinates::Pair { column } => cell(&batch, i, column).and_then(parse_pair),
            };
            if let Some(position) = position {
                builder.point(position);
                if let Some(name) = label.and_then(|column| cell(&batch, i, column)) {
                    builder.label(position, name);
                }
            }
        }
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic spread of positions over a city-sized extent.
    fn scattered(n: usize) -> Vec<Position> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| [-1.75 + next() * 0.2, 48.05 + next() * 0.12])
            .collect()
    }

    #[test]
    fn many_points_fit_the_budget() {
        let mut builder = SketchBuilder::default();
        for p in scattered(100_000) {
            builder.point(p);
        }
        let sketch = builder.finish();
        assert_eq!(sketch.input_vertices, 100_000);
        assert!(
            sketch.points.len() <= MAX_VERTICES,
            "{}",
            sketch.points.len()
        );
        assert!(sketch.points.len() > 1_000, "{}", sketch.points.len());
    }

    #[test]
    fn every_polygon_keeps_a_shape() {
        let mut builder = SketchBuilder::default();
        // 2,000 circles of 200 positions each, and a speck.
        for (i, centre) in scattered(2_000).into_iter().enumerate() {
            let radius = 0.0005 + (i % 7) as f64 * 0.0003;
            let ring = (0..=200)
                .map(|k| {
                    let a = k as f64 / 200.0 * std::f64::consts::TAU;
                    [centre[0] + radius * a.cos(), centre[1] + radius * a.sin()]
                })
                .collect();
            builder.polygon(vec![ring]);
        }
        builder.polygon(vec![vec![
            [-1.7, 48.1],
            [-1.7, 48.100001],
            [-1.700001, 48.1],
            [-1.7, 48.1],
        ]]);
        let sketch = builder.finish();
        assert_eq!(sketch.polygons.len(), 2_001);
        assert!(sketch.polygons.iter().all(|p| p[0].len() >= 3));
        assert!(
            sketch.vertices as usize <= MAX_VERTICES,
            "{}",
            sketch.vertices
        );
    }

    #[test]
    fn positions_that_are_not_coordinates_are_left_out() {
        let mut builder = SketchBuilder::default();
        builder.point([f64::NAN, 1.0]);
        builder.point([200.0, 10.0]);
        builder.point([2.35, 48.85]);
        let sketch = builder.finish();
        assert_eq!(sketch.points, vec![[2.35, 48.85]]);
        assert_eq!(sketch.bbox, Some([2.35, 48.85, 2.35, 48.85]));
    }

    #[test]
    fn geopoints_are_longitude_first() {
        assert_eq!(parse_pair("[2.3522, 48.8566]"), Some([2.3522, 48.8566]));
        assert_eq!(parse_pair(" -1.68,48.11 "), Some([-1.68, 48.11]));
        assert_eq!(parse_pair("48.11"), None);
        assert_eq!(parse_pair("[300, 10]"), None);
    }

    #[test]
    fn reads_geojson_geometries() {
        let mut builder = SketchBuilder::default();
        let geometry: serde_json::Value = serde_json::from_str(
            r#"{"type": "GeometryCollection", "geometries": [
                {"type": "Point", "coordinates": [2.0, 48.0]},
                {"type": "LineString", "coordinates": [[2.0, 48.0], [2.1, 48.1]]},
                {"type": "MultiPolygon", "coordinates": [[[[2, 48], [2.1, 48], [2.1, 48.1], [2, 48]]]]}
            ]}"#,
        )
        .unwrap();
        assert!(add_geojson(&mut builder, &geometry));
        assert!(!add_geojson(
            &mut builder,
            &serde_json::json!({"type": "Point"})
        ));
        let sketch = builder.finish();
        assert_eq!(
            (
                sketch.points.len(),
                sketch.lines.len(),
                sketch.polygons.len()
            ),
            (1, 1, 1)
        );
    }
}

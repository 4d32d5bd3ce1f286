//! Map previews of files with geometries: inline SVG drawn at build time.

mod common;

use common::{CONFIG, Fixture};

fn geojson(features: &[String]) -> String {
    format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [{}]}}",
        features.join(",")
    )
}

fn point(i: usize, lon: f64, lat: f64) -> String {
    format!(
        "{{\"type\": \"Feature\", \"properties\": {{\"id\": {i}}}, \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon}, {lat}]}}}}"
    )
}

fn portal(file: String) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/bornes/index.md",
            "---\ntitle: Bornes\nresources:\n  - path: bornes.geojson\n    title: Bornes de recharge\n---\n\nLes bornes.\n",
        )
        .file("portal/datasets/bornes/bornes.geojson", file)
}

#[test]
fn a_geojson_file_gets_a_map_with_a_text_alternative() {
    let features = vec![
        point(1, -1.68, 48.11),
        point(2, -1.65, 48.12),
        "{\"type\": \"Feature\", \"properties\": {\"id\": 3}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[-1.70, 48.10], [-1.66, 48.10], [-1.66, 48.13], [-1.70, 48.10]]]}}".to_string(),
    ];
    let fixture = portal(geojson(&features));
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/bornes/index.html");
    assert!(
        page.contains("<svg class=\"map\" viewBox=\"0 0 640 "),
        "{page}"
    );
    assert!(page.contains(
        "role=\"img\" aria-labelledby=\"resource-bornes-de-recharge-map-title\"><title id=\"resource-bornes-de-recharge-map-title\">Carte\u{a0}: Bornes de recharge</title>"
    ));
    assert!(page.contains("<path class=\"map-areas\" d=\"M"));
    assert!(page.contains("<path class=\"map-points\" d=\"M"));
    assert!(page.contains("<figcaption>Les données du fichier, dessinées sans fond de carte\u{a0}; le tableau ci-dessous en donne le détail.</figcaption>"));
    // The table alternative: the features' properties.
    assert!(page.contains("<table class=\"preview\""));
}

#[test]
fn a_map_of_a_hundred_thousand_points_stays_light() {
    let features: Vec<String> = (0..100_000)
        .map(|i| {
            let (a, b) = ((i * 7919) % 1000, (i * 104_729) % 997);
            point(i, -1.75 + a as f64 * 0.0002, 48.05 + b as f64 * 0.00012)
        })
        .collect();
    let file = geojson(&features);
    let fixture = portal(file);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/bornes/index.html");
    let start = page.find("<svg class=\"map\"").unwrap();
    let end = start + page[start..].find("</svg>").unwrap() + 6;
    assert!(
        end - start <= 300 * 1024,
        "the map weighs {} bytes",
        end - start
    );
    assert!(
        page.contains("Tracé simplifié pour rester léger\u{a0}:"),
        "simplification is said"
    );
}

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
fn a_map_of_a_50_mb_geojson_of_a_hundred_thousand_points_stays_light() {
    // Each feature carries an address and a description, as exports of
    // equipment or charging points do: 100,000 of them weigh 50 MB.
    let description = "Point de collecte accessible aux personnes à mobilité réduite, ouvert tous les jours de 7 h à 22 h, vidé deux fois par semaine par le service de propreté urbaine. ".repeat(2);
    let features: Vec<String> = (0..100_000u64)
        .map(|i| {
            let (a, b) = ((i * 7919) % 1000, (i * 104_729) % 997);
            let (lon, lat) = (-1.75 + a as f64 * 0.0002, 48.05 + b as f64 * 0.00012);
            format!(
                "{{\"type\": \"Feature\", \"properties\": {{\"id\": {i}, \"adresse\": \"{i} rue de la République, 35000 Clairval\", \"description\": \"{description}\"}}, \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon}, {lat}]}}}}"
            )
        })
        .collect();
    let file = geojson(&features);
    assert!(file.len() >= 50_000_000, "{} bytes", file.len());
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

fn table_portal(name: &str, content: Vec<u8>) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/lieux/index.md",
            format!("---\ntitle: Lieux\nresources:\n  - path: {name}\n    title: Lieux\n---\n\nLes lieux.\n"),
        )
        .file(&format!("portal/datasets/lieux/{name}"), content)
}

fn map_of(fixture: &Fixture) -> String {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/lieux/index.html");
    let start = page.find("<svg class=\"map\"").expect("a map");
    page[start..start + page[start..].find("</svg>").unwrap()].to_string()
}

#[test]
fn a_table_with_latitude_and_longitude_columns_gets_a_map() {
    // As office software writes SCDL equipment lists: semicolons, decimal
    // commas, Windows-1252.
    let (csv, _, _) = encoding_rs::WINDOWS_1252.encode(
        "EQUIP_NOM;EQUIP_LAT;EQUIP_LONG\nMédiathèque;48,1113;-1,6800\nPiscine;48,1201;-1,6532\nGymnase;48,1050;-1,7010\n",
    );
    let map = map_of(&table_portal("equipements.csv", csv.into_owned()));
    assert_eq!(map.matches("h0").count(), 3, "{map}");
}

#[test]
fn a_table_with_geopoints_gets_a_map() {
    // IRVE's coordonneesXY: `[longitude, latitude]`.
    let csv = "id_pdc;coordonneesXY\nA;[-1.68, 48.11]\nB;[-1.65, 48.12]\n";
    let map = map_of(&table_portal("irve.csv", csv.as_bytes().to_vec()));
    assert_eq!(map.matches("h0").count(), 2, "{map}");
}

#[test]
fn numbers_named_like_coordinates_but_out_of_range_give_no_map() {
    let csv = "lat,long\n1200,45000\n1300,46000\n";
    let fixture = table_portal("mesures.csv", csv.as_bytes().to_vec());
    assert_eq!(fixture.build().code, 0);
    assert!(
        !fixture
            .read("out/datasets/lieux/index.html")
            .contains("<svg class=\"map\"")
    );
}

const TERRITORY: &str = r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[-1.75, 48.08], [-1.62, 48.08], [-1.62, 48.15], [-1.75, 48.15], [-1.75, 48.08]]]}}]}"#;

#[test]
fn the_territory_is_drawn_beneath_every_map() {
    let fixture = portal(geojson(&[point(1, -1.68, 48.11)]))
        .file(
            "portal/ouvert.toml",
            format!("{CONFIG}\n[map]\nterritory = \"static/territoire.geojson\"\n"),
        )
        .file("portal/static/territoire.geojson", TERRITORY);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/bornes/index.html");
    let (outline, dots) = (
        page.find("<path class=\"map-territory\" d=\"M")
            .expect("the outline"),
        page.find("<path class=\"map-points\"").unwrap(),
    );
    assert!(outline < dots);
}

#[test]
fn a_territory_that_is_missing_or_unreadable_is_reported() {
    let missing = Fixture::new().file(
        "portal/ouvert.toml",
        format!("{CONFIG}\n[map]\nterritory = \"static/nulle-part.geojson\"\n"),
    );
    let run = missing.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: the territory `static/nulle-part.geojson` does not exist in the portal folder\n  --> ouvert.toml:11:13\n"),
        "{}",
        run.stderr
    );
    let broken = portal(geojson(&[point(1, -1.68, 48.11)]))
        .file(
            "portal/ouvert.toml",
            format!("{CONFIG}\n[map]\nterritory = \"static/territoire.geojson\"\n"),
        )
        .file(
            "portal/static/territoire.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": []}",
        );
    let run = broken.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: the territory static/territoire.geojson cannot be drawn: it holds no polygon\n"),
        "{}",
        run.stderr
    );
    // The map is still drawn, without it.
    assert!(
        broken
            .read("out/datasets/bornes/index.html")
            .contains("<svg class=\"map\"")
    );
}

#[test]
fn a_column_merely_starting_with_lat_is_not_a_latitude() {
    // `latence` (a delay) beside a real longitude: no map.
    let csv = "latence,lon\n12,-1.68\n15,-1.65\n";
    let fixture = table_portal("delais.csv", csv.as_bytes().to_vec());
    assert_eq!(fixture.build().code, 0);
    assert!(
        !fixture
            .read("out/datasets/lieux/index.html")
            .contains("<svg class=\"map\"")
    );
}

#[test]
fn a_rebuild_from_the_cache_keeps_the_map() {
    let csv = "nom,lat,lon\nA,48.11,-1.68\nB,48.12,-1.65\n";
    let fixture = table_portal("lieux.csv", csv.as_bytes().to_vec());
    let first = map_of(&fixture);
    // The second build takes the profile, and its sketch, from the cache.
    assert_eq!(map_of(&fixture), first);
}

/// The names of a page's points, from the JSON beside its map.
fn labels(page: &str) -> Option<Vec<(f64, f64, String)>> {
    let start = page.find("<script type=\"application/json\" class=\"map-labels\">")?;
    let json = &page[start..];
    let json = &json[json.find('>')? + 1..json.find("</script>")?];
    Some(serde_json::from_str(json).expect("the names are JSON"))
}

#[test]
fn named_points_can_be_named_on_the_map_and_the_page_loads_its_script() {
    let csv = "EQUIP_NOM;EQUIP_LAT;EQUIP_LONG\nMédiathèque;48,1113;-1,6800\n</script><script>alert(1)</script>;48,1201;-1,6532\n";
    let fixture = table_portal("equipements.csv", csv.as_bytes().to_vec());
    map_of(&fixture);
    let page = fixture.read("out/datasets/lieux/index.html");
    assert!(page.contains("<script src=\"../../assets/map.js\" defer></script>"));
    assert!(fixture.path("out/assets/map.js").exists());
    // A name cannot close the script element that holds it.
    assert_eq!(page.matches("<script>alert(1)").count(), 0);
    let labels = labels(&page).expect("names beside the map");
    let names: Vec<&str> = labels.iter().map(|(_, _, n)| n.as_str()).collect();
    assert_eq!(names, ["Médiathèque", "</script><script>alert(1)</script>"]);
    // In the map's coordinates: inside its view box.
    assert!(
        labels
            .iter()
            .all(|(x, y, _)| (0.0..=640.0).contains(x) && *y >= 0.0)
    );
}

#[test]
fn many_points_or_unnamed_points_carry_no_names() {
    let mut csv = String::from("nom,latitude,longitude\n");
    for i in 0..501 {
        csv.push_str(&format!(
            "Borne {i},{},{}\n",
            48.0 + i as f64 * 0.0001,
            -1.7
        ));
    }
    let fixture = table_portal("bornes.csv", csv.into_bytes());
    map_of(&fixture);
    let page = fixture.read("out/datasets/lieux/index.html");
    assert_eq!(labels(&page), None, "501 names would outweigh the map");
    assert!(page.contains("assets/map.js"), "pan and zoom still help");

    let fixture = table_portal(
        "points.csv",
        b"id,lat,lon\n1,48.1,-1.7\n2,48.2,-1.6\n".to_vec(),
    );
    map_of(&fixture);
    assert_eq!(labels(&fixture.read("out/datasets/lieux/index.html")), None);
}

#[test]
fn a_page_without_a_map_loads_no_script() {
    let fixture = table_portal("montants.csv", b"annee,montant\n2024,12\n".to_vec());
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/lieux/index.html");
    assert!(!page.contains("map.js"));
    assert!(!page.contains("<svg class=\"map\""));
}

#[test]
fn geojson_points_are_named_by_their_name_property() {
    let feature = |name: &str, lon: f64, lat: f64| {
        format!(
            "{{\"type\": \"Feature\", \"properties\": {{\"id\": 1, \"nom\": \"{name}\"}}, \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{lon}, {lat}]}}}}"
        )
    };
    let fixture = portal(geojson(&[
        feature("Borne de la gare", -1.68, 48.11),
        feature("Borne du marché", -1.65, 48.12),
    ]));
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/bornes/index.html");
    let names: Vec<String> = labels(&page)
        .expect("names")
        .into_iter()
        .map(|l| l.2)
        .collect();
    assert_eq!(names, ["Borne de la gare", "Borne du marché"]);
}

//! GeoJSON reading (properties as a table, geometries, the map's sketch),
//! then drawing its map, on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ouvert::profile::{self, Reading};
use ouvert::vocab::FileKind;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("data.geojson");
    std::fs::write(&path, data).expect("write input");
    let reading = Reading::profile_and_personal_data();
    if let Some(Ok(outcome)) = profile::read(&path, FileKind::GeoJson, 1, &reading)
        && let Some(sketch) = outcome.profile.and_then(|p| p.sketch)
    {
        let _ = ouvert::render::map::svg(&sketch, None, "m", "map");
        let _ = ouvert::render::map::labels(&sketch, None);
    }
});

//! XLSX reading (calamine, then profiling each sheet), on any bytes: most
//! inputs are broken ZIP archives, which must give an error, never a
//! crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ouvert::profile::{self, Reading};
use ouvert::vocab::FileKind;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("data.xlsx");
    std::fs::write(&path, data).expect("write input");
    let _ = profile::read(
        &path,
        FileKind::Xlsx,
        1,
        &Reading::profile_and_personal_data(),
    );
});

//! Encoding and dialect sniffing, CSV profiling with the personal-data
//! scan, and the normalised copies, on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ouvert::profile::{self, Reading};
use ouvert::vocab::FileKind;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("data.csv");
    std::fs::write(&path, data).expect("write input");
    let reading = Reading::profile_and_personal_data();
    if let Some(Ok(outcome)) = profile::read(&path, FileKind::Csv, 1, &reading)
        && let Some(profile) = outcome.profile
    {
        let _ = profile::normalize::in_folder(
            &path,
            FileKind::Csv,
            &profile,
            &dir.path().join("copies"),
        );
    }
});

//! The `delimited` target: see `tests/common/fuzz.rs`, shared with the
//! regression tests.
#![no_main]

#[path = "../../tests/common/fuzz.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::delimited(data));

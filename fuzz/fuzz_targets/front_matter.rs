//! Front matter (YAML or TOML) of datasets, organizations and pages, and
//! the Markdown of their bodies, on any text.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use ouvert::load::Document;
use ouvert::load::raw::{RawDataset, RawOrganization, RawPage};
use ouvert::render::markdown::{LinkContext, to_html};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = Document::split("datasets/x/index.md", text.to_string()) else {
        return;
    };
    let _ = doc.parse::<RawDataset>();
    let _ = doc.parse::<RawOrganization>();
    let _ = doc.parse::<RawPage>();
    let links = BTreeMap::new();
    for raw_html in [false, true] {
        let context = LinkContext {
            source: "datasets/x/index.md",
            page: "datasets/x/index.html",
            links: &links,
            raw_html,
        };
        let _ = to_html(doc.body(), &context);
    }
});

//! Table Schema parsing, then validation of rows against it. The input is
//! the schema's JSON, a NUL byte, then CSV-like rows (first the header).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ouvert::schema::Schema;
use ouvert::schema::validator::Validator;

fuzz_target!(|data: &[u8]| {
    let (schema, rows) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(schema) = std::str::from_utf8(schema) else {
        return;
    };
    let Ok(schema) = Schema::parse(schema) else {
        return;
    };
    let rows = String::from_utf8_lossy(rows);
    let mut lines = rows.lines();
    let header: Vec<&str> = match lines.next() {
        Some(line) => line.split(',').collect(),
        None => schema.fields.iter().map(|f| f.name.as_str()).collect(),
    };
    let collect = vec![
        schema
            .fields
            .iter()
            .take(1)
            .map(|f| f.name.clone())
            .collect(),
    ];
    let validator = Validator::new(&schema, &header, true, &collect);
    let mut state = validator.state();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        validator.push_row(&mut state, &cells);
    }
    let _ = validator.finish(state);
});

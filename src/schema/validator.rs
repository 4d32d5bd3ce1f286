//! Validating a table against a schema, row by row, as the table is read.
//!
//! A [`Validator`] is made once per table from the schema and the file's
//! header; it is shared by the threads reading the table's parts, each of
//! which fills a [`TableState`]. States merge in file order, so the result
//! is that of a single pass whatever the number of threads. Memory is
//! bounded by the errors kept and by the keys that must be remembered
//! (unique values, primary and foreign keys): 16 bytes per distinct key.

use std::collections::BTreeMap;

use std::hash::{BuildHasherDefault, Hasher};

use super::checks::{BoundCheck, CheckFailure};
use super::report::{Detail, KEPT_ERRORS, Problem, Severity, Status, ValidationReport};
use super::value::{Input, Value};
use super::{Field, FieldType, Schema};

/// Keys are 128-bit hashes, or integers themselves for a unique integer
/// column: the table's hasher folds them with one multiplication, which
/// spreads consecutive identifiers over the table's control bytes.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u128(&mut self, key: u128) {
        let folded = (key as u64) ^ ((key >> 64) as u64);
        let spread = u128::from(folded) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (spread as u64) ^ ((spread >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<V> = hashbrown::HashMap<u128, V, BuildHasherDefault<KeyHasher>>;
type HashSet = hashbrown::HashSet<u128, BuildHasherDefault<KeyHasher>>;

/// Longest cell text kept in a problem.
const SHOWN_CHARS: usize = 200;
/// Rows remembered per missing foreign key value.
const KEPT_ROWS: usize = KEPT_ERRORS;

/// Validates the rows of one table against a schema.
pub struct Validator<'s> {
    schema: &'s Schema,
    /// Names of the file's columns.
    labels: Vec<String>,
    header: bool,
    /// Schema field index → file column.
    columns: Vec<Option<usize>>,
    /// File column → schema field index.
    fields_of_columns: Vec<Option<usize>>,
    header_problems: Vec<Problem>,
    checks: Vec<BoundCheck>,
    unique_fields: Vec<usize>,
    /// Field indices of the primary key, when every one is in the file.
    primary_key: Option<Vec<usize>>,
    /// Field indices of each foreign key whose fields are in the file.
    foreign_keys: Vec<Option<Vec<usize>>>,
    /// Keys other tables refer to: column sets whose values are collected.
    collected_keys: Vec<Vec<usize>>,
    /// Whether rows need their cast values kept (checks and keys).
    keeps_values: bool,
}

/// What the rows of one part of a table gave.
#[derive(Debug, Default)]
pub struct TableState {
    rows: u64,
    counts: BTreeMap<&'static str, u64>,
    errors: Vec<Problem>,
    /// Per unique field: key → first row.
    uniques: Vec<HashMap<u64>>,
    primary: HashMap<u64>,
    /// Per foreign key: key → its uses.
    references: Vec<HashMap<KeyUse>>,
    /// Per collected key: the keys present.
    keys: Vec<HashSet>,
    /// Reused for canonical encodings of keys.
    scratch: Vec<u8>,
}

/// Where a foreign key value is used.
#[derive(Debug, Clone, Default)]
struct KeyUse {
    count: u64,
    rows: Vec<u64>,
    text: String,
}

/// The keys of a table, kept after its report for foreign keys.
#[derive(Debug, Default)]
pub struct Keys {
    /// Per collected key (in the order asked for): the keys present.
    present: Vec<KeySet>,
    /// Per foreign key of the schema: the values used and where.
    references: Vec<HashMap<KeyUse>>,
    /// Per foreign key of the schema: the column (from 1) of its first
    /// field in the file, named in its errors.
    reference_columns: Vec<Option<usize>>,
}

impl Keys {
    /// The values of the `index`-th collected column set.
    pub fn present(&self, index: usize) -> Option<&KeySet> {
        self.present.get(index)
    }

    /// Adds to `report` an error for each row whose values of the
    /// `index`-th foreign key are not among `present` (the values of the
    /// table it refers to). `header` says whether row numbers start after
    /// a header row.
    pub fn check_reference(
        &self,
        index: usize,
        key: &super::ForeignKey,
        present: &KeySet,
        header: bool,
        report: &mut ValidationReport,
    ) {
        let Some(uses) = self.references.get(index) else {
            return;
        };
        let column_number = self.reference_columns.get(index).copied().flatten();
        let mut missing: Vec<&KeyUse> = uses
            .iter()
            .filter(|(k, _)| !present.0.contains(*k))
            .map(|(_, u)| u)
            .collect();
        if missing.is_empty() {
            return;
        }
        missing.sort_by_key(|u| u.rows.first().copied());
        let count: u64 = missing.iter().map(|u| u.count).sum();
        *report
            .error_counts
            .entry("foreign-key".to_string())
            .or_default() += count;
        for used in missing {
            for row in &used.rows {
                report.errors.push(Problem {
                    kind: "foreign-key".to_string(),
                    severity: Severity::Error,
                    row: Some(row + u64::from(header)),
                    column: key.fields.first().cloned(),
                    column_number,
                    value: Some(crate::util::text::truncate_chars(&used.text, SHOWN_CHARS)),
                    detail: Detail::ForeignKey {
                        fields: key.fields.clone(),
                        resource: key.resource.clone(),
                        reference: key.reference_fields.clone(),
                    },
                });
            }
        }
        report
            .errors
            .sort_by_key(|p| (p.row.unwrap_or(0), p.column_number));
        report.errors.truncate(KEPT_ERRORS);
        report.status = Status::Invalid;
    }
}

/// The values of a column set of a table.
#[derive(Debug, Default)]
pub struct KeySet(HashSet);

impl<'s> Validator<'s> {
    /// A validator for a table whose columns are named `labels` (its
    /// header, or `column_1`… when it has none). `collect` lists the
    /// column sets other tables refer to by foreign keys.
    pub fn new(
        schema: &'s Schema,
        labels: &[&str],
        header: bool,
        collect: &[Vec<String>],
    ) -> Validator<'s> {
        let mut validator = Validator {
            schema,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            header,
            columns: vec![None; schema.fields.len()],
            fields_of_columns: vec![None; labels.len()],
            header_problems: Vec::new(),
            checks: Vec::new(),
            unique_fields: Vec::new(),
            primary_key: None,
            foreign_keys: Vec::new(),
            collected_keys: Vec::new(),
            keeps_values: false,
        };
        if header {
            validator.bind_by_name();
        } else {
            for (i, _) in schema.fields.iter().enumerate().take(labels.len()) {
                validator.columns[i] = Some(i);
                validator.fields_of_columns[i] = Some(i);
            }
        }
        validator.unique_fields = (0..schema.fields.len())
            .filter(|&i| schema.fields[i].constraints.unique && validator.columns[i].is_some())
            .collect();
        let index = |name: &String| schema.fields.iter().position(|f| &f.name == name);
        let bound = |names: &[String]| -> Option<Vec<usize>> {
            names
                .iter()
                .map(|n| index(n).filter(|&i| validator.columns[i].is_some()))
                .collect()
        };
        validator.primary_key = bound(&schema.primary_key).filter(|k| !k.is_empty());
        validator.foreign_keys = schema
            .foreign_keys
            .iter()
            .map(|fk| bound(&fk.fields))
            .collect();
        // Collected keys name fields of the schema, or columns of the file.
        validator.collected_keys = collect
            .iter()
            .filter_map(|names| {
                names
                    .iter()
                    .map(|n| {
                        index(n)
                            .and_then(|i| validator.columns[i])
                            .or_else(|| validator.labels.iter().position(|l| l == n))
                    })
                    .collect()
            })
            .collect();
        let label_refs: Vec<&str> = validator.labels.iter().map(String::as_str).collect();
        validator.checks = schema
            .custom_checks
            .iter()
            .filter_map(|c| c.bind(&label_refs))
            .collect();
        // Some checks fail for the table as a whole (a column set present
        // in part only): once, at the header, as Validata reports them.
        let table_failures: Vec<Problem> = validator
            .checks
            .iter()
            .filter_map(|check| {
                let detail = check.table_failure()?;
                Some(validator.header_problem(
                    check.name(),
                    Severity::Error,
                    None,
                    "",
                    Detail::Check { en: detail.message_en(), fr: detail.message_fr() },
                ))
            })
            .collect();
        validator.header_problems.extend(table_failures);
        validator.keeps_values = !validator.checks.is_empty()
            || validator.primary_key.is_some()
            || validator.foreign_keys.iter().any(Option::is_some)
            || !validator.collected_keys.is_empty();
        validator
    }

    /// Matches the file's columns to the schema's fields by name, the way
    /// Validata does: columns may be missing, extra or in another order
    /// (warnings), unless a missing column is required (an error).
    fn bind_by_name(&mut self) {
        let schema = self.schema;
        let mut taken = vec![false; self.labels.len()];
        let mut problems = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            if label.trim().is_empty() {
                problems.push(self.header_problem(
                    "blank-label",
                    Severity::Error,
                    Some(i),
                    label,
                    Detail::BlankLabel,
                ));
                taken[i] = true;
            } else if self.labels[..i].contains(label) {
                problems.push(self.header_problem(
                    "duplicate-label",
                    Severity::Error,
                    Some(i),
                    label,
                    Detail::DuplicateLabel,
                ));
                taken[i] = true;
            }
        }
        for (f, field) in schema.fields.iter().enumerate() {
            let exact = (0..self.labels.len()).find(|&i| !taken[i] && self.labels[i] == field.name);
            let loose = || {
                (0..self.labels.len()).find(|&i| {
                    !taken[i] && self.labels[i].trim().to_lowercase() == field.name.to_lowercase()
                })
            };
            match exact.or_else(loose) {
                Some(i) => {
                    taken[i] = true;
                    self.columns[f] = Some(i);
                    self.fields_of_columns[i] = Some(f);
                    if exact.is_none() {
                        problems.push(Problem {
                            column: Some(field.name.clone()),
                            ..self.header_problem(
                                "incorrect-label",
                                Severity::Warning,
                                Some(i),
                                &field.name,
                                Detail::IncorrectLabel { label: self.labels[i].clone() },
                            )
                        });
                    }
                }
                None => {
                    let required = field.constraints.required;
                    let severity = if required {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    problems.push(self.header_problem(
                        "missing-label",
                        severity,
                        None,
                        &field.name,
                        Detail::MissingLabel { required },
                    ));
                }
            }
        }
        // A schema without fields (`ouvert validate` with no schema) checks
        // the structure only: its columns are not "extra".
        let declares_columns = !schema.fields.is_empty();
        for (i, label) in self.labels.iter().enumerate() {
            if !taken[i] && declares_columns {
                problems.push(self.header_problem(
                    "extra-label",
                    Severity::Warning,
                    Some(i),
                    label,
                    Detail::ExtraLabel,
                ));
            }
        }
        // Like Validata, order is only worth a word once the columns match.
        let bound: Vec<usize> = self.columns.iter().flatten().copied().collect();
        if problems
            .iter()
            .all(|p| p.kind != "missing-label" && p.kind != "extra-label")
            && bound.windows(2).any(|w| w[0] > w[1])
        {
            let expected = schema.fields.iter().map(|f| f.name.clone()).collect();
            problems.push(self.header_problem(
                "disordered-labels",
                Severity::Warning,
                None,
                "",
                Detail::DisorderedLabels { expected },
            ));
        }
        self.header_problems = problems;
    }

    fn header_problem(
        &self,
        kind: &str,
        severity: Severity,
        column: Option<usize>,
        name: &str,
        detail: Detail,
    ) -> Problem {
        Problem {
            kind: kind.to_string(),
            severity,
            row: self.header.then_some(1),
            column: (!name.is_empty()).then(|| name.to_string()),
            column_number: column.map(|c| c + 1),
            value: None,
            detail,
        }
    }

    /// A state for reading a part of the table.
    pub fn state(&self) -> TableState {
        TableState {
            uniques: vec![HashMap::default(); self.unique_fields.len()],
            references: vec![HashMap::default(); self.schema.foreign_keys.len()],
            keys: vec![HashSet::default(); self.collected_keys.len()],
            ..TableState::default()
        }
    }

    /// Checks one row of the part `state` reads.
    pub fn push_row<T: AsRef<str>>(&self, state: &mut TableState, cells: &[T]) {
        // Most tables are narrow: their cells are lent without allocating.
        const NARROW: usize = 32;
        if cells.len() <= NARROW {
            let mut texts = [""; NARROW];
            for (text, cell) in texts.iter_mut().zip(cells) {
                *text = cell.as_ref();
            }
            self.push_cells(state, &texts[..cells.len()]);
        } else {
            let texts: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
            self.push_cells(state, &texts);
        }
    }

    fn push_cells(&self, state: &mut TableState, cells: &[&str]) {
        state.rows += 1;
        let row = state.rows;
        let missing = &self.schema.missing_values;
        if cells
            .iter()
            .all(|c| c.is_empty() || missing.iter().any(|m| m == c))
        {
            state.error("blank-row", row, None, None, "", Detail::BlankRow);
            // Validata still runs its custom checks on a blank row (a
            // `one-of-required` fails there); nothing else applies.
            let values = vec![Value::Null; self.labels.len()];
            self.run_checks(state, row, cells, &values);
            return;
        }
        for (i, cell) in cells.iter().enumerate().skip(self.labels.len()) {
            state.error("extra-cell", row, Some(i), None, cell, Detail::ExtraCell);
        }
        let mut values: Vec<Value> = Vec::new();
        if self.keeps_values {
            values.resize(self.labels.len(), Value::Null);
        }
        for (f, field) in self.schema.fields.iter().enumerate() {
            let Some(column) = self.columns[f] else {
                continue;
            };
            let Some(text) = cells.get(column) else {
                state.error(
                    "missing-cell",
                    row,
                    Some(column),
                    Some(&field.name),
                    "",
                    Detail::MissingCell,
                );
                continue;
            };
            let value = match field.caster.cast(Input::Text(text)) {
                Ok(value) => value,
                Err(_) => {
                    let detail = Detail::Type {
                        field_type: field.kind.name().to_string(),
                        format: field.format.clone(),
                    };
                    state.error(
                        "type-error",
                        row,
                        Some(column),
                        Some(&field.name),
                        text,
                        detail,
                    );
                    continue;
                }
            };
            self.check_constraints(state, row, column, field, text, &value);
            if let Some(u) = self.unique_fields.iter().position(|&u| u == f)
                && !value.is_null()
            {
                // One column's values all have its type: an integer is its
                // own key, exact and with nothing to hash.
                let key = match value {
                    Value::Integer(n) => n as u128,
                    _ => state.key(std::slice::from_ref(&value)),
                };
                if let Some(first_row) = state.uniques[u].try_insert_first(key, row) {
                    state.error(
                        "unique-error",
                        row,
                        Some(column),
                        Some(&field.name),
                        text,
                        Detail::Unique { first_row },
                    );
                }
            }
            if self.keeps_values {
                values[column] = value;
            }
        }
        if !self.keeps_values {
            return;
        }
        for (column, value) in values.iter_mut().enumerate() {
            if self.fields_of_columns[column].is_none() {
                *value = Value::String(cells.get(column).copied().unwrap_or("").into());
            }
        }
        if let Some(key_fields) = &self.primary_key {
            let parts: Vec<Value> = key_fields
                .iter()
                .map(|&f| values[self.columns[f].unwrap_or(0)].clone())
                .collect();
            if parts.iter().all(|v| !v.is_null()) {
                let key = state.key(&parts);
                if let Some(first_row) = state.primary.try_insert_first(key, row) {
                    let fields = key_fields
                        .iter()
                        .map(|&f| self.schema.fields[f].name.clone())
                        .collect();
                    let text = parts
                        .iter()
                        .map(Value::to_text)
                        .collect::<Vec<_>>()
                        .join(", ");
                    state.error(
                        "primary-key",
                        row,
                        None,
                        None,
                        &text,
                        Detail::PrimaryKey { fields, first_row },
                    );
                }
            }
        }
        for (k, key_fields) in self.foreign_keys.iter().enumerate() {
            let Some(key_fields) = key_fields else {
                continue;
            };
            let parts: Vec<Value> = key_fields
                .iter()
                .map(|&f| values[self.columns[f].unwrap_or(0)].clone())
                .collect();
            if parts.iter().any(Value::is_null) {
                continue;
            }
            let key = state.key(&parts);
            let used = state.references[k].entry(key).or_default();
            if used.count == 0 {
                used.text = parts
                    .iter()
                    .map(Value::to_text)
                    .collect::<Vec<_>>()
                    .join(", ");
            }
            used.count += 1;
            if used.rows.len() < KEPT_ROWS {
                used.rows.push(row);
            }
        }
        for (k, columns) in self.collected_keys.iter().enumerate() {
            let parts: Vec<Value> = columns.iter().map(|&c| values[c].clone()).collect();
            if parts.iter().all(|v| !v.is_null()) {
                let key = state.key(&parts);
                state.keys[k].insert(key);
            }
        }
        self.run_checks(state, row, cells, &values);
    }

    fn run_checks(&self, state: &mut TableState, row: u64, cells: &[&str], values: &[Value]) {
        if self.checks.is_empty() {
            return;
        }
        let mut failures: Vec<CheckFailure> = Vec::new();
        // Checks read every column of the header, short rows included.
        let padded: Vec<&str>;
        let texts = if cells.len() < self.labels.len() {
            padded = (0..self.labels.len())
                .map(|i| cells.get(i).copied().unwrap_or(""))
                .collect();
            &padded[..]
        } else {
            cells
        };
        for check in &self.checks {
            check.check(texts, values, &mut failures);
        }
        for failure in failures {
            let column_name = self.labels.get(failure.column).cloned();
            let text = cells.get(failure.column).copied().unwrap_or("");
            let detail = Detail::Check {
                en: failure.detail.message_en(),
                fr: failure.detail.message_fr(),
            };
            state.error(
                failure.check,
                row,
                Some(failure.column),
                column_name.as_deref(),
                text,
                detail,
            );
        }
    }

    fn check_constraints(
        &self,
        state: &mut TableState,
        row: u64,
        column: usize,
        field: &Field,
        text: &str,
        value: &Value,
    ) {
        let constraints = &field.constraints;
        if constraints.is_empty() {
            return;
        }
        let mut fail = |detail: Detail| {
            state.error(
                "constraint-error",
                row,
                Some(column),
                Some(&field.name),
                text,
                detail,
            )
        };
        if value.is_null() {
            if constraints.required {
                fail(Detail::Required);
            }
            return;
        }
        let order = |bound: &super::Bound| value.compare(&bound.value);
        use std::cmp::Ordering::{Greater, Less};
        if let Some(bound) = &constraints.minimum
            && order(bound) == Some(Less)
        {
            fail(Detail::Minimum { bound: bound.text.clone() });
        }
        if let Some(bound) = &constraints.maximum
            && order(bound) == Some(Greater)
        {
            fail(Detail::Maximum { bound: bound.text.clone() });
        }
        if let Some(bound) = &constraints.exclusive_minimum
            && order(bound) != Some(Greater)
        {
            fail(Detail::ExclusiveMinimum { bound: bound.text.clone() });
        }
        if let Some(bound) = &constraints.exclusive_maximum
            && order(bound) != Some(Less)
        {
            fail(Detail::ExclusiveMaximum { bound: bound.text.clone() });
        }
        if constraints.min_length.is_some() || constraints.max_length.is_some() {
            let characters = match value {
                Value::String(s) => s,
                _ => text,
            };
            let length = || match value {
                Value::Json(serde_json::Value::Array(items)) => items.len(),
                Value::Json(serde_json::Value::Object(map)) => map.len(),
                _ => characters.chars().count(),
            };
            // The byte length bounds the character count from above: most
            // cells are shorter than a maximum without counting.
            let at_most = match value {
                Value::Json(_) => length(),
                _ => characters.len(),
            };
            if let Some(min) = constraints.min_length
                && (at_most < min || length() < min)
            {
                fail(Detail::MinLength { length: min });
            }
            if let Some(max) = constraints.max_length
                && at_most > max
                && length() > max
            {
                fail(Detail::MaxLength { length: max });
            }
        }
        if let Some(pattern) = &constraints.pattern
            && matches!(field.kind, FieldType::String | FieldType::Any)
            && !pattern.regex.is_match(text)
        {
            fail(Detail::Pattern { pattern: pattern.source.clone(), description: None });
        }
        if let Some(allowed) = &constraints.enumeration
            && !allowed.iter().any(|a| a.value.same(value))
        {
            fail(Detail::Enum { values: allowed.iter().map(|a| a.text.clone()).collect() });
        }
        if let (Some(item), Value::Json(serde_json::Value::Array(items))) =
            (&field.array_item, value)
        {
            for entry in items {
                let Ok(cast) = item.caster.cast(Input::Json(entry)) else {
                    let detail = Detail::Type {
                        field_type: item.kind.name().to_string(),
                        format: item.format.clone(),
                    };
                    fail(detail);
                    continue;
                };
                if let Some(allowed) = &item.constraints.enumeration
                    && !cast.is_null()
                    && !allowed.iter().any(|a| a.value.same(&cast))
                {
                    let values = allowed.iter().map(|a| a.text.clone()).collect();
                    fail(Detail::ArrayItem { item: cast.to_text(), values });
                }
            }
        }
    }

    /// The report of the table once every part is merged into `state`, and
    /// the keys foreign keys need.
    pub fn finish(&self, mut state: TableState) -> (ValidationReport, Keys) {
        state.errors.sort_by_key(|p| (p.row, p.column_number));
        state.errors.truncate(KEPT_ERRORS);
        let offset = u64::from(self.header);
        for problem in &mut state.errors {
            problem.row = problem.row.map(|r| r + offset);
        }
        let mut error_counts: BTreeMap<String, u64> = state
            .counts
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let mut warning_counts = BTreeMap::new();
        let mut header_errors = Vec::new();
        let mut warnings = Vec::new();
        for problem in &self.header_problems {
            match problem.severity {
                Severity::Error => {
                    *error_counts.entry(problem.kind.clone()).or_default() += 1;
                    header_errors.push(problem.clone());
                }
                Severity::Warning => {
                    *warning_counts.entry(problem.kind.clone()).or_default() += 1;
                    warnings.push(problem.clone());
                }
            }
        }
        header_errors.append(&mut state.errors);
        header_errors.truncate(KEPT_ERRORS);
        let status = if !error_counts.is_empty() {
            Status::Invalid
        } else if !warnings.is_empty() {
            Status::Warnings
        } else {
            Status::Valid
        };
        let report = ValidationReport {
            status,
            rows: state.rows,
            error_counts,
            warning_counts,
            warnings,
            errors: header_errors,
        };
        let present = state.keys.into_iter().map(KeySet).collect();
        let reference_columns = self
            .foreign_keys
            .iter()
            .map(|key| {
                let first = *key.as_ref()?.first()?;
                self.columns[first].map(|c| c + 1)
            })
            .collect();
        (
            report,
            Keys { present, references: state.references, reference_columns },
        )
    }

    /// Adds `later`, the part read after the ones in `state`. Values that
    /// repeat across parts are found here; their cell text is not kept, so
    /// those errors name the column and rows only.
    pub fn merge(&self, state: &mut TableState, later: TableState) {
        let offset = state.rows;
        for (kind, count) in later.counts {
            *state.counts.entry(kind).or_default() += count;
        }
        state.errors.extend(later.errors.into_iter().map(|mut p| {
            p.row = p.row.map(|r| r + offset);
            p
        }));
        for (u, theirs) in later.uniques.into_iter().enumerate() {
            let field = &self.schema.fields[self.unique_fields[u]];
            let column = self.columns[self.unique_fields[u]];
            for (key, row) in theirs {
                if let Some(first_row) = state.uniques[u].try_insert_first(key, row + offset) {
                    state.error(
                        "unique-error",
                        row + offset,
                        column,
                        Some(&field.name),
                        "",
                        Detail::Unique { first_row },
                    );
                }
            }
        }
        for (key, row) in later.primary {
            if let Some(first_row) = state.primary.try_insert_first(key, row + offset) {
                let fields = self.schema.primary_key.clone();
                state.error(
                    "primary-key",
                    row + offset,
                    None,
                    None,
                    "",
                    Detail::PrimaryKey { fields, first_row },
                );
            }
        }
        for (mine, theirs) in state.references.iter_mut().zip(later.references) {
            for (key, used) in theirs {
                let entry = mine.entry(key).or_default();
                if entry.count == 0 {
                    entry.text = used.text;
                }
                entry.count += used.count;
                let room = KEPT_ROWS.saturating_sub(entry.rows.len());
                entry
                    .rows
                    .extend(used.rows.into_iter().take(room).map(|r| r + offset));
            }
        }
        for (mine, theirs) in state.keys.iter_mut().zip(later.keys) {
            mine.extend(theirs);
        }
        state.rows += later.rows;
        state.errors.sort_by_key(|p| (p.row, p.column_number));
        state.errors.truncate(KEPT_ERRORS);
    }
}

impl TableState {
    fn error(
        &mut self,
        kind: &'static str,
        row: u64,
        column: Option<usize>,
        name: Option<&str>,
        text: &str,
        detail: Detail,
    ) {
        *self.counts.entry(kind).or_default() += 1;
        if self.errors.len() < KEPT_ERRORS {
            self.errors.push(Problem {
                kind: kind.to_string(),
                severity: Severity::Error,
                row: Some(row),
                column: name.map(str::to_string),
                column_number: column.map(|c| c + 1),
                value: (!text.is_empty())
                    .then(|| crate::util::text::truncate_chars(text, SHOWN_CHARS)),
                detail,
            });
        }
    }

    /// A 128-bit key for a tuple of values: equal values (`1` and `1.0`
    /// as numbers) give equal keys.
    fn key(&mut self, parts: &[Value]) -> u128 {
        self.scratch.clear();
        for part in parts {
            canonical(part, &mut self.scratch);
        }
        crate::util::hash::wide(&self.scratch)
    }
}

/// Inserts `key` unless present; returns the row it was first seen on.
trait FirstSeen {
    fn try_insert_first(&mut self, key: u128, row: u64) -> Option<u64>;
}

impl FirstSeen for HashMap<u64> {
    fn try_insert_first(&mut self, key: u128, row: u64) -> Option<u64> {
        match self.entry(key) {
            hashbrown::hash_map::Entry::Occupied(first) => Some(*first.get()),
            hashbrown::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
                None
            }
        }
    }
}

/// Writes a value so that equal values give equal bytes.
fn canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Integer(n) => {
            out.push(1);
            out.extend_from_slice(&n.to_le_bytes());
        }
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e30 => {
            out.push(1);
            out.extend_from_slice(&(*n as i128).to_le_bytes());
        }
        Value::Year(y) => {
            out.push(1);
            out.extend_from_slice(&i128::from(*y).to_le_bytes());
        }
        Value::Number(n) => {
            out.push(2);
            out.extend_from_slice(&n.to_bits().to_le_bytes());
        }
        Value::String(s) => {
            out.push(3);
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        other => {
            let text = other.to_text();
            out.push(4);
            out.extend_from_slice(&(text.len() as u64).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
    }
}

//! Validata's custom checks: the French rules schemas of schema.data.gouv.fr
//! list in `custom_checks`, run the way validata-core runs them.
//!
//! What Validata does, and this module does too:
//! - a check on one column is skipped when the column is not in the file,
//!   and skipped on empty cells (requiredness is the schema's business);
//! - a check on several columns treats a missing column as empty cells, and
//!   is skipped on a row as soon as one of its cells is empty, except
//!   `cohesive-columns-value` and `one-of-required`, whose purpose is
//!   emptiness: the first reports, once, columns present in part only; the
//!   second reports, once, both columns missing, and treats a single missing
//!   column as empty;
//! - cells that failed to cast to their type count as empty (the type error
//!   is reported elsewhere).
//!
//! Values are read as Validata reads them: the identifiers, codes, periods,
//! hours and phone numbers from the cell's text; the comparisons and sums
//! from the typed values; GPS points from the `geopoint` value (or the text
//! `lon,lat` when the column is not typed).

use std::cmp::Ordering;
use std::sync::LazyLock;

use regex::Regex;

use super::value::Value;

/// A custom check as a schema declares it.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomCheck {
    /// `french-siret-value`: a SIRET (14 digits, Luhn key; La Poste's own rule).
    FrenchSiret { column: String },
    /// `french-siren-value`: a SIREN (9 digits, Luhn key).
    FrenchSiren { column: String },
    /// `french-gps-coordinates`: a `[lon, lat]` point inside France.
    FrenchGpsCoordinates { column: String },
    /// `nomenclature-actes-value`: `Matière/…` from the ACTES nomenclature.
    NomenclatureActes { column: String },
    /// `year-interval-value`: `YYYY/YYYY` (or `YYYY` when allowed).
    YearInterval {
        column: String,
        allow_year_only: bool,
    },
    /// `cohesive-columns-value`: all filled or all empty.
    CohesiveColumns {
        column: String,
        other_columns: Vec<String>,
    },
    /// `compare-columns-value`: `column op column2`.
    CompareColumns {
        column: String,
        op: CompareOp,
        column2: String,
    },
    /// `sum-columns-value`: `column` is the sum of `columns`.
    SumColumns {
        column: String,
        columns: Vec<String>,
    },
    /// `one-of-required`: at least one of the two is filled.
    OneOfRequired { column1: String, column2: String },
    /// `opening-hours-value`: OpenStreetMap `opening_hours` syntax.
    OpeningHours { column: String },
    /// `phone-number-value`: a French, international or short number.
    PhoneNumber { column: String },
}

/// Why a `custom_checks` entry cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not a check ouvert knows (it is skipped, with a warning).
    Unknown,
    /// A known check with parameters that do not fit.
    Invalid(String),
}

/// The operator of `compare-columns-value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
}

impl CompareOp {
    pub fn parse(symbol: &str) -> Option<CompareOp> {
        Some(match symbol {
            "<" => CompareOp::Less,
            "<=" => CompareOp::LessOrEqual,
            "==" => CompareOp::Equal,
            ">=" => CompareOp::GreaterOrEqual,
            ">" => CompareOp::Greater,
            _ => return None,
        })
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Less => "<",
            CompareOp::LessOrEqual => "<=",
            CompareOp::Equal => "==",
            CompareOp::GreaterOrEqual => ">=",
            CompareOp::Greater => ">",
        }
    }

    fn holds(self, order: Ordering) -> bool {
        match self {
            CompareOp::Less => order == Ordering::Less,
            CompareOp::LessOrEqual => order != Ordering::Greater,
            CompareOp::Equal => order == Ordering::Equal,
            CompareOp::GreaterOrEqual => order != Ordering::Less,
            CompareOp::Greater => order == Ordering::Greater,
        }
    }

    /// As Validata says it: "devrait être supérieure ou égale à".
    fn label_fr(self) -> &'static str {
        match self {
            CompareOp::Less => "inférieure",
            CompareOp::LessOrEqual => "inférieure ou égale",
            CompareOp::Equal => "égale",
            CompareOp::GreaterOrEqual => "supérieure ou égale",
            CompareOp::Greater => "supérieure",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            CompareOp::Less => "less than",
            CompareOp::LessOrEqual => "less than or equal to",
            CompareOp::Equal => "equal to",
            CompareOp::GreaterOrEqual => "greater than or equal to",
            CompareOp::Greater => "greater than",
        }
    }
}

impl CustomCheck {
    pub fn parse(name: &str, params: &serde_json::Value) -> Result<CustomCheck, ParseError> {
        let column = |key: &str| match params.get(key) {
            Some(serde_json::Value::String(name)) => Ok(name.clone()),
            Some(_) => Err(ParseError::Invalid(format!(
                "the parameter \"{key}\" should be a column name"
            ))),
            None => Err(ParseError::Invalid(format!(
                "the parameter \"{key}\" is missing"
            ))),
        };
        let column_list = |key: &str| match params.get(key) {
            Some(serde_json::Value::String(name)) => Ok(vec![name.clone()]),
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    ParseError::Invalid(format!(
                        "the parameter \"{key}\" should be a list of column names"
                    ))
                }),
            Some(_) => Err(ParseError::Invalid(format!(
                "the parameter \"{key}\" should be a list of column names"
            ))),
            None => Err(ParseError::Invalid(format!(
                "the parameter \"{key}\" is missing"
            ))),
        };
        Ok(match name {
            "french-siret-value" => CustomCheck::FrenchSiret { column: column("column")? },
            "french-siren-value" => CustomCheck::FrenchSiren { column: column("column")? },
            "french-gps-coordinates" => {
                CustomCheck::FrenchGpsCoordinates { column: column("column")? }
            }
            "nomenclature-actes-value" => {
                CustomCheck::NomenclatureActes { column: column("column")? }
            }
            "year-interval-value" => {
                // Validata reads a text, "true" or "yes" meaning yes.
                let allow_year_only = match params.get("allow-year-only") {
                    None | Some(serde_json::Value::Null) => false,
                    Some(serde_json::Value::String(s)) => s == "true" || s == "yes",
                    Some(serde_json::Value::Bool(b)) => *b,
                    Some(_) => {
                        return Err(ParseError::Invalid(
                            "the parameter \"allow-year-only\" should be \"yes\" or \"no\"".into(),
                        ));
                    }
                };
                CustomCheck::YearInterval { column: column("column")?, allow_year_only }
            }
            "cohesive-columns-value" => CustomCheck::CohesiveColumns {
                column: column("column")?,
                other_columns: column_list("othercolumns")?,
            },
            "compare-columns-value" => {
                let symbol = match params.get("op") {
                    Some(serde_json::Value::String(s)) => s.as_str(),
                    Some(other) => {
                        return Err(ParseError::Invalid(format!(
                            "the operator {other} is not one of <, <=, ==, >=, >"
                        )));
                    }
                    None => {
                        return Err(ParseError::Invalid(
                            "the parameter \"op\" is missing".into(),
                        ));
                    }
                };
                let op = CompareOp::parse(symbol).ok_or_else(|| {
                    ParseError::Invalid(format!(
                        "the operator \"{symbol}\" is not one of <, <=, ==, >=, >"
                    ))
                })?;
                CustomCheck::CompareColumns {
                    column: column("column")?,
                    op,
                    column2: column("column2")?,
                }
            }
            "sum-columns-value" => CustomCheck::SumColumns {
                column: column("column")?,
                columns: column_list("columns")?,
            },
            "one-of-required" => {
                // validata-core reads `column1`; its documentation writes `column`.
                let column1 = if params.get("column1").is_some() {
                    column("column1")?
                } else if params.get("column").is_some() {
                    column("column")?
                } else {
                    return Err(ParseError::Invalid(
                        "the parameter \"column1\" (or \"column\") is missing".into(),
                    ));
                };
                CustomCheck::OneOfRequired { column1, column2: column("column2")? }
            }
            "opening-hours-value" => CustomCheck::OpeningHours { column: column("column")? },
            "phone-number-value" => CustomCheck::PhoneNumber { column: column("column")? },
            _ => return Err(ParseError::Unknown),
        })
    }

    /// The check's name, as schemas write it.
    pub fn name(&self) -> &'static str {
        match self {
            CustomCheck::FrenchSiret { .. } => "french-siret-value",
            CustomCheck::FrenchSiren { .. } => "french-siren-value",
            CustomCheck::FrenchGpsCoordinates { .. } => "french-gps-coordinates",
            CustomCheck::NomenclatureActes { .. } => "nomenclature-actes-value",
            CustomCheck::YearInterval { .. } => "year-interval-value",
            CustomCheck::CohesiveColumns { .. } => "cohesive-columns-value",
            CustomCheck::CompareColumns { .. } => "compare-columns-value",
            CustomCheck::SumColumns { .. } => "sum-columns-value",
            CustomCheck::OneOfRequired { .. } => "one-of-required",
            CustomCheck::OpeningHours { .. } => "opening-hours-value",
            CustomCheck::PhoneNumber { .. } => "phone-number-value",
        }
    }

    /// The columns the check reads, in the order of its parameters.
    pub fn columns(&self) -> Vec<&str> {
        match self {
            CustomCheck::FrenchSiret { column }
            | CustomCheck::FrenchSiren { column }
            | CustomCheck::FrenchGpsCoordinates { column }
            | CustomCheck::NomenclatureActes { column }
            | CustomCheck::YearInterval { column, .. }
            | CustomCheck::OpeningHours { column }
            | CustomCheck::PhoneNumber { column } => vec![column.as_str()],
            CustomCheck::CohesiveColumns { column, other_columns: others }
            | CustomCheck::SumColumns { column, columns: others } => std::iter::once(column)
                .chain(others)
                .map(String::as_str)
                .collect(),
            CustomCheck::CompareColumns { column, column2, .. } => vec![column, column2],
            CustomCheck::OneOfRequired { column1, column2 } => vec![column1, column2],
        }
    }

    /// Resolves column names against a table's header (names as in the
    /// file). None when the check is skipped because its columns are
    /// missing (follow Validata's rule per check).
    pub fn bind(&self, header: &[&str]) -> Option<BoundCheck> {
        let find = |name: &str| header.iter().position(|h| *h == name);
        let bound = |rule: Rule| Some(BoundCheck { name: self.name(), rule, table_failure: None });
        match self {
            CustomCheck::FrenchSiret { column } => bound(Rule::Siret(find(column)?)),
            CustomCheck::FrenchSiren { column } => bound(Rule::Siren(find(column)?)),
            CustomCheck::FrenchGpsCoordinates { column } => bound(Rule::Gps(find(column)?)),
            CustomCheck::NomenclatureActes { column } => bound(Rule::Actes(find(column)?)),
            CustomCheck::YearInterval { column, allow_year_only } => bound(Rule::YearInterval {
                column: find(column)?,
                allow_year_only: *allow_year_only,
            }),
            CustomCheck::OpeningHours { column } => bound(Rule::OpeningHours(find(column)?)),
            CustomCheck::PhoneNumber { column } => bound(Rule::Phone(find(column)?)),
            CustomCheck::CompareColumns { column, op, column2 } => bound(Rule::Compare {
                columns: [find(column)?, find(column2)?],
                op: *op,
                names: [column.clone(), column2.clone()],
            }),
            // A missing column is an empty cell on every row: never checked.
            CustomCheck::SumColumns { column, columns } => bound(Rule::Sum {
                total: find(column)?,
                parts: columns.iter().map(|c| find(c)).collect::<Option<_>>()?,
                total_name: column.clone(),
                names: columns.clone(),
            }),
            CustomCheck::CohesiveColumns { column, other_columns } => {
                let names: Vec<String> = std::iter::once(column)
                    .chain(other_columns)
                    .cloned()
                    .collect();
                let found: Vec<Option<usize>> = names.iter().map(|n| find(n)).collect();
                if found.iter().all(Option::is_none) {
                    return None;
                }
                if found.iter().any(Option::is_none) {
                    let missing = names
                        .iter()
                        .zip(&found)
                        .filter(|(_, f)| f.is_none())
                        .map(|(n, _)| n.clone())
                        .collect();
                    return Some(BoundCheck {
                        name: self.name(),
                        rule: Rule::Inert,
                        table_failure: Some(CheckDetail::CohesiveColumnsMissing {
                            columns: names,
                            missing,
                        }),
                    });
                }
                bound(Rule::Cohesive { columns: found.into_iter().flatten().collect(), names })
            }
            CustomCheck::OneOfRequired { column1, column2 } => {
                let columns = [find(column1), find(column2)];
                if columns.iter().all(Option::is_none) {
                    return Some(BoundCheck {
                        name: self.name(),
                        rule: Rule::Inert,
                        table_failure: Some(CheckDetail::OneOfRequiredColumnsMissing {
                            column1: column1.clone(),
                            column2: column2.clone(),
                        }),
                    });
                }
                bound(Rule::OneOf { columns, names: [column1.clone(), column2.clone()] })
            }
        }
    }
}

/// A check bound to a table's columns, ready to check its rows.
#[derive(Debug, Clone)]
pub struct BoundCheck {
    name: &'static str,
    rule: Rule,
    table_failure: Option<CheckDetail>,
}

#[derive(Debug, Clone)]
enum Rule {
    Siret(usize),
    Siren(usize),
    Gps(usize),
    Actes(usize),
    YearInterval {
        column: usize,
        allow_year_only: bool,
    },
    Cohesive {
        columns: Vec<usize>,
        names: Vec<String>,
    },
    Compare {
        columns: [usize; 2],
        op: CompareOp,
        names: [String; 2],
    },
    Sum {
        total: usize,
        parts: Vec<usize>,
        total_name: String,
        names: Vec<String>,
    },
    OneOf {
        columns: [Option<usize>; 2],
        names: [String; 2],
    },
    OpeningHours(usize),
    Phone(usize),
    /// Reports its table failure only.
    Inert,
}

/// One row failing a check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckFailure {
    /// The error type name reported, e.g. "french-siret-value" (Validata's
    /// own name when it has several, e.g. reversed GPS coordinates).
    pub check: &'static str,
    /// The column the error is reported on (index in the header).
    pub column: usize,
    /// Structured, so that pages can say it in French or English.
    pub detail: CheckDetail,
}

impl BoundCheck {
    /// The check's name, which is also the error type of its table failure.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// A problem with the table as a whole, found when binding (columns of
    /// `cohesive-columns-value` present in part only, both columns of
    /// `one-of-required` missing). Validata reports it once, at the header,
    /// and then checks no row.
    pub fn table_failure(&self) -> Option<&CheckDetail> {
        self.table_failure.as_ref()
    }

    /// Checks one row. `text[i]` is the raw cell text of column i (empty
    /// when the row is short); `values[i]` is the cell cast to its schema
    /// field type (Value::Null when empty or when the cell failed to cast;
    /// cells of columns that are not in the schema are Value::String).
    /// Pushes at most a few failures.
    pub fn check(&self, text: &[&str], values: &[Value], failures: &mut Vec<CheckFailure>) {
        let raw = |i: usize| text.get(i).copied().unwrap_or("");
        let present = |i: usize| filled(values, i).is_some();
        let mut fail = |check: &'static str, column: usize, detail: CheckDetail| {
            failures.push(CheckFailure { check, column, detail });
        };
        let name = self.name;
        match &self.rule {
            Rule::Siret(i) => {
                if present(*i) && !siret_is_valid(raw(*i)) {
                    fail(name, *i, CheckDetail::Siret { value: raw(*i).to_string() });
                }
            }
            Rule::Siren(i) => {
                if present(*i) && !siren_is_valid(raw(*i)) {
                    fail(name, *i, CheckDetail::Siren { value: raw(*i).to_string() });
                }
            }
            Rule::Gps(i) => {
                let Some(value) = filled(values, *i) else {
                    return;
                };
                let point = match value {
                    Value::GeoPoint(lon, lat) => Some((*lon, *lat)),
                    Value::Json(json) => point_of_json(json),
                    Value::String(s) => point_of_text(s),
                    _ => point_of_text(raw(*i)),
                };
                match point {
                    Some((lon, lat)) if in_france(lon, lat) => {}
                    Some((lon, lat)) if in_france(lat, lon) => fail(
                        "reversed-french-gps-coordinates",
                        *i,
                        CheckDetail::GpsReversed { value: raw(*i).to_string() },
                    ),
                    _ => fail(
                        name,
                        *i,
                        CheckDetail::GpsOutsideFrance { value: raw(*i).to_string() },
                    ),
                }
            }
            Rule::Actes(i) => {
                if !present(*i) {
                    return;
                }
                let value = raw(*i);
                let problem = match actes_problem(value) {
                    None => return,
                    Some(ActesProblem::NoSlash) => {
                        CheckDetail::ActesNoSlash { value: value.to_string() }
                    }
                    Some(ActesProblem::SpaceAroundSlash) => {
                        CheckDetail::ActesSpaceAroundSlash { value: value.to_string() }
                    }
                    Some(ActesProblem::UnknownPrefix(prefix)) => CheckDetail::ActesUnknownPrefix {
                        value: value.to_string(),
                        prefix: prefix.to_string(),
                    },
                };
                fail(name, *i, problem);
            }
            Rule::YearInterval { column, allow_year_only } => {
                if !present(*column) {
                    return;
                }
                let value = raw(*column);
                let detail = match year_interval_problem(value, *allow_year_only) {
                    None => return,
                    Some(YearProblem::Format) => CheckDetail::YearIntervalFormat {
                        value: value.to_string(),
                        allow_year_only: *allow_year_only,
                    },
                    Some(YearProblem::SameYears) => {
                        CheckDetail::YearIntervalSameYears { value: value.to_string() }
                    }
                    Some(YearProblem::Reversed) => {
                        CheckDetail::YearIntervalReversed { value: value.to_string() }
                    }
                };
                fail(name, *column, detail);
            }
            Rule::Cohesive { columns, names } => {
                let first = present(columns[0]);
                if columns.iter().any(|&c| present(c) != first) {
                    let empty = columns
                        .iter()
                        .zip(names)
                        .filter(|(c, _)| !present(**c))
                        .map(|(_, n)| n.clone())
                        .collect();
                    fail(
                        name,
                        columns[0],
                        CheckDetail::CohesiveColumns { columns: names.clone(), empty },
                    );
                }
            }
            Rule::Compare { columns: [a, b], op, names } => {
                let (Some(x), Some(y)) = (filled(values, *a), filled(values, *b)) else {
                    return;
                };
                let detail = match compare_values(x, y) {
                    Some(order) if op.holds(order) => return,
                    Some(_) => CheckDetail::CompareFailed {
                        column: names[0].clone(),
                        value: raw(*a).to_string(),
                        op: *op,
                        column2: names[1].clone(),
                        value2: raw(*b).to_string(),
                    },
                    None => CheckDetail::CompareNotComparable {
                        column: names[0].clone(),
                        value: raw(*a).to_string(),
                        column2: names[1].clone(),
                        value2: raw(*b).to_string(),
                    },
                };
                fail(name, *a, detail);
            }
            Rule::Sum { total, parts, total_name, names } => {
                if !present(*total) || parts.iter().any(|&p| !present(p)) {
                    return;
                }
                let number = |i: usize| filled(values, i).and_then(number_of);
                let not_number = std::iter::once((*total, total_name))
                    .chain(parts.iter().copied().zip(names))
                    .find(|(i, _)| number(*i).is_none());
                if let Some((i, column)) = not_number {
                    fail(
                        name,
                        *total,
                        CheckDetail::SumNotNumbers {
                            column: total_name.clone(),
                            columns: names.clone(),
                            not_number: column.clone(),
                            value: raw(i).to_string(),
                        },
                    );
                    return;
                }
                let expected = number(*total).unwrap_or(Num::Int(0));
                let sum = parts
                    .iter()
                    .filter_map(|&p| number(p))
                    .fold(Num::Int(0), Num::plus);
                if !sum.same(expected) {
                    fail(
                        name,
                        *total,
                        CheckDetail::SumMismatch {
                            column: total_name.clone(),
                            value: raw(*total).to_string(),
                            columns: names.clone(),
                            sum: sum.to_text(),
                        },
                    );
                }
            }
            Rule::OneOf { columns, names } => {
                let has = |c: Option<usize>| c.is_some_and(present);
                if !has(columns[0]) && !has(columns[1]) {
                    let column = columns[0].or(columns[1]).unwrap_or(0);
                    fail(
                        name,
                        column,
                        CheckDetail::OneOfRequired {
                            column1: names[0].clone(),
                            column2: names[1].clone(),
                        },
                    );
                }
            }
            Rule::OpeningHours(i) => {
                if present(*i) && !opening_hours::is_valid(raw(*i)) {
                    fail(
                        name,
                        *i,
                        CheckDetail::OpeningHours { value: raw(*i).to_string() },
                    );
                }
            }
            Rule::Phone(i) => {
                if present(*i) && !phone::is_valid(raw(*i)) {
                    fail(
                        name,
                        *i,
                        CheckDetail::PhoneNumber { value: raw(*i).to_string() },
                    );
                }
            }
            Rule::Inert => {}
        }
    }
}

/// The value of column `i` when the cell has one.
fn filled<'a, 'v>(values: &'a [Value<'v>], i: usize) -> Option<&'a Value<'v>> {
    values.get(i).filter(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        _ => true,
    })
}

/// What a failing row is, structured, so that pages can say it in French or
/// English.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckDetail {
    /// `french-siret-value`.
    Siret { value: String },
    /// `french-siren-value`.
    Siren { value: String },
    /// `french-gps-coordinates`: not in France, in either order.
    GpsOutsideFrance { value: String },
    /// `reversed-french-gps-coordinates`: in France once swapped.
    GpsReversed { value: String },
    /// `nomenclature-actes-value`: no `/`.
    ActesNoSlash { value: String },
    /// `nomenclature-actes-value`: a space before or after the `/`.
    ActesSpaceAroundSlash { value: String },
    /// `nomenclature-actes-value`: the part before the `/` is not a matter.
    ActesUnknownPrefix { value: String, prefix: String },
    /// `year-interval-value`: neither `YYYY/YYYY` nor (when allowed) `YYYY`.
    YearIntervalFormat {
        value: String,
        allow_year_only: bool,
    },
    /// `year-interval-value`: `2017/2017`.
    YearIntervalSameYears { value: String },
    /// `year-interval-value`: `2018/2017`.
    YearIntervalReversed { value: String },
    /// `cohesive-columns-value`: some cells filled, others empty.
    CohesiveColumns {
        columns: Vec<String>,
        empty: Vec<String>,
    },
    /// `cohesive-columns-value`, once per table: some columns missing.
    CohesiveColumnsMissing {
        columns: Vec<String>,
        missing: Vec<String>,
    },
    /// `compare-columns-value`: values of kinds that do not compare.
    CompareNotComparable {
        column: String,
        value: String,
        column2: String,
        value2: String,
    },
    /// `compare-columns-value`: the comparison does not hold.
    CompareFailed {
        column: String,
        value: String,
        op: CompareOp,
        column2: String,
        value2: String,
    },
    /// `sum-columns-value`: a value is not a number.
    SumNotNumbers {
        column: String,
        columns: Vec<String>,
        not_number: String,
        value: String,
    },
    /// `sum-columns-value`: the sum differs.
    SumMismatch {
        column: String,
        value: String,
        columns: Vec<String>,
        sum: String,
    },
    /// `one-of-required`: both cells empty.
    OneOfRequired { column1: String, column2: String },
    /// `one-of-required`, once per table: both columns missing.
    OneOfRequiredColumnsMissing { column1: String, column2: String },
    /// `opening-hours-value`.
    OpeningHours { value: String },
    /// `phone-number-value`.
    PhoneNumber { value: String },
}

const ACTES_MATTERS: &str = "Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences";

impl CheckDetail {
    /// A plain English sentence for the command line.
    pub fn message_en(&self) -> String {
        self.message(false)
    }

    /// A plain French sentence, in the spirit of Validata's messages.
    pub fn message_fr(&self) -> String {
        self.message(true)
    }

    fn message(&self, fr: bool) -> String {
        let q = |s: &str| quoted(fr, s);
        let list = |names: &[String]| {
            names
                .iter()
                .map(|n| quoted(fr, n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let nb = '\u{a0}';
        match self {
            CheckDetail::Siret { value } => {
                if fr {
                    format!(
                        "La valeur {} n'est pas un numéro SIRET français valide{nb}: il faut 14 chiffres, le dernier étant une clé de contrôle (définition de l'Insee).",
                        q(value)
                    )
                } else {
                    format!(
                        "The value {} is not a valid French SIRET number: it takes 14 digits, the last one a check digit (INSEE's definition).",
                        q(value)
                    )
                }
            }
            CheckDetail::Siren { value } => {
                if fr {
                    format!(
                        "La valeur {} n'est pas un numéro SIREN français valide{nb}: il faut 9 chiffres, le dernier étant une clé de contrôle (définition de l'Insee).",
                        q(value)
                    )
                } else {
                    format!(
                        "The value {} is not a valid French SIREN number: it takes 9 digits, the last one a check digit (INSEE's definition).",
                        q(value)
                    )
                }
            }
            CheckDetail::GpsOutsideFrance { value } => {
                if fr {
                    format!(
                        "La valeur {} ne correspond pas à des coordonnées GPS françaises valides (longitude puis latitude, en degrés décimaux WGS84, en métropole, Guadeloupe, Martinique, Guyane, à La Réunion ou Mayotte).",
                        q(value)
                    )
                } else {
                    format!(
                        "The value {} is not a pair of GPS coordinates in France (longitude then latitude, WGS84 decimal degrees, in metropolitan France, Guadeloupe, Martinique, Guyane, La Réunion or Mayotte).",
                        q(value)
                    )
                }
            }
            CheckDetail::GpsReversed { value } => {
                if fr {
                    format!(
                        "La valeur {} correspond à des coordonnées GPS françaises inversées{nb}: la longitude doit venir avant la latitude.",
                        q(value)
                    )
                } else {
                    format!(
                        "The value {} is a pair of GPS coordinates in France written the wrong way round: the longitude comes before the latitude.",
                        q(value)
                    )
                }
            }
            CheckDetail::ActesNoSlash { value } => {
                if fr {
                    format!(
                        "La valeur {} ne respecte pas le format des nomenclatures d'actes{nb}: le signe oblique {} est manquant.",
                        q(value),
                        q("/")
                    )
                } else {
                    format!(
                        "The value {} does not follow the ACTES nomenclature: the slash {} is missing.",
                        q(value),
                        q("/")
                    )
                }
            }
            CheckDetail::ActesSpaceAroundSlash { value } => {
                if fr {
                    format!(
                        "La valeur {} ne respecte pas le format des nomenclatures d'actes{nb}: le signe oblique ne doit être ni précédé ni suivi d'une espace.",
                        q(value)
                    )
                } else {
                    format!(
                        "The value {} does not follow the ACTES nomenclature: the slash must have no space before or after it.",
                        q(value)
                    )
                }
            }
            CheckDetail::ActesUnknownPrefix { value, prefix } => {
                if fr {
                    format!(
                        "La valeur {} ne respecte pas le format des nomenclatures d'actes{nb}: le préfixe {} n'est pas une matière de la nomenclature Actes ({ACTES_MATTERS}).",
                        q(value),
                        q(prefix)
                    )
                } else {
                    format!(
                        "The value {} does not follow the ACTES nomenclature: the prefix {} is not one of its subject matters ({ACTES_MATTERS}).",
                        q(value),
                        q(prefix)
                    )
                }
            }
            CheckDetail::YearIntervalFormat { value, allow_year_only } => {
                match (fr, *allow_year_only) {
                    (true, true) => format!(
                        "La valeur {} n'est ni une année (AAAA) ni une période (AAAA/AAAA).",
                        q(value)
                    ),
                    (true, false) => format!(
                        "La valeur {} n'a pas le format attendu pour une période (AAAA/AAAA).",
                        q(value)
                    ),
                    (false, true) => format!(
                        "The value {} is neither a year (YYYY) nor a period (YYYY/YYYY).",
                        q(value)
                    ),
                    (false, false) => {
                        format!("The value {} is not a period written YYYY/YYYY.", q(value))
                    }
                }
            }
            CheckDetail::YearIntervalSameYears { value } => {
                if fr {
                    format!(
                        "La période {} n'est pas valide{nb}: les deux années doivent être différentes.",
                        q(value)
                    )
                } else {
                    format!(
                        "The period {} is not valid: its two years must differ.",
                        q(value)
                    )
                }
            }
            CheckDetail::YearIntervalReversed { value } => {
                let swapped = value
                    .split_once('/')
                    .map(|(a, b)| format!("{}/{}", b.trim(), a.trim()))
                    .unwrap_or_default();
                if fr {
                    format!(
                        "La période {} n'est pas valide{nb}: la deuxième année doit être postérieure à la première ({}).",
                        q(value),
                        q(&swapped)
                    )
                } else {
                    format!(
                        "The period {} is not valid: the second year must come after the first ({}).",
                        q(value),
                        q(&swapped)
                    )
                }
            }
            CheckDetail::CohesiveColumns { columns, empty } => {
                if fr {
                    format!(
                        "Les colonnes {} doivent toutes comporter une valeur ou toutes être vides (vides ici{nb}: {}).",
                        list(columns),
                        list(empty)
                    )
                } else {
                    format!(
                        "The columns {} must either all have a value or all be empty (empty here: {}).",
                        list(columns),
                        list(empty)
                    )
                }
            }
            CheckDetail::CohesiveColumnsMissing { columns, missing } => {
                if fr {
                    format!(
                        "Les colonnes {} doivent être soit toutes présentes, soit toutes absentes (absentes{nb}: {}).",
                        list(columns),
                        list(missing)
                    )
                } else {
                    format!(
                        "The columns {} must be either all present or all absent (absent: {}).",
                        list(columns),
                        list(missing)
                    )
                }
            }
            CheckDetail::CompareNotComparable { column, value, column2, value2 } => {
                if fr {
                    format!(
                        "La valeur {} de la colonne {} n'est pas comparable avec la valeur {} de la colonne {}.",
                        q(value),
                        q(column),
                        q(value2),
                        q(column2)
                    )
                } else {
                    format!(
                        "The value {} of the column {} cannot be compared with the value {} of the column {}.",
                        q(value),
                        q(column),
                        q(value2),
                        q(column2)
                    )
                }
            }
            CheckDetail::CompareFailed { column, value, op, column2, value2 } => {
                if fr {
                    format!(
                        "La valeur {} de la colonne {} devrait être {} à la valeur {} de la colonne {}.",
                        q(value),
                        q(column),
                        op.label_fr(),
                        q(value2),
                        q(column2)
                    )
                } else {
                    format!(
                        "The value {} of the column {} should be {} the value {} of the column {}.",
                        q(value),
                        q(column),
                        op.label_en(),
                        q(value2),
                        q(column2)
                    )
                }
            }
            CheckDetail::SumNotNumbers { column, columns, not_number, value } => {
                if fr {
                    format!(
                        "La somme des colonnes {} ne peut pas être comparée à la colonne {}{nb}: la valeur {} de la colonne {} n'est pas un nombre.",
                        list(columns),
                        q(column),
                        q(value),
                        q(not_number)
                    )
                } else {
                    format!(
                        "The sum of the columns {} cannot be compared with the column {}: the value {} of the column {} is not a number.",
                        list(columns),
                        q(column),
                        q(value),
                        q(not_number)
                    )
                }
            }
            CheckDetail::SumMismatch { column, value, columns, sum } => {
                if fr {
                    format!(
                        "La somme des valeurs des colonnes {} ({sum}) est différente de la valeur de la colonne {} ({value}).",
                        list(columns),
                        q(column)
                    )
                } else {
                    format!(
                        "The sum of the columns {} ({sum}) differs from the value of the column {} ({value}).",
                        list(columns),
                        q(column)
                    )
                }
            }
            CheckDetail::OneOfRequired { column1, column2 } => {
                if fr {
                    format!(
                        "Au moins l'une des colonnes {} ou {} doit comporter une valeur.",
                        q(column1),
                        q(column2)
                    )
                } else {
                    format!(
                        "At least one of the columns {} or {} must have a value.",
                        q(column1),
                        q(column2)
                    )
                }
            }
            CheckDetail::OneOfRequiredColumnsMissing { column1, column2 } => {
                if fr {
                    format!(
                        "L'une des deux colonnes {} ou {} est requise, mais les deux sont absentes du fichier.",
                        q(column1),
                        q(column2)
                    )
                } else {
                    format!(
                        "One of the columns {} or {} is required, but both are missing from the file.",
                        q(column1),
                        q(column2)
                    )
                }
            }
            CheckDetail::OpeningHours { value } => {
                if fr {
                    format!(
                        "La valeur {} n'est pas une définition d'horaires d'ouverture correcte{nb}: elle doit respecter la syntaxe opening_hours d'OpenStreetMap, par exemple {}.",
                        q(value),
                        q("Mo-Fr 08:30-12:00,13:30-17:30; Sa 08:30-12:00")
                    )
                } else {
                    format!(
                        "The value {} is not a valid opening hours definition: it must follow OpenStreetMap's opening_hours syntax, for example {}.",
                        q(value),
                        q("Mo-Fr 08:30-12:00,13:30-17:30; Sa 08:30-12:00")
                    )
                }
            }
            CheckDetail::PhoneNumber { value } => {
                if fr {
                    format!(
                        "La valeur {} n'est pas un numéro de téléphone valide{nb}: sont acceptés les numéros français à 10 chiffres ({}), les numéros au format international avec l'indicatif du pays ({}) et les numéros courts ({} ou {}).",
                        q(value),
                        q("01 99 00 27 37"),
                        q("+33 1 99 00 27 37"),
                        q("115"),
                        q("3949")
                    )
                } else {
                    format!(
                        "The value {} is not a valid phone number: accepted are French 10-digit numbers ({}), international numbers with their country code ({}) and short numbers ({} or {}).",
                        q(value),
                        q("01 99 00 27 37"),
                        q("+33 1 99 00 27 37"),
                        q("115"),
                        q("3949")
                    )
                }
            }
        }
    }
}

fn quoted(fr: bool, text: &str) -> String {
    if fr {
        format!("«\u{a0}{text}\u{a0}»")
    } else {
        format!("“{text}”")
    }
}

// --- SIRET and SIREN, as python-stdnum checks them ---

/// The digits of an identifier read the way python-stdnum reads it: spaces
/// and dots removed anywhere, other white space allowed at both ends only.
fn compact_digits<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut digits = [0u8; N];
    let mut count = 0;
    let mut ended = false;
    for c in text.chars() {
        if c == ' ' || c == '.' {
            continue;
        }
        if c.is_whitespace() {
            ended |= count > 0;
            continue;
        }
        if ended || !c.is_ascii_digit() || count == N {
            return None;
        }
        digits[count] = c as u8 - b'0';
        count += 1;
    }
    (count == N).then_some(digits)
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn siren_is_valid(text: &str) -> bool {
    compact_digits::<9>(text).is_some_and(|d| luhn(&d))
}

/// La Poste's establishments (SIREN 356000000) have too many numbers for
/// the Luhn key: theirs only need digits adding up to a multiple of 5; the
/// head office keeps an ordinary key.
fn siret_is_valid(text: &str) -> bool {
    const LA_POSTE: [u8; 9] = [3, 5, 6, 0, 0, 0, 0, 0, 0];
    const HEAD_OFFICE: [u8; 14] = [3, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8];
    let Some(d) = compact_digits::<14>(text) else {
        return false;
    };
    let key = if d[..9] == LA_POSTE && d != HEAD_OFFICE {
        d.iter().map(|&x| u32::from(x)).sum::<u32>() % 5 == 0
    } else {
        luhn(&d)
    };
    key && luhn(&d[..9])
}

// --- GPS coordinates ---

/// Validata's boxes (min lon, min lat, max lon, max lat): Guadeloupe,
/// Martinique, Guyane, La Réunion, Mayotte, metropolitan France.
const FRANCE_BOXES: [[f64; 4]; 6] = [
    [-61.809839, 15.832041, -61.001959, 16.514488],
    [-61.229033, 14.388646, -60.809655, 14.878723],
    [-54.60239, 2.111055, -51.619041, 5.748138],
    [55.216526, -21.389631, 55.836654, -20.8718],
    [45.01833, -13.005254, 45.299985, -12.63659],
    [-5.141277, 41.333571, 9.560091, 51.088989],
];

/// Strictly inside one of the boxes (shapely's `within`).
fn in_france(lon: f64, lat: f64) -> bool {
    FRANCE_BOXES
        .iter()
        .any(|[x0, y0, x1, y1]| lon > *x0 && lon < *x1 && lat > *y0 && lat < *y1)
}

/// `lon,lat`, `lon, lat` or `[lon, lat]`.
fn point_of_text(text: &str) -> Option<(f64, f64)> {
    let text = text.trim();
    let text = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    let (lon, lat) = text.split_once(',')?;
    Some((lon.trim().parse().ok()?, lat.trim().parse().ok()?))
}

fn point_of_json(json: &serde_json::Value) -> Option<(f64, f64)> {
    match json {
        serde_json::Value::Array(items) if items.len() == 2 => {
            Some((items[0].as_f64()?, items[1].as_f64()?))
        }
        serde_json::Value::Object(map) => {
            Some((map.get("lon")?.as_f64()?, map.get("lat")?.as_f64()?))
        }
        _ => None,
    }
}

// --- ACTES nomenclature ---

/// The subject matters before the `/`, lower case without accents.
const ACTES_PREFIXES: [&str; 9] = [
    "commande publique",
    "urbanisme",
    "domaine et patrimoine",
    "fonction publique",
    "institutions et vie politique",
    "libertes publiques et pouvoirs de police",
    "finances locales",
    "domaines de competences par themes",
    "autres domaines de competences",
];

enum ActesProblem<'a> {
    NoSlash,
    SpaceAroundSlash,
    UnknownPrefix(&'a str),
}

/// Validata's rule: a known matter (any case, with or without accents)
/// right before the first `/`, and no space after a `/`.
fn actes_problem(value: &str) -> Option<ActesProblem<'_>> {
    let Some(slash) = value.find('/') else {
        return Some(ActesProblem::NoSlash);
    };
    let prefix = &value[..slash];
    let known = |p: &str| ACTES_PREFIXES.iter().any(|m| folded_equals(p, m));
    let space_after = value.contains("/ ");
    if known(prefix) && !space_after {
        None
    } else if known(prefix.trim_end()) || space_after {
        Some(ActesProblem::SpaceAroundSlash)
    } else {
        Some(ActesProblem::UnknownPrefix(prefix))
    }
}

/// Whether `text`, in lower case and without its accents (Unicode NFD less
/// the combining marks, as Validata compares), is `folded`.
fn folded_equals(text: &str, folded: &str) -> bool {
    let mut expected = folded.chars();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        if expected.next() != Some(base_letter(c)) {
            return false;
        }
    }
    expected.next().is_none()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// A lower-case Latin letter without its accent (what NFD decomposes).
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

// --- Year intervals ---

enum YearProblem {
    Format,
    SameYears,
    Reversed,
}

fn year_interval_problem(value: &str, allow_year_only: bool) -> Option<YearProblem> {
    // Python's `$` also matches before a final line feed.
    let value = value.strip_suffix('\n').unwrap_or(value);
    let year = |s: &str| {
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<u16>().ok()
        } else {
            None
        }
    };
    match value
        .split_once('/')
        .and_then(|(a, b)| Some((year(a)?, year(b)?)))
    {
        Some((a, b)) if a == b => Some(YearProblem::SameYears),
        Some((a, b)) if a > b => Some(YearProblem::Reversed),
        Some(_) => None,
        None if allow_year_only && year(value).is_some() => None,
        None => Some(YearProblem::Format),
    }
}

// --- Numbers: comparisons and sums ---

#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(n) => n as f64,
            Num::Float(x) => x,
        }
    }

    fn order(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    fn plus(self, other: Num) -> Num {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_add(b)
                .map_or(Num::Float(a as f64 + b as f64), Num::Int),
            (a, b) => Num::Float(a.as_f64() + b.as_f64()),
        }
    }

    /// Equal, decimals within rounding (Validata adds exact decimals).
    fn same(self, other: Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a == b,
            (a, b) => {
                let (a, b) = (a.as_f64(), b.as_f64());
                (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
            }
        }
    }

    fn to_text(self) -> String {
        match self {
            Num::Int(n) => n.to_string(),
            Num::Float(x) => {
                let text = format!("{}", (x * 1e9).round() / 1e9);
                text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
            }
        }
    }
}

/// A number, or the text of one (Validata compares "12" with 12 as numbers).
fn number_of(value: &Value) -> Option<Num> {
    match value {
        Value::Integer(n) => Some(Num::Int(*n)),
        Value::Number(x) if x.is_finite() => Some(Num::Float(*x)),
        Value::Year(y) => Some(Num::Int(i128::from(*y))),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i128>().map(Num::Int).ok().or_else(|| {
                s.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map(Num::Float)
            })
        }
        _ => None,
    }
}

/// Validata's comparison: numbers (or texts of numbers) as numbers, texts
/// as texts, values of the same type as such, nothing else.
fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (number_of(a), number_of(b)) {
        return x.order(y);
    }
    match (a, b) {
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ if std::mem::discriminant(a) == std::mem::discriminant(b) => a.compare(b),
        _ => None,
    }
}

// --- Opening hours ---

/// OpenStreetMap's `opening_hours` syntax, as the `opening_hours` Python
/// package Validata uses reads it (opening-hours-py, a binding of the Rust
/// crate `opening-hours-syntax`; this follows its 2.1 grammar): its PEG
/// grammar, relaxations included (case of names, single-digit hours, spaces
/// around `-` in time spans), with the errors its parser raises after the
/// grammar (inverted week and year ranges, week steps over 255, times after
/// 48:00, Easter followed by a day number). Checked against opening-hours-py
/// 2.1.4 on 46,000 generated and mutated expressions: same verdicts.
mod opening_hours {
    type Pos = Option<usize>;

    pub(super) fn is_valid(text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        let mut parser = Parser { s: text.as_bytes(), errors: 0, lookaheads: Vec::new() };
        parser.opening_hours(0) == Some(text.len()) && parser.errors == 0
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum DateKind {
        Easter,
        Fixed,
        Weekday,
    }

    struct Parser<'s> {
        s: &'s [u8],
        /// Errors found in what has been parsed so far (restored when a
        /// branch is abandoned).
        errors: u32,
        /// Results of the `!("," ~ !monthday_range)` lookahead by position,
        /// which would otherwise make nested dates exponential.
        lookaheads: Vec<(usize, bool)>,
    }

    fn number(digits: &[u8]) -> u32 {
        digits.iter().fold(0, |n, d| {
            n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
        })
    }

    impl Parser<'_> {
        /// Runs a branch; a failed branch leaves no error behind.
        fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
            let saved = self.errors;
            let result = f(self);
            if result.is_none() {
                self.errors = saved;
            }
            result
        }

        fn at(&self, pos: usize) -> Option<u8> {
            self.s.get(pos).copied()
        }

        fn lit(&self, pos: usize, lit: &str) -> Pos {
            let end = pos + lit.len();
            (self.s.get(pos..end)? == lit.as_bytes()).then_some(end)
        }

        /// Case-insensitive literal (the grammar's `^"…"`).
        fn ilit(&self, pos: usize, lit: &str) -> Pos {
            let end = pos + lit.len();
            self.s
                .get(pos..end)?
                .eq_ignore_ascii_case(lit.as_bytes())
                .then_some(end)
        }

        fn range(&self, pos: usize, lo: u8, hi: u8) -> Pos {
            self.at(pos)
                .filter(|b| (lo..=hi).contains(b))
                .map(|_| pos + 1)
        }

        fn digit(&self, pos: usize) -> Pos {
            self.range(pos, b'0', b'9')
        }

        fn opt_space(&self, pos: usize) -> usize {
            self.lit(pos, " ").unwrap_or(pos)
        }

        // opening_hours = rule_sequence ~ (any_rule_separator ~ rule_sequence)*
        fn opening_hours(&mut self, pos: usize) -> Pos {
            let mut pos = self.rule_sequence(pos)?;
            while let Some(next) = self.attempt(|p| {
                let q = p.any_rule_separator(pos)?;
                p.rule_sequence(q)
            }) {
                pos = next;
            }
            Some(pos)
        }

        // rule_sequence = !(space? ~ (any_rule_separator | EOI)) ~ selector_sequence ~ space? ~ rules_modifier?
        fn rule_sequence(&mut self, pos: usize) -> Pos {
            let q = self.opt_space(pos);
            if q == self.s.len() || self.any_rule_separator(q).is_some() {
                return None;
            }
            let pos = self.selector_sequence(pos)?;
            let pos = self.opt_space(pos);
            Some(self.rules_modifier(pos).unwrap_or(pos))
        }

        // `space? ";" space?` | `space? "," space` | `space? "||" space`
        fn any_rule_separator(&self, pos: usize) -> Pos {
            let q = self.opt_space(pos);
            if let Some(r) = self.lit(q, ";") {
                return Some(self.opt_space(r));
            }
            if let Some(r) = self.lit(q, ",").and_then(|r| self.lit(r, " ")) {
                return Some(r);
            }
            self.lit(q, "||").and_then(|r| self.lit(r, " "))
        }

        // rules_modifier = comment | rules_modifier_enum ~ (space ~ comment)?
        fn rules_modifier(&self, pos: usize) -> Pos {
            if let Some(r) = self.comment(pos) {
                return Some(r);
            }
            let r = ["closed", "off", "open", "unknown"]
                .iter()
                .find_map(|w| self.ilit(pos, w))?;
            Some(self.lit(r, " ").and_then(|q| self.comment(q)).unwrap_or(r))
        }

        fn comment(&self, pos: usize) -> Pos {
            let start = self.lit(pos, "\"")?;
            let mut q = start;
            while self.at(q).is_some_and(|b| b != b'"') {
                q += 1;
            }
            if q == start {
                return None;
            }
            self.lit(q, "\"")
        }

        // selector_sequence = "24/7" | wide_range_selectors ~ small_range_selectors?
        fn selector_sequence(&mut self, pos: usize) -> Pos {
            if let Some(r) = self.lit(pos, "24/7") {
                return Some(r);
            }
            let pos = self.wide_range_selectors(pos)?;
            Some(
                self.attempt(|p| p.small_range_selectors(pos))
                    .unwrap_or(pos),
            )
        }

        fn separator_for_readability(&self, pos: usize) -> Pos {
            self.lit(pos, " ")
                .or_else(|| self.lit(pos, ": "))
                .or_else(|| self.lit(pos, ":"))
        }

        // wide_range_selectors = comment ~ ":"
        //   | monthday_selector ~ week_selector? ~ separator?
        //   | year_selector? ~ space? ~ monthday_selector? ~ space? ~ week_selector? ~ separator?
        fn wide_range_selectors(&mut self, pos: usize) -> Pos {
            if let Some(r) = self.comment(pos).and_then(|q| self.lit(q, ":")) {
                return Some(r);
            }
            if let Some(r) = self.attempt(|p| {
                let q = p.monthday_selector(pos)?;
                let q = p.attempt(|p| p.week_selector(q)).unwrap_or(q);
                Some(p.separator_for_readability(q).unwrap_or(q))
            }) {
                return Some(r);
            }
            let q = self.attempt(|p| p.year_selector(pos)).unwrap_or(pos);
            let q = self.opt_space(q);
            let q = self.attempt(|p| p.monthday_selector(q)).unwrap_or(q);
            let q = self.opt_space(q);
            let q = self.attempt(|p| p.week_selector(q)).unwrap_or(q);
            Some(self.separator_for_readability(q).unwrap_or(q))
        }

        // small_range_selectors = weekday_selector ~ space ~ time_selector | weekday_selector | time_selector
        fn small_range_selectors(&mut self, pos: usize) -> Pos {
            if let Some(r) = self.attempt(|p| {
                let q = p.weekday_selector(pos)?;
                let q = p.lit(q, " ")?;
                p.time_selector(q)
            }) {
                return Some(r);
            }
            if let Some(r) = self.weekday_selector(pos) {
                return Some(r);
            }
            self.attempt(|p| p.time_selector(pos))
        }

        // time_selector = timespan ~ ("," ~ space? ~ timespan)*
        fn time_selector(&mut self, pos: usize) -> Pos {
            let mut pos = self.timespan(pos)?;
            while let Some(next) = self.attempt(|p| {
                let q = p.lit(pos, ",")?;
                let q = p.opt_space(q);
                p.timespan(q)
            }) {
                pos = next;
            }
            Some(pos)
        }

        // timespan = time space? "-" extended_time space? "/" space? (hour_minutes | minute)
        //   | time space? "-" space? extended_time "+"?
        //   | time "+"
        fn timespan(&mut self, pos: usize) -> Pos {
            for repeat_in_hours in [true, false] {
                if let Some(r) = self.attempt(|p| {
                    let q = p.time(pos)?;
                    let q = p.lit(p.opt_space(q), "-")?;
                    let q = p.extended_time(q)?;
                    let q = p.lit(p.opt_space(q), "/")?;
                    let q = p.opt_space(q);
                    if repeat_in_hours {
                        p.hour_minutes(q)
                    } else {
                        p.minute(q)
                    }
                }) {
                    return Some(r);
                }
            }
            for open_end in [true, false] {
                if let Some(r) = self.attempt(|p| {
                    let q = p.time(pos)?;
                    let q = p.lit(p.opt_space(q), "-")?;
                    let q = p.extended_time(p.opt_space(q))?;
                    if open_end { p.lit(q, "+") } else { Some(q) }
                }) {
                    return Some(r);
                }
            }
            // A point in time needs its `+` ("12:00+").
            self.time(pos).and_then(|q| self.lit(q, "+"))
        }

        // time = !"24:00" ~ hour_minutes | variable_time
        fn time(&self, pos: usize) -> Pos {
            if self.lit(pos, "24:00").is_none()
                && let Some(r) = self.hour_minutes(pos)
            {
                return Some(r);
            }
            self.variable_time(pos)
        }

        // extended_time = extended_hour_minutes | variable_time
        fn extended_time(&mut self, pos: usize) -> Pos {
            if let Some((q, hour, minute)) = self.extended_hour_minutes(pos) {
                // At most 48:00.
                if hour == 48 && minute > 0 {
                    self.errors += 1;
                }
                return Some(q);
            }
            self.variable_time(pos)
        }

        // variable_time = "(" event plus_or_minus hour_minutes ")" | event
        fn variable_time(&self, pos: usize) -> Pos {
            let offset = || {
                let q = self.event(self.lit(pos, "(")?)?;
                let q = self.hour_minutes(self.plus_or_minus(q)?)?;
                self.lit(q, ")")
            };
            offset().or_else(|| self.event(pos))
        }

        fn event(&self, pos: usize) -> Pos {
            ["dawn", "sunrise", "sunset", "dusk"]
                .iter()
                .find_map(|w| self.ilit(pos, w))
        }

        fn plus_or_minus(&self, pos: usize) -> Pos {
            self.lit(pos, "+").or_else(|| self.lit(pos, "-"))
        }

        // hour = [01][0-9] | "2"[0-3] | [0-9] !digit
        fn hour(&self, pos: usize) -> Pos {
            if let Some(q) = self.range(pos, b'0', b'1').and_then(|q| self.digit(q)) {
                return Some(q);
            }
            if let Some(q) = self.lit(pos, "2").and_then(|q| self.range(q, b'0', b'3')) {
                return Some(q);
            }
            let q = self.digit(pos)?;
            self.digit(q).is_none().then_some(q)
        }

        fn minute(&self, pos: usize) -> Pos {
            self.range(pos, b'0', b'5').and_then(|q| self.digit(q))
        }

        // hour_minutes = hour ":" minute | "24:00"
        fn hour_minutes(&self, pos: usize) -> Pos {
            self.hour(pos)
                .and_then(|q| self.lit(q, ":"))
                .and_then(|q| self.minute(q))
                .or_else(|| self.lit(pos, "24:00"))
        }

        // extended_hour_minutes = ([0-3][0-9] | "4"[0-8] | [0-9] !digit) ":" minute
        fn extended_hour_minutes(&self, pos: usize) -> Option<(usize, u32, u32)> {
            let q = self
                .range(pos, b'0', b'3')
                .and_then(|q| self.digit(q))
                .or_else(|| self.lit(pos, "4").and_then(|q| self.range(q, b'0', b'8')))
                .or_else(|| self.digit(pos).filter(|&q| self.digit(q).is_none()))?;
            let hour = number(&self.s[pos..q]);
            let m = self.lit(q, ":")?;
            let end = self.minute(m)?;
            Some((end, hour, number(&self.s[m..end])))
        }

        // weekday_selector = holiday_sequence (("," | space) weekday_sequence)?
        //   | weekday_sequence (("," | space) holiday_sequence)?
        fn weekday_selector(&self, pos: usize) -> Pos {
            let then = |q: usize, next: &dyn Fn(usize) -> Pos| {
                self.lit(q, ",")
                    .or_else(|| self.lit(q, " "))
                    .and_then(next)
                    .unwrap_or(q)
            };
            if let Some(q) = self.holiday_sequence(pos) {
                return Some(then(q, &|r| self.weekday_sequence(r)));
            }
            let q = self.weekday_sequence(pos)?;
            Some(then(q, &|r| self.holiday_sequence(r)))
        }

        fn weekday_sequence(&self, pos: usize) -> Pos {
            let mut q = self.weekday_range(pos)?;
            while let Some(r) = self.lit(q, ",").and_then(|r| self.weekday_range(r)) {
                q = r;
            }
            Some(q)
        }

        // weekday_range = wday "[" nth_entry ("," nth_entry)* "]" day_offset? | wday "-" wday | wday
        fn weekday_range(&self, pos: usize) -> Pos {
            let q = self.wday(pos)?;
            let nths = || {
                let mut r = self.nth_entry(self.lit(q, "[")?)?;
                while let Some(n) = self.lit(r, ",").and_then(|x| self.nth_entry(x)) {
                    r = n;
                }
                let r = self.lit(r, "]")?;
                Some(self.day_offset(r).unwrap_or(r))
            };
            nths()
                .or_else(|| self.lit(q, "-").and_then(|r| self.wday(r)))
                .or(Some(q))
        }

        fn holiday_sequence(&self, pos: usize) -> Pos {
            let holiday = |q: usize| {
                self.lit(q, "PH")
                    .map(|r| self.day_offset(r).unwrap_or(r))
                    .or_else(|| self.lit(q, "SH"))
            };
            let mut q = holiday(pos)?;
            while let Some(r) = self.lit(q, ",").and_then(holiday) {
                q = r;
            }
            Some(q)
        }

        // nth_entry = nth "-" nth | "-" nth | nth
        fn nth_entry(&self, pos: usize) -> Pos {
            let nth = |q: usize| self.range(q, b'1', b'5');
            nth(pos)
                .and_then(|q| self.lit(q, "-"))
                .and_then(nth)
                .or_else(|| self.lit(pos, "-").and_then(nth))
                .or_else(|| nth(pos))
        }

        // day_offset = space plus_or_minus positive_number space "day" "s"?
        fn day_offset(&self, pos: usize) -> Pos {
            let q = self.plus_or_minus(self.lit(pos, " ")?)?;
            let (q, _) = self.positive_number(q)?;
            let q = self.lit(self.lit(q, " ")?, "day")?;
            Some(self.lit(q, "s").unwrap_or(q))
        }

        // positive_number = "0"* [1-9] digit{0,3}
        fn positive_number(&self, pos: usize) -> Option<(usize, u32)> {
            let mut q = pos;
            while self.at(q) == Some(b'0') {
                q += 1;
            }
            let start = q;
            q = self.range(q, b'1', b'9')?;
            for _ in 0..3 {
                match self.digit(q) {
                    Some(r) => q = r,
                    None => break,
                }
            }
            Some((q, number(&self.s[start..q])))
        }

        // week_selector = separator? "week" space? week ("," week)*
        fn week_selector(&mut self, pos: usize) -> Pos {
            let q = self.separator_for_readability(pos).unwrap_or(pos);
            let q = self.opt_space(self.lit(q, "week")?);
            let mut q = self.week(q)?;
            while let Some(r) = self.attempt(|p| {
                let x = p.lit(q, ",")?;
                p.week(x)
            }) {
                q = r;
            }
            Some(q)
        }

        // week = weeknum ("-" weeknum ("/" positive_number)?)?
        fn week(&mut self, pos: usize) -> Pos {
            let (q, start) = self.weeknum(pos)?;
            let range = self
                .lit(q, "-")
                .and_then(|r| self.weeknum(r))
                .map(
                    |(r, end)| match self.lit(r, "/").and_then(|x| self.positive_number(x)) {
                        Some((x, step)) => (x, end, step),
                        None => (r, end, 1),
                    },
                );
            let Some((r, end, step)) = range else {
                return Some(q);
            };
            if start > end || step > 255 {
                self.errors += 1;
            }
            Some(r)
        }

        // weeknum = [1-4][0-9] | "5"[0-3] | "0"? [1-9]
        fn weeknum(&self, pos: usize) -> Option<(usize, u32)> {
            let q = self
                .range(pos, b'1', b'4')
                .and_then(|q| self.digit(q))
                .or_else(|| self.lit(pos, "5").and_then(|q| self.range(q, b'0', b'3')))
                .or_else(|| self.range(self.lit(pos, "0").unwrap_or(pos), b'1', b'9'))?;
            Some((q, number(&self.s[pos..q])))
        }

        // monthday_selector = monthday_range ("," monthday_range)*
        fn monthday_selector(&mut self, pos: usize) -> Pos {
            let mut q = self.monthday_range(pos)?;
            while let Some(r) = self.attempt(|p| {
                let x = p.lit(q, ",")?;
                p.monthday_range(x)
            }) {
                q = r;
            }
            Some(q)
        }

        // monthday_range = date_from date_offset? space? "-" space? date_to date_offset?
        //   | date_from date_offset "+"?
        //   | date_from "+"?
        //   | year? month ("-" month)?
        fn monthday_range(&mut self, pos: usize) -> Pos {
            if let Some(r) = self.attempt(|p| {
                let (q, from) = p.date_from(pos)?;
                let q = p.date_offset(q).unwrap_or(q);
                let q = p.lit(p.opt_space(q), "-")?;
                let (q, to_daynum) = p.date_to(p.opt_space(q))?;
                if from == DateKind::Easter && to_daynum {
                    p.errors += 1;
                }
                Some(p.date_offset(q).unwrap_or(q))
            }) {
                return Some(r);
            }
            if let Some(r) = self.attempt(|p| {
                let (q, _) = p.date_from(pos)?;
                let q = p.date_offset(q)?;
                Some(p.lit(q, "+").unwrap_or(q))
            }) {
                return Some(r);
            }
            if let Some(r) = self.attempt(|p| {
                let (q, _) = p.date_from(pos)?;
                Some(p.lit(q, "+").unwrap_or(q))
            }) {
                return Some(r);
            }
            let q = self.year(pos).map_or(pos, |(q, _)| q);
            let q = self.month(q)?;
            Some(self.lit(q, "-").and_then(|r| self.month(r)).unwrap_or(q))
        }

        // date_offset = plus_or_minus wday day_offset? | day_offset
        fn date_offset(&self, pos: usize) -> Pos {
            if let Some(q) = self.plus_or_minus(pos).and_then(|q| self.wday(q)) {
                return Some(self.day_offset(q).unwrap_or(q));
            }
            self.day_offset(pos)
        }

        // date_from = year? " "? "easter"
        //   | (year " "?)? month " "? daynum
        //   | (year " "?)? month " " wday "[" "-"? nth "]" !("," !monthday_range)
        fn date_from(&mut self, pos: usize) -> Option<(usize, DateKind)> {
            let q = self.year(pos).map_or(pos, |(q, _)| q);
            let q = self.lit(q, " ").unwrap_or(q);
            if let Some(r) = self.ilit(q, "easter") {
                return Some((r, DateKind::Easter));
            }
            let q = self
                .year(pos)
                .map_or(pos, |(q, _)| self.lit(q, " ").unwrap_or(q));
            let m = self.month(q)?;
            if let Some(r) = self.daynum(self.lit(m, " ").unwrap_or(m)) {
                return Some((r, DateKind::Fixed));
            }
            let r = self.wday(self.lit(m, " ")?)?;
            let r = self.lit(r, "[")?;
            let r = self.range(self.lit(r, "-").unwrap_or(r), b'1', b'5')?;
            let r = self.lit(r, "]")?;
            if let Some(comma) = self.lit(r, ",") {
                let cached = self
                    .lookaheads
                    .iter()
                    .find(|(at, _)| *at == comma)
                    .map(|&(_, k)| k);
                let next_is_range = match cached {
                    Some(known) => known,
                    None => {
                        let saved = self.errors;
                        let known = self.monthday_range(comma).is_some();
                        self.errors = saved;
                        self.lookaheads.push((comma, known));
                        known
                    }
                };
                if !next_is_range {
                    return None;
                }
            }
            Some((r, DateKind::Weekday))
        }

        // date_to = date_from | daynum; says whether it is a day number.
        fn date_to(&mut self, pos: usize) -> Option<(usize, bool)> {
            if let Some((q, _)) = self.attempt(|p| p.date_from(pos)) {
                return Some((q, false));
            }
            self.daynum(pos).map(|q| (q, true))
        }

        // year_selector = year_range ("," year_range)*
        fn year_selector(&mut self, pos: usize) -> Pos {
            let mut q = self.year_range(pos)?;
            while let Some(r) = self.attempt(|p| {
                let x = p.lit(q, ",")?;
                p.year_range(x)
            }) {
                q = r;
            }
            Some(q)
        }

        // year_range = year "+" | year ("-" year ("/" positive_number)?)?
        fn year_range(&mut self, pos: usize) -> Pos {
            let (q, start) = self.year(pos)?;
            if let Some(r) = self.lit(q, "+") {
                return Some(r);
            }
            let Some((r, end)) = self.lit(q, "-").and_then(|r| self.year(r)) else {
                return Some(q);
            };
            if start > end {
                self.errors += 1;
            }
            Some(
                self.lit(r, "/")
                    .and_then(|x| self.positive_number(x))
                    .map_or(r, |(x, _)| x),
            )
        }

        // year = "19" digit{2} | [2-9] digit{3}
        fn year(&self, pos: usize) -> Option<(usize, u32)> {
            let q = self
                .lit(pos, "19")
                .and_then(|q| self.digit(q))
                .and_then(|q| self.digit(q))
                .or_else(|| {
                    let q = self.range(pos, b'2', b'9')?;
                    self.digit(q)
                        .and_then(|q| self.digit(q))
                        .and_then(|q| self.digit(q))
                })?;
            Some((q, number(&self.s[pos..q])))
        }

        // wday = !event ~ "Su" | "Mo" | "Tu" | "We" | "Th" | "Fr" | "Sa" (any case)
        fn wday(&self, pos: usize) -> Pos {
            if self.event(pos).is_none()
                && let Some(q) = self.ilit(pos, "su")
            {
                return Some(q);
            }
            ["mo", "tu", "we", "th", "fr", "sa"]
                .iter()
                .find_map(|d| self.ilit(pos, d))
        }

        fn month(&self, pos: usize) -> Pos {
            [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ]
            .iter()
            .find_map(|m| self.ilit(pos, m))
        }

        // daynum = ([12][0-9] | "3"[01] | "0"? [1-9]) !(":" minute !(":" minute))
        fn daynum(&self, pos: usize) -> Pos {
            let q = self
                .range(pos, b'1', b'2')
                .and_then(|q| self.digit(q))
                .or_else(|| self.lit(pos, "3").and_then(|q| self.range(q, b'0', b'1')))
                .or_else(|| self.range(self.lit(pos, "0").unwrap_or(pos), b'1', b'9'))?;
            let a_time = self
                .lit(q, ":")
                .and_then(|r| self.minute(r))
                .is_some_and(|r| self.lit(r, ":").and_then(|x| self.minute(x)).is_none());
            (!a_time).then_some(q)
        }
    }
}

// --- Phone numbers ---

/// French numbering rules as Validata checks them with Python's
/// `phonenumbers` (libphonenumber's metadata), the default region being
/// France: a number is valid when it is a valid French number (national
/// `0X XX XX XX XX`, `+33`, `0033`, `33…`, `+33 (0)…`), a valid number with
/// a country code, or a valid French short number (15, 17, 18, 112, 115,
/// 3949…). Parsing follows libphonenumber: text before the first digit or
/// `+` is ignored, extensions (`ext. 12`, `x12`) are dropped, three letters
/// or more are read as a keypad's. French and overseas numbers (+590, +594,
/// +596, +262, +508, +687, +689, +681) are checked against the patterns of
/// phonenumbers 9.0's metadata (same verdicts on 25,000 generated numbers);
/// other countries' by the lengths and first digits their national numbers
/// may have, which accepts some numbers libphonenumber's per-type patterns
/// refuse.
mod phone {
    use super::{LazyLock, Regex};

    /// Metropolitan France: fixed lines, mobiles, free, premium, shared
    /// cost, VoIP and universal access numbers (9 digits after the 0).
    static FRANCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:(?:26[013-9]|59[1-35-9])\d{6}|(?:[13]\d|2[0-57-9]|4[1-9]|5[0-8])\d{7}",
            r"|(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}",
            r"|80\d{7}",
            r"|836(?:0[0-36-9]|[1-9]\d)\d{4}|8(?:1[2-9]|2[2-47-9]|3[0-57-9]|[569]\d|8[0-35-9])\d{6}",
            r"|8(?:1[01]|2[0156]|4[024]|84)\d{6}",
            r"|9\d{8})$"
        ))
        .unwrap()
    });

    /// French short numbers: emergency (15, 17, 18, 112, 114, 115, 119…),
    /// 10XX, 116XXX, 118XXX, 3XXX, 3XXXX…
    static FRANCE_SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:1(?:0\d\d|1(?:[02459]|6(?:00[06]|11[17])|8\d{3})|[578]|9[167])",
            r"|2(?:0(?:00|2)0|24)|[3-8]\d{4}|3\d{3}|6(?:1[14]|34)|7(?:0[06]|22|40))$"
        ))
        .unwrap()
    });

    /// A numbering plan of the French overseas: national numbers a region
    /// may have, and those of its number types (fixed, mobile, free…).
    struct Plan {
        general: Regex,
        types: Regex,
    }

    /// Overseas plans by country code: the lengths its national numbers
    /// take (to drop the national prefix 0, where there is one) and its
    /// regions' plans.
    type Overseas = (u16, &'static [usize], bool, Vec<Plan>);

    static OVERSEAS: LazyLock<Vec<Overseas>> = LazyLock::new(|| {
        let plan = |general: &str, types: &str| Plan {
            general: Regex::new(&format!("^(?:{general})$")).unwrap(),
            types: Regex::new(&format!("^(?:{types})$")).unwrap(),
        };
        let antilles_other = r"|(?:69(?:0\d\d|1(?:2[2-9]|3[0-5]))|7090[0-4])\d{4}|80[0-5]\d{6}|8[129]\d{7}|9(?:(?:39[5-7]|76[018])\d|475[0-6])\d{4}";
        vec![
            // Guadeloupe, Saint-Barthélemy, Saint-Martin
            (590, &[9], true, vec![
                plan(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}", &(r"(?:59(?:0(?:0[1-68]|[14][0-24-9]|2[0-68]|3[1-9]|5[3-579]|[68][0-689]|7[08]|9\d)|87\d)|80[6-9]\d\d)\d{4}".to_string() + antilles_other)),
                plan(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}", &(r"(?:59(?:0(?:2[7-9]|3[3-7]|5[12]|87)|87\d)|80[6-9]\d\d)\d{4}".to_string() + antilles_other)),
                plan(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}", &(r"(?:59(?:0(?:0[079]|[14]3|[27][79]|3[03-7]|5[0-268]|87)|87\d)|80[6-9]\d\d)\d{4}".to_string() + antilles_other)),
            ]),
            // Guyane
            (594, &[9], true, vec![plan(
                r"(?:694\d|7093)\d{5}|(?:59|[89]\d)\d{7}",
                r"(?:59(?:4(?:[02-49]\d|1[0-5]|5[6-9]|6[0-3]|80)|88\d)|80[6-9]\d\d)\d{4}|(?:694(?:[0-249]\d|3[0-8])|7093[0-3])\d{4}|80[0-5]\d{6}|8[129]\d{7}|9(?:(?:396|76\d)\d|476[0-6])\d{4}",
            )]),
            // Martinique
            (596, &[9], true, vec![plan(
                r"7091\d{5}|(?:[56]9|[89]\d)\d{7}",
                r"(?:59(?:6(?:[03-7]\d|1[05]|2[7-9]|8[0-39]|9[04-9])|89\d)|80[6-9]\d\d|9(?:477[6-9]|767[4589]))\d{4}|(?:69[67]\d\d|7091[0-3])\d{4}|80[0-5]\d{6}|8[129]\d{7}|9(?:397[0-3]|477[0-5]|76(?:6\d|7[0-367]))\d{4}",
            )]),
            // La Réunion, Mayotte
            (262, &[9], true, vec![
                plan(
                    r"709\d{6}|(?:26|[689]\d)\d{7}",
                    r"2631[0-6]\d{4}|26(?:2\d|30|88)\d{5}|(?:69(?:2\d\d|3(?:[06][0-6]|1[0-3]|2[0-2]|3[0-39]|4\d|5[0-5]|7[0-37]|8[0-8]|9[0-479]))|7092[0-3])\d{4}|80\d{7}|89[1-37-9]\d{6}|8(?:1[019]|2[0156]|84|90)\d{6}|9(?:399[0-3]|479[0-6]|76(?:2[278]|3[0-37]))\d{4}",
                ),
                plan(
                    r"(?:639\d|7093)\d{5}|(?:26|80|9\d)\d{7}",
                    r"26(?:89\d|9(?:0[0-467]|15|5[0-4]|6\d|[78]0))\d{4}|(?:639(?:0[0-79]|1[019]|[267]\d|3[09]|40|5[05-9]|9[04-79])|7093[5-7])\d{4}|80\d{7}|9(?:(?:39|47)8[01]|769\d)\d{4}",
                ),
            ]),
            // Saint-Pierre-et-Miquelon
            (508, &[6, 9], true, vec![plan(
                r"[78]\d{8}|[2-9]\d{5}",
                r"80[6-9]\d{6}|(?:[236-9]\d|4[1-35-9]|5[0-47-9])\d{4}|708(?:4[0-5]|5[0-6])\d{4}|(?:[236-9]\d|4[02-489]|5[02-9])\d{4}|80[0-5]\d{6}|8[129]\d{7}",
            )]),
            // Nouvelle-Calédonie
            (687, &[6], false, vec![plan(
                r"(?:050|[2-57-9]\d\d)\d{3}",
                r"(?:2[03-9]|3[0-5]|4[1-7]|88)\d{4}|(?:[579]\d|8[0-79])\d{4}|050\d{3}|36\d{4}",
            )]),
            // Polynésie française
            (689, &[6, 8, 9], false, vec![plan(
                r"4\d{5}(?:\d{2})?|8\d{7,8}",
                r"4(?:0[4-689]|9[4-68])\d{5}|8[7-9]\d{6}|80[0-5]\d{6}|499\d{5}|44\d{4}",
            )]),
            // Wallis-et-Futuna
            (681, &[6, 9], false, vec![plan(
                r"(?:40|72|8\d{4})\d{4}|[89]\d{5}",
                r"72\d{4}|(?:72|8[23])\d{4}|80[0-5]\d{6}|9[23]\d{4}|[48]0\d{4}",
            )]),
        ]
    });

    /// Extensions libphonenumber strips before checking the number.
    static EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)(?:;ext=\d{1,20}",
            r"|[ \x{A0}\t,]*(?:e?xt(?:ensi(?:o\x{301}?|\x{F3}))?n?|\x{FF45}?\x{FF58}\x{FF54}\x{FF4E}?|\x{434}\x{43E}\x{431}|anexo)[:.\x{FF0E}]?[ \x{A0}\t,-]*\d{1,20}#?",
            r"|[ \x{A0}\t,]*(?:[x\x{FF58}#\x{FF03}~\x{FF5E}]|int|\x{FF49}\x{FF4E}\x{FF54})[:.\x{FF0E}]?[ \x{A0}\t,-]*\d{1,9}#?",
            r"|[- ]+\d{1,6}#)$"
        ))
        .unwrap()
    });

    /// Country calling codes (sorted), with what libphonenumber's metadata
    /// (phonenumbers 9.0) says of their national numbers: the lengths they
    /// may have (bit n set for n digits), the digits they may start with
    /// (bit d for d), and whether a leading 0 is a national prefix.
    #[rustfmt::skip]
    const COUNTRIES: &[(u16, u32, u16, bool)] = &[
        (1, 0x480, 0b1111111100, false),
        (7, 0x4400, 0b1110011000, false),
        (20, 0x700, 0b1101111110, true),
        (27, 0x7e0, 0b1111111110, true),
        (30, 0x1c00, 0b1111000100, false),
        (31, 0xfe0, 0b1111111110, true),
        (32, 0x300, 0b1111111110, true),
        (33, 0x200, 0b1111111110, true),
        (34, 0x200, 0b1111110000, false),
        (36, 0x300, 0b1111111110, true),
        (39, 0x1fc0, 0b0110111011, false),
        (40, 0x240, 0b1110001100, true),
        (41, 0x1200, 0b1111111100, true),
        (43, 0x3ff0, 0b1111111110, true),
        (44, 0x680, 0b1110101110, true),
        (45, 0x100, 0b1111111100, false),
        (46, 0x17c0, 0b1111111110, true),
        (47, 0x120, 0b1111111101, false),
        (48, 0x7c0, 0b1111111110, false),
        (49, 0xfff0, 0b1111111110, true),
        (51, 0x300, 0b1111110010, true),
        (52, 0x400, 0b1111111100, false),
        (53, 0x5c0, 0b0111111100, true),
        (54, 0xc00, 0b1101001110, true),
        (55, 0xf00, 0b1111111110, true),
        (56, 0xe00, 0b1111111110, false),
        (57, 0xd00, 0b1001011010, true),
        (58, 0x400, 0b1101110100, true),
        (60, 0x700, 0b1111111010, true),
        (61, 0x17e0, 0b0110011110, true),
        (62, 0x3ff80, 0b1111111111, true),
        (63, 0x3f40, 0b1111111110, true),
        (64, 0x7e0, 0b1111111110, true),
        (65, 0xd00, 0b1111001010, false),
        (66, 0x2700, 0b1111111110, true),
        (81, 0x3ff00, 0b1111111111, true),
        (82, 0x7f60, 0b0111111111, true),
        (84, 0x780, 0b1111101110, true),
        (86, 0x1f80, 0b1111111110, true),
        (90, 0x3480, 0b1100111100, true),
        (91, 0x3f00, 0b1111111110, true),
        (92, 0x1f00, 0b1111111110, true),
        (93, 0x200, 0b0011111100, true),
        (94, 0x200, 0b1111111110, true),
        (95, 0x7c0, 0b1111110110, true),
        (98, 0x4f0, 0b1111111110, true),
        (211, 0x200, 0b1000000010, true),
        (212, 0x200, 0b0111100000, true),
        (213, 0x300, 0b1111111110, true),
        (216, 0x100, 0b1110111100, false),
        (218, 0x200, 0b1111111100, true),
        (220, 0x280, 0b1111111100, false),
        (221, 0x200, 0b1110001000, false),
        (222, 0x100, 0b0100011100, false),
        (223, 0x100, 0b1111110100, false),
        (224, 0x300, 0b0011001000, false),
        (225, 0x400, 0b0000000101, false),
        (226, 0x100, 0b0011110101, false),
        (227, 0x100, 0b1110000101, false),
        (228, 0x100, 0b1010000100, false),
        (229, 0x400, 0b0000000001, false),
        (230, 0x580, 0b0111111100, false),
        (231, 0x380, 0b0111111100, true),
        (232, 0x100, 0b1111001100, true),
        (233, 0x300, 0b0100101100, true),
        (234, 0x7c00, 0b1110000100, true),
        (235, 0x100, 0b1111001100, false),
        (236, 0x100, 0b0111000100, false),
        (237, 0x300, 0b0101000100, false),
        (238, 0x80, 0b1100111100, false),
        (239, 0x80, 0b1000000100, false),
        (240, 0x200, 0b1100101100, false),
        (241, 0x180, 0b0011111111, true),
        (242, 0x200, 0b0100000101, false),
        (243, 0x780, 0b1101111110, true),
        (244, 0x200, 0b1000000100, false),
        (245, 0x280, 0b1000010000, false),
        (246, 0x80, 0b0000001000, false),
        (247, 0x60, 0b1111111111, false),
        (248, 0x80, 0b1101010100, false),
        (249, 0x200, 0b1000000010, true),
        (250, 0x300, 0b1110000101, true),
        (251, 0x200, 0b1110111110, true),
        (252, 0x3c0, 0b1111111110, true),
        (253, 0x100, 0b0010000100, false),
        (254, 0x780, 0b1111110110, true),
        (255, 0x200, 0b1111110100, true),
        (256, 0x200, 0b1110011100, true),
        (257, 0x100, 0b0011001100, false),
        (258, 0x300, 0b0100000100, false),
        (260, 0x200, 0b1111100100, true),
        (261, 0x200, 0b0000001100, true),
        (262, 0x200, 0b1111000100, true),
        (263, 0x680, 0b0111101100, true),
        (264, 0x300, 0b0101000000, true),
        (265, 0x280, 0b1110001110, true),
        (266, 0x100, 0b0101100100, false),
        (267, 0x580, 0b1111111101, false),
        (268, 0x300, 0b1010001101, false),
        (269, 0x80, 0b0110011000, false),
        (290, 0x30, 0b1101100100, false),
        (291, 0x80, 0b0110000010, true),
        (297, 0x80, 0b1111100100, false),
        (298, 0x40, 0b1111111100, false),
        (299, 0x40, 0b1111111110, false),
        (350, 0x100, 0b0001100100, false),
        (351, 0x200, 0b1111001110, false),
        (352, 0xff0, 0b1111111100, false),
        (353, 0x780, 0b1111110110, true),
        (354, 0x280, 0b1111111000, false),
        (355, 0x3c0, 0b1111111100, true),
        (356, 0x100, 0b1110101100, false),
        (357, 0x100, 0b1110100100, false),
        (358, 0x1fe0, 0b1111111110, true),
        (359, 0x13c0, 0b1111111100, true),
        (370, 0x100, 0b1111111000, true),
        (371, 0x100, 0b1111000100, false),
        (372, 0x580, 0b1111111000, false),
        (373, 0x100, 0b1111101100, true),
        (374, 0x100, 0b1111111110, true),
        (375, 0xfc0, 0b1100011110, true),
        (376, 0x340, 0b1111101010, false),
        (377, 0x300, 0b1111011000, true),
        (378, 0x500, 0b0011100001, false),
        (380, 0x600, 0b1111111000, true),
        (381, 0x1fc0, 0b1111001110, true),
        (382, 0x300, 0b1111111100, true),
        (383, 0x1f00, 0b1100011100, true),
        (385, 0x380, 0b1111111110, true),
        (386, 0x1e0, 0b1111111110, true),
        (387, 0x300, 0b1111111000, true),
        (389, 0x100, 0b0110111100, true),
        (420, 0x1e00, 0b1111111100, false),
        (421, 0x2c0, 0b1101111100, true),
        (423, 0x280, 0b1111001100, true),
        (500, 0x20, 0b0011111100, false),
        (501, 0x880, 0b0111111101, false),
        (502, 0x900, 0b0111111110, false),
        (503, 0x980, 0b1111100100, false),
        (504, 0x900, 0b1110001100, false),
        (505, 0x100, 0b0111100110, false),
        (506, 0x500, 0b1111111100, false),
        (507, 0xd80, 0b1111111110, false),
        (508, 0x240, 0b1111111100, true),
        (509, 0x100, 0b1100111100, false),
        (590, 0x200, 0b1111100000, true),
        (591, 0x300, 0b0111111100, true),
        (592, 0x80, 0b1111111100, false),
        (593, 0xf00, 0b1011111110, true),
        (594, 0x200, 0b1111100000, true),
        (595, 0xfc0, 0b1111111100, true),
        (596, 0x200, 0b1111100000, true),
        (597, 0xc0, 0b1111111100, false),
        (598, 0x3ff0, 0b1100010111, true),
        (599, 0x180, 0b1011011000, false),
        (670, 0x180, 0b1110011100, false),
        (672, 0x40, 0b0000001010, false),
        (673, 0x80, 0b0110111100, false),
        (674, 0x80, 0b1111110100, false),
        (675, 0x180, 0b1111111110, false),
        (676, 0xa0, 0b1111111101, false),
        (677, 0xa0, 0b1111111110, false),
        (678, 0xa0, 0b1110111100, false),
        (679, 0x880, 0b1111111101, false),
        (680, 0x80, 0b1111111100, false),
        (681, 0x240, 0b1110010000, false),
        (682, 0x20, 0b0110111100, false),
        (683, 0x90, 0b0111110000, false),
        (685, 0x4e0, 0b0111111100, false),
        (686, 0x120, 0b0111111100, true),
        (687, 0x40, 0b1110111101, false),
        (688, 0xe0, 0b1010000100, false),
        (689, 0x340, 0b0100010000, false),
        (690, 0xf0, 0b0010011100, false),
        (691, 0x80, 0b1100001000, false),
        (692, 0x80, 0b0001111100, false),
        (800, 0x100, 0b1111111111, false),
        (808, 0x100, 0b1111111110, false),
        (850, 0x500, 0b0111111110, true),
        (852, 0xbe0, 0b1111111100, false),
        (853, 0x180, 0b0101000101, false),
        (855, 0x700, 0b1111111110, true),
        (856, 0x700, 0b0111111100, true),
        (870, 0x1200, 0b0011101100, false),
        (878, 0x1000, 0b0000000010, false),
        (880, 0x7c0, 0b1111111110, true),
        (881, 0x600, 0b1111001111, false),
        (882, 0x1f80, 0b1000111110, false),
        (883, 0x1f00, 0b0000111110, false),
        (886, 0xf80, 0b1111111100, true),
        (888, 0x800, 0b1111111111, false),
        (960, 0x480, 0b1111011000, false),
        (961, 0x180, 0b1111111110, true),
        (962, 0x300, 0b1111111100, true),
        (963, 0x300, 0b1000111110, true),
        (964, 0x700, 0b0011111110, true),
        (965, 0x180, 0b1001110110, false),
        (966, 0x600, 0b1100100010, true),
        (967, 0x380, 0b0011111110, true),
        (968, 0x380, 0b1110100110, false),
        (970, 0x700, 0b1100110110, true),
        (971, 0x1fe0, 0b1111111100, true),
        (972, 0x1f80, 0b1110111110, true),
        (973, 0x100, 0b1111001010, false),
        (974, 0xb80, 0b0111111101, false),
        (975, 0x180, 0b0111111110, false),
        (976, 0x700, 0b1111100110, true),
        (977, 0xd00, 0b1111111110, true),
        (979, 0x200, 0b1000101010, false),
        (992, 0x200, 0b1111111111, false),
        (993, 0x100, 0b0011111110, false),
        (994, 0x200, 0b1111111110, true),
        (995, 0x200, 0b0110111000, true),
        (996, 0x600, 0b1111101100, true),
        (998, 0x200, 0b1111101100, false),
    ];

    /// Digits of a number, on the stack.
    struct Digits {
        buf: [u8; 48],
        len: usize,
    }

    impl Digits {
        fn push(&mut self, digit: u8) -> Option<()> {
            *self.buf.get_mut(self.len)? = digit;
            self.len += 1;
            Some(())
        }

        fn as_slice(&self) -> &[u8] {
            &self.buf[..self.len]
        }
    }

    fn digit_value(c: char) -> Option<u8> {
        let zero = match c {
            '0'..='9' => '0',
            '\u{ff10}'..='\u{ff19}' => '\u{ff10}',
            '\u{660}'..='\u{669}' => '\u{660}',
            '\u{6f0}'..='\u{6f9}' => '\u{6f0}',
            _ => return None,
        };
        Some(b'0' + (c as u32 - zero as u32) as u8)
    }

    fn is_plus(c: char) -> bool {
        c == '+' || c == '\u{ff0b}'
    }

    /// libphonenumber's punctuation (and `*`).
    fn is_punctuation(c: char) -> bool {
        matches!(
            c,
            '-' | 'x' | 'X' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30fc}' | '\u{ff0d}'..='\u{ff0f}'
                | ' ' | '\u{a0}' | '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{3000}' | '(' | ')'
                | '\u{ff08}' | '\u{ff09}' | '\u{ff3b}' | '\u{ff3d}' | '.' | '[' | ']' | '/' | '~'
                | '\u{2053}' | '\u{223c}' | '\u{ff5e}' | '*'
        )
    }

    /// From the first `+` or digit, without trailing punctuation nor a
    /// second number (`/ x…`).
    fn extract_possible_number(raw: &str) -> Option<&str> {
        let start = raw.find(|c: char| is_plus(c) || digit_value(c).is_some())?;
        let trim = |s: &'_ str| -> usize {
            s.trim_end_matches(|c: char| {
                !(c.is_ascii_alphabetic() || digit_value(c).is_some() || c == '#')
            })
            .len()
        };
        let mut s = &raw[start..];
        s = &s[..trim(s)];
        let second = s.char_indices().find(|&(i, c)| {
            (c == '/' || c == '\\') && s[i + 1..].trim_start_matches(' ').starts_with('x')
        });
        if let Some((i, _)) = second {
            s = &s[..i];
            s = &s[..trim(s)];
        }
        Some(s)
    }

    /// libphonenumber's "viable phone number": two digits, or plus signs
    /// then at least three digits among punctuation, letters only after the
    /// third digit.
    fn viable(s: &str) -> bool {
        let count = s.chars().count();
        if count < 2 {
            return false;
        }
        if count == 2 && s.chars().all(|c| digit_value(c).is_some()) {
            return true;
        }
        let mut digits = 0;
        for c in s.trim_start_matches(is_plus).chars() {
            if digit_value(c).is_some() {
                digits += 1;
            } else if !is_punctuation(c) && (!c.is_ascii_alphabetic() || digits < 3) {
                return false;
            }
        }
        digits >= 3
    }

    /// Digits only; letters as on a phone keypad when there are three or more.
    fn normalize(s: &str) -> Option<Digits> {
        let mut digits = Digits { buf: [0; 48], len: 0 };
        let alpha = s.chars().filter(char::is_ascii_alphabetic).count() >= 3;
        for c in s.chars() {
            if alpha {
                if c.is_ascii_digit() {
                    digits.push(c as u8)?;
                } else if c.is_ascii_alphabetic() {
                    let key = match c.to_ascii_uppercase() {
                        'A'..='C' => b'2',
                        'D'..='F' => b'3',
                        'G'..='I' => b'4',
                        'J'..='L' => b'5',
                        'M'..='O' => b'6',
                        'P'..='S' => b'7',
                        'T'..='V' => b'8',
                        _ => b'9',
                    };
                    digits.push(key)?;
                }
            } else if let Some(d) = digit_value(c) {
                digits.push(d)?;
            }
        }
        Some(digits)
    }

    fn number(digits: &[u8]) -> u16 {
        digits.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0'))
    }

    /// After `+` or `00`: the country code (1 to 3 digits) and the rest.
    fn split_country_code(full: &[u8]) -> Option<(u16, &[u8])> {
        if full.len() <= 2 || full[0] == b'0' {
            return None;
        }
        (1..=3)
            .map(|n| (number(&full[..n]), &full[n..]))
            .find(|(code, _)| COUNTRIES.binary_search_by_key(code, |c| c.0).is_ok())
    }

    /// French national number, the way libphonenumber sees it.
    fn french_general(d: &[u8]) -> bool {
        d.len() == 9 && d[0] != b'0'
    }

    /// Drops France's national prefix 0 unless what remains is too short.
    fn strip_french_prefix(national: &[u8]) -> &[u8] {
        match national.split_first() {
            Some((b'0', rest)) if rest.len() >= 9 => rest,
            _ => national,
        }
    }

    fn as_str(digits: &[u8]) -> &str {
        std::str::from_utf8(digits).unwrap_or("")
    }

    pub(super) fn is_valid(raw: &str) -> bool {
        if raw.len() > 250 {
            return false;
        }
        let Some(candidate) = extract_possible_number(raw) else {
            return false;
        };
        let main = match EXTENSION.find(candidate) {
            Some(m) if viable(&candidate[..m.start()]) => &candidate[..m.start()],
            _ => candidate,
        };
        if !viable(main) {
            return false;
        }
        let body = main.trim_start_matches(is_plus);
        let with_plus = body.len() != main.len();
        let Some(digits) = normalize(body) else {
            return false;
        };
        let d = digits.as_slice();
        let (country, national) = if with_plus {
            match split_country_code(d) {
                Some(split) => split,
                None => return false,
            }
        } else if d.len() > 2 && d.starts_with(b"00") && d[2] != b'0' {
            // France's international prefix.
            match split_country_code(&d[2..]) {
                Some(split) => split,
                None => return false,
            }
        } else {
            // A French number, which may start with 33 without its +.
            let mut national = d;
            if let Some(rest) = d.strip_prefix(b"33") {
                let potential = rest.strip_prefix(b"0").unwrap_or(rest);
                if (!french_general(d) && french_general(potential)) || d.len() > 9 {
                    national = potential;
                }
            }
            (33, national)
        };
        if national.len() < 2 {
            return false;
        }
        match country {
            33 => {
                let nsn = strip_french_prefix(national);
                FRANCE.is_match(as_str(nsn)) || FRANCE_SHORT.is_match(as_str(nsn))
            }
            _ => {
                if let Some((_, lengths, prefix, plans)) =
                    OVERSEAS.iter().find(|(c, ..)| *c == country)
                {
                    let nsn = match national.split_first() {
                        Some((b'0', rest))
                            if *prefix
                                && (lengths.contains(&rest.len())
                                    || rest.len() > lengths[lengths.len() - 1]) =>
                        {
                            rest
                        }
                        _ => national,
                    };
                    let nsn = as_str(nsn);
                    plans
                        .iter()
                        .any(|p| p.general.is_match(nsn) && p.types.is_match(nsn))
                } else {
                    let Ok(at) = COUNTRIES.binary_search_by_key(&country, |c| c.0) else {
                        return false;
                    };
                    let (_, lengths, first_digits, prefix) = COUNTRIES[at];
                    let possible = |n: usize| n < 32 && lengths & (1 << n) != 0;
                    let longest = 31 - lengths.leading_zeros() as usize;
                    let nsn = match national.split_first() {
                        Some((b'0', rest))
                            if prefix && (possible(rest.len()) || rest.len() > longest) =>
                        {
                            rest
                        }
                        _ => national,
                    };
                    let nanp = country != 1 || (nsn.len() == 10 && nsn[3] >= b'2');
                    possible(nsn.len()) && first_digits & (1 << (nsn[0] - b'0')) != 0 && nanp
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(name: &str, params: serde_json::Value) -> CustomCheck {
        CustomCheck::parse(name, &params).unwrap()
    }

    /// Runs a bound check on one row of texts, cast as strings (empty → Null).
    fn run(bound: &BoundCheck, row: &[&str]) -> Vec<CheckFailure> {
        let values: Vec<Value> = row
            .iter()
            .map(|t| {
                if t.is_empty() {
                    Value::Null
                } else {
                    Value::String((*t).into())
                }
            })
            .collect();
        let mut failures = Vec::new();
        bound.check(row, &values, &mut failures);
        failures
    }

    fn run_values(bound: &BoundCheck, row: &[&str], values: &[Value]) -> Vec<CheckFailure> {
        let mut failures = Vec::new();
        bound.check(row, values, &mut failures);
        failures
    }

    fn single(name: &str, value: &str) -> Vec<CheckFailure> {
        let bound = check(name, json!({"column": "c"})).bind(&["c"]).unwrap();
        run(&bound, &[value])
    }

    #[test]
    fn parses_parameters() {
        assert_eq!(
            CustomCheck::parse("french-siret-value", &json!({})),
            Err(ParseError::Invalid(
                "the parameter \"column\" is missing".into()
            ))
        );
        assert_eq!(
            CustomCheck::parse("inconnu", &json!({})),
            Err(ParseError::Unknown)
        );
        assert!(matches!(
            CustomCheck::parse("compare-columns-value", &json!({"column": "a", "op": "!=", "column2": "b"})),
            Err(ParseError::Invalid(m)) if m.contains("\"!=\"")
        ));
        assert_eq!(
            check(
                "year-interval-value",
                json!({"column": "A", "allow-year-only": "yes"})
            ),
            CustomCheck::YearInterval { column: "A".into(), allow_year_only: true }
        );
        assert_eq!(
            check("year-interval-value", json!({"column": "A"})),
            CustomCheck::YearInterval { column: "A".into(), allow_year_only: false }
        );
        let sum = check(
            "sum-columns-value",
            json!({"column": "T", "columns": ["A", "B"]}),
        );
        assert_eq!(sum.name(), "sum-columns-value");
        assert_eq!(sum.columns(), ["T", "A", "B"]);
    }

    #[test]
    fn siret() {
        for valid in [
            "73282932000074",
            "732 829 320 00074",
            "732.829.320.00074",
            " 73282932000074\t",
        ] {
            assert!(siret_is_valid(valid), "{valid}");
        }
        for invalid in [
            "73282932000079",
            "7328293200007",
            "732829320000740",
            "7328293200007A",
            "21860194600000.0",
            "7328\t2932000074",
        ] {
            assert!(!siret_is_valid(invalid), "{invalid}");
        }
        // La Poste: digits adding up to a multiple of 5, not Luhn.
        assert!(siret_is_valid("35600000049837"));
        assert!(!luhn(&[3, 5, 6, 0, 0, 0, 0, 0, 0, 4, 9, 8, 3, 7]));
        assert!(!siret_is_valid("35600000049838"));
        // Its head office keeps the Luhn key.
        assert!(siret_is_valid("35600000000048"));
        assert!(!siret_is_valid("35600000000053"));
        let failures = single("french-siret-value", "73282932000079");
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].check, "french-siret-value");
        assert_eq!(failures[0].column, 0);
        assert!(single("french-siret-value", "").is_empty());
    }

    #[test]
    fn siren() {
        assert!(siren_is_valid("404833048"));
        assert!(siren_is_valid("732 829 320"));
        assert!(!siren_is_valid("404833047"));
        assert!(!siren_is_valid("40483304"));
        assert_eq!(
            single("french-siren-value", "404833047")[0].check,
            "french-siren-value"
        );
        assert!(single("french-siren-value", "356000000").is_empty());
    }

    #[test]
    fn gps_coordinates() {
        let bound = check("french-gps-coordinates", json!({"column": "xy"}))
            .bind(&["id", "xy"])
            .unwrap();
        let at = |lon: f64, lat: f64| {
            run_values(
                &bound,
                &["1", "x"],
                &[Value::Integer(1), Value::GeoPoint(lon, lat)],
            )
        };
        assert!(at(2.3522, 48.8566).is_empty()); // Paris
        assert!(at(9.45, 42.70).is_empty()); // Bastia
        assert!(at(-61.53, 16.24).is_empty()); // Pointe-à-Pitre
        assert!(at(55.45, -20.88).is_empty()); // Saint-Denis de La Réunion
        assert!(at(45.23, -12.78).is_empty()); // Mamoudzou
        assert!(at(-52.33, 4.93).is_empty()); // Cayenne
        let reversed = at(48.8566, 2.3522);
        assert_eq!(reversed[0].check, "reversed-french-gps-coordinates");
        assert_eq!(reversed[0].column, 1);
        let outside = at(13.40, 52.52); // Berlin
        assert_eq!(outside[0].check, "french-gps-coordinates");
        assert!(matches!(
            outside[0].detail,
            CheckDetail::GpsOutsideFrance { .. }
        ));
        // Untyped columns: the text.
        assert!(run(&bound, &["1", "[2.35, 48.85]"]).is_empty());
        assert_eq!(
            run(&bound, &["1", "48.85,2.35"])[0].check,
            "reversed-french-gps-coordinates"
        );
        assert_eq!(
            run(&bound, &["1", "Paris"])[0].check,
            "french-gps-coordinates"
        );
        assert!(run_values(&bound, &["1", ""], &[Value::Integer(1), Value::Null]).is_empty());
    }

    #[test]
    fn nomenclature_actes() {
        let ok = |v: &str| single("nomenclature-actes-value", v).is_empty();
        assert!(ok("Urbanisme/Permis de construire"));
        assert!(ok("urbanisme/permis"));
        assert!(ok(
            "LIBERTES PUBLIQUES ET POUVOIRS DE POLICE/Police municipale"
        ));
        assert!(ok("Domaines de compétences par thèmes/Culture"));
        assert!(ok(
            "Domaines de compe\u{301}tences par the\u{300}mes/Culture"
        ));
        assert!(ok("Finances locales/Décisions budgétaires/Budget primitif"));
        let detail = |v: &str| single("nomenclature-actes-value", v).remove(0).detail;
        assert!(matches!(
            detail("Urbanisme"),
            CheckDetail::ActesNoSlash { .. }
        ));
        assert!(matches!(
            detail("Urbanisme / Permis"),
            CheckDetail::ActesSpaceAroundSlash { .. }
        ));
        assert!(matches!(
            detail("Urbanisme /Permis"),
            CheckDetail::ActesSpaceAroundSlash { .. }
        ));
        assert!(matches!(
            detail("Urbanisme/ Permis"),
            CheckDetail::ActesSpaceAroundSlash { .. }
        ));
        assert_eq!(
            detail("Budget/Primitif"),
            CheckDetail::ActesUnknownPrefix {
                value: "Budget/Primitif".into(),
                prefix: "Budget".into()
            }
        );
        assert_eq!(
            single("nomenclature-actes-value", "Budget/Primitif")[0].check,
            "nomenclature-actes-value"
        );
    }

    #[test]
    fn year_interval() {
        let with = |allow: &str, v: &str| {
            let bound = check(
                "year-interval-value",
                json!({"column": "A", "allow-year-only": allow}),
            )
            .bind(&["A"])
            .unwrap();
            run(&bound, &[v]).into_iter().next().map(|f| f.detail)
        };
        assert_eq!(with("yes", "2019"), None);
        assert_eq!(with("yes", "2017/2018"), None);
        assert_eq!(with("no", "2017/2018"), None);
        assert_eq!(with("no", ""), None);
        assert!(matches!(
            with("no", "2019"),
            Some(CheckDetail::YearIntervalFormat { allow_year_only: false, .. })
        ));
        assert!(matches!(
            with("yes", "toto"),
            Some(CheckDetail::YearIntervalFormat { allow_year_only: true, .. })
        ));
        assert!(matches!(
            with("yes", "2017-2018"),
            Some(CheckDetail::YearIntervalFormat { .. })
        ));
        assert!(matches!(
            with("yes", "2017/2017"),
            Some(CheckDetail::YearIntervalSameYears { .. })
        ));
        let reversed = with("yes", "2018/2017").unwrap();
        assert!(matches!(reversed, CheckDetail::YearIntervalReversed { .. }));
        assert!(reversed.message_fr().contains("2017/2018"));
    }

    #[test]
    fn cohesive_columns() {
        let c = check(
            "cohesive-columns-value",
            json!({"column": "A", "othercolumns": ["B", "C"]}),
        );
        let bound = c.bind(&["X", "A", "B", "C"]).unwrap();
        assert!(bound.table_failure().is_none());
        assert!(run(&bound, &["x", "1", "2", "3"]).is_empty());
        assert!(run(&bound, &["x", "", "", ""]).is_empty());
        let failures = run(&bound, &["x", "1", "", "3"]);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].column, 1);
        assert_eq!(
            failures[0].detail,
            CheckDetail::CohesiveColumns {
                columns: vec!["A".into(), "B".into(), "C".into()],
                empty: vec!["B".into()]
            }
        );
        assert_eq!(run(&bound, &["x", "", "2", ""]).len(), 1);
        // All columns missing: skipped. Some missing: one table failure, no row checked.
        assert!(c.bind(&["X"]).is_none());
        let partial = c.bind(&["A", "C"]).unwrap();
        assert_eq!(
            partial.table_failure(),
            Some(&CheckDetail::CohesiveColumnsMissing {
                columns: vec!["A".into(), "B".into(), "C".into()],
                missing: vec!["B".into()]
            })
        );
        assert_eq!(partial.name(), "cohesive-columns-value");
        assert!(run(&partial, &["1", ""]).is_empty());
    }

    #[test]
    fn compare_columns() {
        let c = check(
            "compare-columns-value",
            json!({"column": "PREF_DATE", "op": ">=", "column2": "DELIB_DATE"}),
        );
        let bound = c.bind(&["DELIB_DATE", "PREF_DATE"]).unwrap();
        let date = |y, m, d| Value::Date(jiff::civil::date(y, m, d));
        assert!(
            run_values(
                &bound,
                &["2020-01-01", "2020-01-02"],
                &[date(2020, 1, 1), date(2020, 1, 2)]
            )
            .is_empty()
        );
        assert!(
            run_values(
                &bound,
                &["2020-01-01", "2020-01-01"],
                &[date(2020, 1, 1), date(2020, 1, 1)]
            )
            .is_empty()
        );
        let failures = run_values(
            &bound,
            &["2020-01-02", "2020-01-01"],
            &[date(2020, 1, 2), date(2020, 1, 1)],
        );
        assert_eq!(failures[0].check, "compare-columns-value");
        assert_eq!(failures[0].column, 1);
        assert!(matches!(
            failures[0].detail,
            CheckDetail::CompareFailed { op: CompareOp::GreaterOrEqual, .. }
        ));
        // Skipped when a cell is empty.
        assert!(
            run_values(
                &bound,
                &["2020-01-02", ""],
                &[date(2020, 1, 2), Value::Null]
            )
            .is_empty()
        );
        // A date and a text do not compare.
        let odd = run_values(
            &bound,
            &["2020-01-02", "hier"],
            &[date(2020, 1, 2), Value::String("hier".into())],
        );
        assert!(matches!(
            odd[0].detail,
            CheckDetail::CompareNotComparable { .. }
        ));
        // Numbers, also as texts; texts as texts.
        let votes = check(
            "compare-columns-value",
            json!({"column": "A", "op": "<", "column2": "B"}),
        )
        .bind(&["A", "B"])
        .unwrap();
        assert!(
            run_values(
                &votes,
                &["9", "10"],
                &[Value::Integer(9), Value::Number(10.0)]
            )
            .is_empty()
        );
        assert!(run(&votes, &["9", "10"]).is_empty());
        assert_eq!(run(&votes, &["10", "9"]).len(), 1);
        assert!(run(&votes, &["abc", "abd"]).is_empty());
        assert!(matches!(
            run_values(
                &votes,
                &["9", "x"],
                &[Value::Integer(9), Value::String("x".into())]
            )[0]
            .detail,
            CheckDetail::CompareNotComparable { .. }
        ));
        // A missing column: never checked.
        assert!(c.bind(&["PREF_DATE"]).is_none());
    }

    #[test]
    fn sum_columns() {
        let c = check(
            "sum-columns-value",
            json!({"column": "VOTE_REEL", "columns": ["VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]}),
        );
        let bound = c
            .bind(&["VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "VOTE_REEL"])
            .unwrap();
        let ints = |row: [i128; 4]| row.map(Value::Integer);
        assert!(run_values(&bound, &["10", "2", "1", "13"], &ints([10, 2, 1, 13])).is_empty());
        let failures = run_values(&bound, &["10", "2", "1", "12"], &ints([10, 2, 1, 12]));
        assert_eq!(failures[0].column, 3);
        assert_eq!(
            failures[0].detail,
            CheckDetail::SumMismatch {
                column: "VOTE_REEL".into(),
                value: "12".into(),
                columns: vec![
                    "VOTE_POUR".into(),
                    "VOTE_CONTRE".into(),
                    "VOTE_ABSTENTION".into()
                ],
                sum: "13".into()
            }
        );
        // Skipped when a cell is empty.
        let mut values = ints([10, 2, 1, 12]);
        values[1] = Value::Null;
        assert!(run_values(&bound, &["10", "", "1", "12"], &values).is_empty());
        // Decimals within rounding.
        let decimals = [
            Value::Number(0.1),
            Value::Number(0.2),
            Value::Integer(0),
            Value::Number(0.3),
        ];
        assert!(run_values(&bound, &["0.1", "0.2", "0", "0.3"], &decimals).is_empty());
        // Texts of numbers count; other texts are reported.
        assert!(run(&bound, &["1", "2", "3", "6"]).is_empty());
        assert!(matches!(
            run(&bound, &["1", "deux", "3", "6"])[0].detail,
            CheckDetail::SumNotNumbers { .. }
        ));
        assert!(c.bind(&["VOTE_POUR", "VOTE_REEL"]).is_none());
    }

    #[test]
    fn one_of_required_both_spellings() {
        for params in [
            json!({"column1": "idBeneficiaire", "column2": "rnaBeneficiaire"}),
            json!({"column": "idBeneficiaire", "column2": "rnaBeneficiaire"}),
        ] {
            let c = check("one-of-required", params);
            assert_eq!(
                c,
                CustomCheck::OneOfRequired {
                    column1: "idBeneficiaire".into(),
                    column2: "rnaBeneficiaire".into()
                }
            );
            let bound = c
                .bind(&["nom", "idBeneficiaire", "rnaBeneficiaire"])
                .unwrap();
            assert!(run(&bound, &["a", "73282932000074", ""]).is_empty());
            assert!(run(&bound, &["a", "", "W751234567"]).is_empty());
            assert!(run(&bound, &["a", "73282932000074", "W751234567"]).is_empty());
            let failures = run(&bound, &["a", "", ""]);
            assert_eq!(failures[0].check, "one-of-required");
            assert_eq!(failures[0].column, 1);
            // One column missing: the other one is required.
            let one = c.bind(&["nom", "rnaBeneficiaire"]).unwrap();
            assert!(run(&one, &["a", "W751234567"]).is_empty());
            assert_eq!(run(&one, &["a", ""])[0].column, 1);
            // Both missing: one table failure.
            let none = c.bind(&["nom"]).unwrap();
            assert!(matches!(
                none.table_failure(),
                Some(CheckDetail::OneOfRequiredColumnsMissing { .. })
            ));
            assert!(run(&none, &["a"]).is_empty());
        }
        assert!(CustomCheck::parse("one-of-required", &json!({"column2": "b"})).is_err());
    }

    #[test]
    fn skipping_rules() {
        for name in [
            "french-siret-value",
            "french-siren-value",
            "french-gps-coordinates",
            "nomenclature-actes-value",
            "year-interval-value",
            "opening-hours-value",
            "phone-number-value",
        ] {
            let c = check(name, json!({"column": "c"}));
            assert!(c.bind(&["a", "b"]).is_none(), "{name}");
            let bound = c.bind(&["a", "c"]).unwrap();
            assert!(run(&bound, &["x", ""]).is_empty(), "{name}");
            // A short row.
            assert!(run(&bound, &["x"]).is_empty(), "{name}");
            // A cell that failed to cast is not checked again.
            assert!(
                run_values(&bound, &["x", "n'importe"], &[Value::Null, Value::Null]).is_empty(),
                "{name}"
            );
            assert_eq!(run(&bound, &["x", "n'importe quoi"]).len(), 1, "{name}");
        }
    }

    #[test]
    fn opening_hours_samples() {
        let valid = [
            // Examples of the corpus schemas (équipements, IRVE).
            "Mo-Fr 08:30-12:00,13:30-17:30; Sa 08:30-12:00",
            "24/7",
            // Common forms.
            "Mo-Fr 10:00-18:00;Sa-Su 10:00-12:00",
            "Mo-Fr 08:00-12:00, We 14:00-18:00",
            "Mo-Fr 09:00-17:00 ; Sa 10:00-12:00",
            "Mo-Sa 09:00-12:00,14:00-19:00; PH off",
            "Mo,Tu,Th,Fr 12:00-18:00; Sa,PH 12:00-17:00; Th[3],Th[-1] off",
            "Su,PH off",
            "PH 10:00-12:00",
            "SH Mo-Fr 10:00-12:00",
            "Mo-Fr 08:00-18:00 off",
            "Dec 25 off",
            "Jan-Mar Mo-Fr 10:00-12:00",
            "Apr-Sep Mo-Su 10:00-19:00; Oct-Mar Mo-Su 10:00-17:00",
            "Jan 01-Mar 31 10:00-12:00",
            "2024 Jan 01-2024 Dec 31 Mo-Fr 09:00-17:00",
            "2020-2030 Mo 10:00-12:00",
            "week 01-53/2 Mo 10:00-12:00",
            "week15-20 Fr 10:00-12:00",
            "Mo[-1] off",
            "Mo-Fr 22:00-02:00",
            "Mo-Fr 20:00-26:00",
            "sunrise-sunset",
            "(sunrise+01:00)-(sunset-01:00)",
            "dusk-dusk+",
            "12:00+",
            "Mo-Fr 10:00+",
            "10:00-18:00/30",
            "10:00-18:00/01:30",
            "4:00-8:00",
            "04:00 - 08:00",
            "mo-fr 10:00-12:00",
            "Mo-Fr 10:00-12:00 OPEN",
            "Mo-Fr 08:00-12:00 || \"sur rendez-vous\"",
            "Mo-Fr open \"sonnez\"",
            "\"sur rendez-vous\"",
            "open \"comment\"",
            "24/7 \"comment\"",
            "Jan Mo[1]-30",
            "Feb Mo[1] +2 days",
            "Feb Mo[1],Tu-Fr",
            "Jun23:30+",
            "Oct 12:00-24:00",
            "easter off",
            "easter -2 days off",
            "PH +1 day off",
            "Mo-Fr 08:00-18:00; Sa 08:00-12:00 unknown",
            "Mo-Fr 08:00-18:00 ",
            "\"horaires\":Mo-Fr 10:00-12:00",
            // A leading space is a separator for readability.
            " Mo-Fr 10:00-12:00",
        ];
        for value in valid {
            assert!(opening_hours::is_valid(value), "should be valid: {value:?}");
        }
        let invalid = [
            "",
            "not a valid expression",
            "Lundi-Vendredi 9h-17h",
            "Mo-Fr 9h-17h",
            "10:00-100:00",
            "10:00-12:00 tomorrow",
            "Mo-Fr open \"ring \"the bell\"\"",
            "open \"comment1\" \"comment2\"",
            "\"comment\" open",
            "1975-4291/37776",
            // Errors the parser raises after the grammar.
            "week15-10",
            "week15-10/3",
            "2020-2010",
            "2020-2010/3",
            "week 1-50/300",
            "00:00-48:01",
            "easter-15 off",
            // Monthday 0.
            "Jan 0",
            "Jan 00",
            "Jan 00-15",
            // A start after 24:00.
            "27:43+",
            "24:11+",
            "27:43-28:00",
            "24:11-28:00",
            "24:00+",
            "24:00-10:00",
            // A point in time without its +, a trailing separator.
            "Mo 10:00",
            "Mo-Fr 09:00-18:00;",
            "Mo-Fr 09:00-18:00; ",
            "Mo-Fr 09:00-18:00;; Sa 10:00-12:00",
            // Rules joined by a comma without a space (the IRVE schema's example).
            "Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00,Th 08:00-18:00",
            "\"horaires\": Mo-Fr 10:00-12:00",
            "ph off",
            "Mo-Fr 08:00-12:00 ; ; Sa 10:00-12:00",
        ];
        for value in invalid {
            assert!(
                !opening_hours::is_valid(value),
                "should be invalid: {value:?}"
            );
        }
        // Nested dates stay fast.
        let nested = vec!["Jan Mo[1]"; 40].join(",") + " off";
        assert!(opening_hours::is_valid(&nested));
        let failures = single("opening-hours-value", "Lundi 9h-12h");
        assert_eq!(failures[0].check, "opening-hours-value");
    }

    #[test]
    fn phone_numbers() {
        let valid = [
            "01 99 00 27 37",
            "0199002737",
            "01.99.00.27.37",
            "01-99-00-27-37",
            "(01) 99 00 27 37",
            "06 12 34 56 78",
            "07 81 23 45 67",
            "09 71 23 45 67",
            "08 44 12 34 56",
            "0800 123 456",
            "08 91 12 34 56",
            "+33 1 99 00 27 37",
            "+33199002737",
            "+33 (0)1 99 00 27 37",
            "0033 1 99 00 27 37",
            "33 6 12 34 56 78",
            "Tél. : 01 99 00 27 37",
            "01 99 00 27 37 ext. 12",
            "01 99 00 27 37 x12",
            // Overseas, with their country code.
            "+590 590 12 34 56",
            "+590 690 12 34 56",
            "+262 262 12 34 56",
            "+262 692 12 34 56",
            "+262 262 16 12 34",
            "+594 594 12 34 56",
            "+594 694 20 12 34",
            "+596 696 20 12 34",
            "+687 28 12 34",
            "+689 87 12 34 56",
            "+681 72 12 34",
            "+508 41 23 45",
            // Other countries.
            "+44 20 7946 0958",
            "+32 2 555 12 12",
            "+32 4 70 12 34 56",
            "+34 912 345 678",
            "+39 06 1234 5678",
            "+352 26 12 34",
            "+41 21 123 45 67",
            "+49 30 123456",
            "+1 212 555 1234",
            // Short numbers.
            "15",
            "17",
            "18",
            "112",
            "114",
            "115",
            "119",
            "116000",
            "116006",
            "116111",
            "116117",
            "118218",
            "3949",
            "3646",
            "1010",
        ];
        for value in valid {
            assert!(phone::is_valid(value), "should be valid: {value:?}");
        }
        let invalid = [
            "",
            "abc",
            "1",
            "01 99 00 27",
            "01 99 00 27 37 8",
            "00 99 00 27 37",
            "10 12 34 56 78",
            "0639 12 34 56",
            // Mayotte's plan: not every 639 number.
            "+262 639 12 34 56",
            "+596 596 12 34 56",
            "+689 40 12 34 56",
            // 070 to 072 are not mobile numbers (yet).
            "07 00 00 00 00",
            "07 25 89 24 28",
            "0690 12 34 56",
            "0590 12 34 56",
            "04 01 23 45 67",
            "087 12 34 56",
            "+33 1 99 00 27",
            "+33 0 99 00 27 37",
            "+999 123456",
            "+0 123456",
            "+1 012 555 1234",
            "+590 12 34 56",
            "123",
            "113",
            "16",
            "0033 0 1 99 00 27 37 12",
            "01 99 00 27 37 et 01 99 00 27 38",
            // Three letters or more are read as a keypad's (phonenumbers does so).
            "01 99 00 27 37 poste",
        ];
        for value in invalid {
            assert!(!phone::is_valid(value), "should be invalid: {value:?}");
        }
        assert_eq!(
            single("phone-number-value", "12")[0].check,
            "phone-number-value"
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let details = [
            CheckDetail::Siret { value: "123".into() },
            CheckDetail::Siren { value: "123".into() },
            CheckDetail::GpsOutsideFrance { value: "0,0".into() },
            CheckDetail::GpsReversed { value: "48.8,2.3".into() },
            CheckDetail::ActesNoSlash { value: "Urbanisme".into() },
            CheckDetail::ActesSpaceAroundSlash { value: "Urbanisme / PC".into() },
            CheckDetail::ActesUnknownPrefix { value: "Budget/BP".into(), prefix: "Budget".into() },
            CheckDetail::YearIntervalFormat { value: "toto".into(), allow_year_only: true },
            CheckDetail::YearIntervalFormat { value: "2019".into(), allow_year_only: false },
            CheckDetail::YearIntervalSameYears { value: "2017/2017".into() },
            CheckDetail::YearIntervalReversed { value: "2018/2017".into() },
            CheckDetail::CohesiveColumns {
                columns: vec!["A".into(), "B".into()],
                empty: vec!["B".into()],
            },
            CheckDetail::CohesiveColumnsMissing {
                columns: vec!["A".into(), "B".into()],
                missing: vec!["B".into()],
            },
            CheckDetail::CompareNotComparable {
                column: "A".into(),
                value: "x".into(),
                column2: "B".into(),
                value2: "1".into(),
            },
            CheckDetail::CompareFailed {
                column: "A".into(),
                value: "1".into(),
                op: CompareOp::Greater,
                column2: "B".into(),
                value2: "2".into(),
            },
            CheckDetail::SumNotNumbers {
                column: "T".into(),
                columns: vec!["A".into()],
                not_number: "A".into(),
                value: "x".into(),
            },
            CheckDetail::SumMismatch {
                column: "T".into(),
                value: "3".into(),
                columns: vec!["A".into(), "B".into()],
                sum: "4".into(),
            },
            CheckDetail::OneOfRequired { column1: "A".into(), column2: "B".into() },
            CheckDetail::OneOfRequiredColumnsMissing { column1: "A".into(), column2: "B".into() },
            CheckDetail::OpeningHours { value: "9h-17h".into() },
            CheckDetail::PhoneNumber { value: "12".into() },
        ];
        for detail in &details {
            let (fr, en) = (detail.message_fr(), detail.message_en());
            assert!(fr.ends_with('.') && en.ends_with('.'), "{fr} / {en}");
            for mark in [" :", " ;", " ?", " !"] {
                assert!(!fr.contains(mark), "a breaking space before {mark}: {fr}");
            }
            assert!(fr.contains('«') && en.contains('“'), "{fr} / {en}");
        }
        assert_eq!(
            details[14].message_fr(),
            "La valeur «\u{a0}1\u{a0}» de la colonne «\u{a0}A\u{a0}» devrait être supérieure à la valeur «\u{a0}2\u{a0}» de la colonne «\u{a0}B\u{a0}»."
        );
        assert_eq!(
            details[14].message_en(),
            "The value “1” of the column “A” should be greater than the value “2” of the column “B”."
        );
    }

    #[test]
    fn every_custom_check_of_the_corpus_parses() {
        let Some(corpus) = crate::util::test_corpus("custom checks not checked") else {
            return;
        };
        let mut seen = 0;
        let folders = ["scdl", "other-schemas"].map(|f| corpus.join(f));
        let files = folders
            .iter()
            .flat_map(walkdir::WalkDir::new)
            .map(|e| e.unwrap().into_path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("schema") && name.ends_with(".json")
            })
            .chain(std::iter::once(
                corpus.join("validata-fixtures/dae_schema.json"),
            ));
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let json: serde_json::Value =
                serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
            for entry in json
                .get("custom_checks")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
            {
                let name = entry["name"].as_str().unwrap_or("");
                let params = entry.get("params").unwrap_or(&serde_json::Value::Null);
                let parsed = CustomCheck::parse(name, params)
                    .unwrap_or_else(|e| panic!("{}: {name}: {e:?}", path.display()));
                assert_eq!(parsed.name(), name);
                assert!(
                    parsed
                        .bind(&parsed.columns())
                        .is_some_and(|b| b.table_failure().is_none())
                );
                seen += 1;
            }
        }
        assert!(seen > 0, "no custom check found in {}", corpus.display());
    }
}

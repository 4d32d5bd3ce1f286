//! Conformance of casting with the Frictionless test suite: every
//! `field.cast_value` case of `testsuite-basic/tests/tableschema.yml`.
//!
//! The file is "packspec" YAML written with Python literals (`True`,
//! `None`, single-quoted strings, `{date}` references to values made by
//! `$make_date`…); a small parser made for its lines reads it here, so that
//! no YAML 1.1 rule (`01` as octal, `no` as false…) gets in the way.
//!
//! Cases or sections marked with implementations, like `(py)` or
//! `(js|py)`, are particular to those: they are run and counted, but only
//! the unmarked cases must pass.
//!
//! The corpus is found at `$OUVERT_CORPUS` or `../shared/corpus`; without
//! it the test says so and passes.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::{date, time};
use ouvert::schema::value::Duration;
use ouvert::schema::{Caster, Input, Schema, Value};
use serde_json::Value as Json;

/// A Python literal of the suite.
#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    List(Vec<Lit>),
    Dict(Vec<(String, Lit)>),
    /// `{name}`: a value defined earlier.
    Ref(String),
    /// `ERROR`: the cast must fail.
    Error,
    /// `name=: value` inside an argument list (`==: value` has name `=`).
    Keyword(String, Box<Lit>),
}

impl Lit {
    fn to_json(&self) -> Json {
        match self {
            Lit::Null | Lit::Error | Lit::Ref(_) | Lit::Keyword(..) => Json::Null,
            Lit::Bool(b) => Json::Bool(*b),
            Lit::Int(n) => Json::from(*n as i64),
            Lit::Float(f) => Json::from(*f),
            Lit::Str(s) => Json::String(s.clone()),
            Lit::List(items) => Json::Array(items.iter().map(Lit::to_json).collect()),
            Lit::Dict(pairs) => Json::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn blanks(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.blanks();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected {c:?} at {:?}", &self.text[self.pos..]))
        }
    }

    fn word(&mut self) -> &str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// A list of values until `close`, with keyword items.
    fn items(&mut self, close: char) -> Result<Vec<Lit>, String> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Ok(items);
            }
            items.push(self.item()?);
            if !self.eat(',') {
                self.expect(close)?;
                return Ok(items);
            }
        }
    }

    /// A value, or `name=: value`, or `==: value`.
    fn item(&mut self) -> Result<Lit, String> {
        self.blanks();
        let rest = &self.text[self.pos..];
        if let Some(after) = rest.strip_prefix("==:") {
            self.pos = self.text.len() - after.len();
            return Ok(Lit::Keyword("=".into(), Box::new(self.value()?)));
        }
        let name_length = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_length > 0 && rest[name_length..].starts_with("=:") {
            let name = rest[..name_length].to_string();
            self.pos += name_length + 2;
            return Ok(Lit::Keyword(name, Box::new(self.value()?)));
        }
        self.value()
    }

    fn value(&mut self) -> Result<Lit, String> {
        self.blanks();
        let Some(c) = self.peek() else {
            return Err("a value is missing".into());
        };
        match c {
            '[' => {
                self.pos += 1;
                Ok(Lit::List(self.items(']')?))
            }
            '{' => {
                self.pos += 1;
                let rest = &self.text[self.pos..];
                if let Some(end) = rest.find('}')
                    && !rest[..end].is_empty()
                    && rest[..end].chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    self.pos += end + 1;
                    return Ok(Lit::Ref(rest[..end].to_string()));
                }
                let mut pairs = Vec::new();
                loop {
                    if self.eat('}') {
                        return Ok(Lit::Dict(pairs));
                    }
                    let Lit::Str(key) = self.value()? else {
                        return Err("a key should be a text".into());
                    };
                    self.expect(':')?;
                    pairs.push((key, self.value()?));
                    if !self.eat(',') {
                        self.expect('}')?;
                        return Ok(Lit::Dict(pairs));
                    }
                }
            }
            '\'' | '"' => {
                self.pos += 1;
                let mut out = String::new();
                loop {
                    let Some(d) = self.peek() else {
                        return Err("a text is not closed".into());
                    };
                    self.pos += d.len_utf8();
                    match d {
                        _ if d == c => return Ok(Lit::Str(out)),
                        '\\' => {
                            let e = self.peek().ok_or("a text ends with \\")?;
                            self.pos += e.len_utf8();
                            out.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        }
                        _ => out.push(d),
                    }
                }
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' => {
                let start = self.pos;
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '_'))
                {
                    self.pos += 1;
                }
                let number = self.text[start..self.pos].replace('_', "");
                if let Ok(n) = number.parse::<i128>() {
                    Ok(Lit::Int(n))
                } else {
                    number
                        .parse::<f64>()
                        .map(Lit::Float)
                        .map_err(|_| format!("{number:?} is not a number"))
                }
            }
            _ => match self.word() {
                "None" | "null" => Ok(Lit::Null),
                "True" | "true" => Ok(Lit::Bool(true)),
                "False" | "false" => Ok(Lit::Bool(false)),
                "ERROR" => Ok(Lit::Error),
                other => Err(format!("unknown word {other:?}")),
            },
        }
    }
}

fn parse_value(text: &str) -> Result<Lit, String> {
    let mut reader = Reader { text, pos: 0 };
    let value = reader.value()?;
    reader.blanks();
    if reader.pos != text.len() {
        return Err(format!("unexpected {:?}", &text[reader.pos..]));
    }
    Ok(value)
}

/// `(js|py)rest` → (Some("js|py"), "rest").
fn split_prefix(text: &str) -> (Option<&str>, &str) {
    if let Some(rest) = text.strip_prefix('(')
        && let Some(end) = rest.find(')')
    {
        return (Some(&rest[..end]), &rest[end + 1..]);
    }
    (None, text)
}

/// A value defined by the suite: made by a `$make_…` function, or literal.
enum Binding {
    Made(Value<'static>),
    Literal(Lit),
}

fn make(function: &str, args: &[Lit]) -> Result<Value<'static>, String> {
    let ints: Vec<i128> = args
        .iter()
        .filter_map(|a| match a {
            Lit::Int(n) => Some(*n),
            _ => None,
        })
        .collect();
    let n = |i: usize| ints.get(i).copied().unwrap_or(0);
    Ok(match function {
        "make_date" => Value::Date(date(n(0) as i16, n(1) as i8, n(2) as i8)),
        "make_datetime" => Value::Datetime(
            date(n(0) as i16, n(1) as i8, n(2) as i8).at(n(3) as i8, n(4) as i8, n(5) as i8, 0),
            None,
        ),
        "make_time" => Value::Time(time(n(0) as i8, n(1) as i8, n(2) as i8, 0)),
        "make_duration" => {
            let mut d = Duration::default();
            for arg in args {
                let Lit::Keyword(name, value) = arg else {
                    return Err("durations are made from named parts".into());
                };
                let Lit::Int(v) = **value else {
                    return Err("a duration part should be a whole number".into());
                };
                match name.as_str() {
                    "years" => d.years = v as u32,
                    "months" => d.months = v as u32,
                    "days" => d.days = v as u32,
                    "hours" => d.hours = v as u32,
                    "minutes" => d.minutes = v as u32,
                    "seconds" => d.seconds = v as f64,
                    other => return Err(format!("unknown duration part {other}")),
                }
            }
            Value::Duration(d)
        }
        other => return Err(format!("unknown function ${other}")),
    })
}

/// Whether a cast value is the expected one (numbers by value).
fn matches(actual: &Value, expected: &Lit, env: &HashMap<String, Binding>) -> bool {
    match expected {
        Lit::Ref(name) => match env.get(name) {
            Some(Binding::Made(value)) => actual.same(value) || actual == value,
            Some(Binding::Literal(lit)) => matches(actual, lit, env),
            None => false,
        },
        Lit::Null => actual.is_null(),
        Lit::Str(s) => matches!(actual, Value::String(a) if a == s),
        Lit::Bool(b) => *actual == Value::Boolean(*b),
        Lit::Int(n) => actual.same(&Value::Integer(*n)),
        Lit::Float(f) => actual.same(&Value::Number(*f)),
        Lit::List(items) => match (actual, items.as_slice()) {
            (Value::GeoPoint(lon, lat), [a, b]) => {
                matches(&Value::Number(*lon), a, env) && matches(&Value::Number(*lat), b, env)
            }
            (Value::YearMonth(y, m), [Lit::Int(a), Lit::Int(b)]) => {
                i128::from(*y) == *a && i128::from(*m) == *b
            }
            (Value::Json(json), _) => *json == expected.to_json(),
            _ => false,
        },
        Lit::Dict(_) => matches!(actual, Value::Json(json) if *json == expected.to_json()),
        Lit::Error | Lit::Keyword(..) => false,
    }
}

struct Outcome {
    line: usize,
    section: String,
    marked: Option<String>,
    case: String,
    passed: bool,
    detail: String,
}

fn corpus() -> PathBuf {
    std::env::var_os("OUVERT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

#[test]
fn frictionless_cast_value_cases() {
    let path = corpus().join("frictionless/testsuite-basic/tests/tableschema.yml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "the Frictionless test suite is absent ({}): casting conformance not checked; set OUVERT_CORPUS to the corpus folder",
            path.display()
        );
        return;
    };
    let mut env: HashMap<String, Binding> = HashMap::new();
    let mut section = String::new();
    let mut section_mark: Option<String> = None;
    let mut caster: Option<Caster> = None;
    let mut outcomes = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim() == "---" {
            break; // the implementations' code follows
        }
        let Some(statement) = line.strip_prefix("- ") else {
            continue; // blank lines and comments
        };
        let (mark, statement) = split_prefix(statement.trim());
        let Some((left, right)) = statement.split_once(':') else {
            section = statement.to_string();
            section_mark = mark.map(str::to_string);
            caster = None;
            continue;
        };
        let right = right.trim();
        let fail = |why: String| -> ! { panic!("line {number}: {why}: {line}") };
        let identifier =
            |name: &str| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if let Some((name, function)) = left.split_once("=$") {
            if !function.starts_with("make_") {
                continue; // $import
            }
            let Lit::List(args) = parse_value(right).unwrap_or_else(|e| fail(e)) else {
                fail("arguments should be a list".into())
            };
            let value = make(function, &args).unwrap_or_else(|e| fail(e));
            env.insert(name.to_string(), Binding::Made(value));
        } else if let Some(name) = left.strip_suffix('=')
            && identifier(name)
        {
            let value = parse_value(right).unwrap_or_else(|e| fail(e));
            env.insert(name.to_string(), Binding::Literal(value));
        } else if left == "field=tableschema.Field" {
            let Lit::List(args) = parse_value(right).unwrap_or_else(|e| fail(e)) else {
                fail("arguments should be a list".into())
            };
            let descriptor = args.first().map(Lit::to_json).unwrap_or(Json::Null);
            let schema = Schema::parse(&format!("{{\"fields\": [{descriptor}]}}"))
                .unwrap_or_else(|e| fail(format!("the field cannot be read: {}", e.message)));
            caster = Some(schema.fields[0].caster.clone());
        } else if left == "field.cast_value" {
            let Lit::List(args) = parse_value(right).unwrap_or_else(|e| fail(e)) else {
                fail("arguments should be a list".into())
            };
            let [input, Lit::Keyword(eq, expected)] = args.as_slice() else {
                fail("expected [input, ==: output]".into())
            };
            assert_eq!(eq, "=", "line {number}");
            let Some(caster) = &caster else {
                fail("no field defined before".into())
            };
            let json;
            let cast_input = match input {
                Lit::Str(s) => Input::Text(s),
                Lit::Ref(name) => match env.get(name) {
                    Some(Binding::Made(value)) => Input::Native(value),
                    Some(Binding::Literal(lit)) => {
                        json = lit.to_json();
                        Input::Json(&json)
                    }
                    None => fail(format!("{{{name}}} is not defined")),
                },
                other => {
                    json = other.to_json();
                    Input::Json(&json)
                }
            };
            let result = caster.cast(cast_input);
            let passed = match (&result, &**expected) {
                (Err(_), Lit::Error) => true,
                (Ok(_), Lit::Error) | (Err(_), _) => false,
                (Ok(value), expected) => matches(value, expected, &env),
            };
            let marked = mark.map(str::to_string).or_else(|| section_mark.clone());
            outcomes.push(Outcome {
                line: number,
                section: section.clone(),
                marked,
                case: right.to_string(),
                passed,
                detail: format!("{result:?}"),
            });
        }
    }

    let (required, particular): (Vec<&Outcome>, Vec<&Outcome>) =
        outcomes.iter().partition(|o| o.marked.is_none());
    let count = |list: &[&Outcome]| list.iter().filter(|o| o.passed).count();
    eprintln!(
        "Frictionless cast_value cases: required {}/{}; implementation-specific {}/{}",
        count(&required),
        required.len(),
        count(&particular),
        particular.len()
    );
    for o in particular.iter().filter(|o| !o.passed) {
        eprintln!(
            "  implementation-specific case not passed (line {}, ({}) {}): {} gave {}",
            o.line,
            o.marked.as_deref().unwrap_or(""),
            o.section,
            o.case,
            o.detail
        );
    }
    let failures: Vec<String> = required
        .iter()
        .filter(|o| !o.passed)
        .map(|o| {
            format!(
                "line {} ({}): {} gave {}",
                o.line, o.section, o.case, o.detail
            )
        })
        .collect();
    assert!(
        required.len() >= 80,
        "too few cases were read: {}",
        required.len()
    );
    assert!(
        failures.is_empty(),
        "{} required cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

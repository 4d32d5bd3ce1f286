//! Table Schemas (Frictionless Table Schema v1, as schema.data.gouv.fr and
//! SCDL publish them): reading a schema file, casting cells to its types,
//! Validata's French custom checks, validating a table against it, and
//! inferring a schema from a profile.
//!
//! Reading is strict where a mistake would silently change what is checked
//! (an unknown type, a pattern that does not compile, a constraint value
//! that does not fit its field) and lenient elsewhere: properties this
//! module does not use (`rdfType`, `example`, contributors…) are kept out of
//! the way, not rejected, since published schemas carry many of them.

pub mod cast;
pub mod checks;
pub mod infer;
pub mod report;
pub mod validator;
pub mod value;

use serde_json::{Map, Value as Json};

pub use cast::Caster;
pub use value::{Input, Value};

/// A Table Schema, read from its JSON.
#[derive(Debug, Clone)]
pub struct Schema {
    pub name: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub version: Option<String>,
    pub homepage: Option<String>,
    pub created: Option<String>,
    pub last_modified: Option<String>,
    /// The legal texts and documents the schema implements.
    pub sources: Vec<Link>,
    pub fields: Vec<Field>,
    /// Texts that mean "no value" (default: the empty text).
    pub missing_values: Vec<String>,
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub custom_checks: Vec<checks::CustomCheck>,
    /// What was read with doubt (an unknown custom check, a format that is
    /// not one of Table Schema's…): reported as warnings.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub fields: Vec<String>,
    /// The resource referred to (its file name in the dataset); empty for
    /// the same resource.
    pub resource: String,
    pub reference_fields: Vec<String>,
}

/// Table Schema field types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    Date,
    Time,
    Datetime,
    Year,
    Yearmonth,
    Duration,
    Geopoint,
    Geojson,
    Any,
}

impl FieldType {
    pub const ALL: [FieldType; 15] = [
        FieldType::String,
        FieldType::Number,
        FieldType::Integer,
        FieldType::Boolean,
        FieldType::Object,
        FieldType::Array,
        FieldType::Date,
        FieldType::Time,
        FieldType::Datetime,
        FieldType::Year,
        FieldType::Yearmonth,
        FieldType::Duration,
        FieldType::Geopoint,
        FieldType::Geojson,
        FieldType::Any,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Object => "object",
            FieldType::Array => "array",
            FieldType::Date => "date",
            FieldType::Time => "time",
            FieldType::Datetime => "datetime",
            FieldType::Year => "year",
            FieldType::Yearmonth => "yearmonth",
            FieldType::Duration => "duration",
            FieldType::Geopoint => "geopoint",
            FieldType::Geojson => "geojson",
            FieldType::Any => "any",
        }
    }

    pub fn parse(name: &str) -> Option<FieldType> {
        FieldType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// One field (column) of a schema.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: FieldType,
    /// `None` for the default format.
    pub format: Option<String>,
    pub constraints: Constraints,
    pub true_values: Vec<String>,
    pub false_values: Vec<String>,
    pub decimal_char: String,
    pub group_char: Option<String>,
    pub bare_number: bool,
    /// The schema's `missingValues`, copied here for casting.
    pub missing_values: Vec<String>,
    /// For arrays: the field each item must satisfy (Validata's `arrayItem`).
    pub array_item: Option<Box<Field>>,
    /// Examples as the schema gives them (`example`, `examples`).
    pub examples: Vec<String>,
    /// Why this field is collected (`x-why`), in plain words.
    pub why: Option<String>,
    /// Casts this field's cells; built once when the schema is read.
    pub caster: Caster,
}

#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub required: bool,
    pub unique: bool,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub exclusive_minimum: Option<Bound>,
    pub exclusive_maximum: Option<Bound>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<Pattern>,
    pub enumeration: Option<Vec<Bound>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        !self.required
            && !self.unique
            && self.minimum.is_none()
            && self.maximum.is_none()
            && self.exclusive_minimum.is_none()
            && self.exclusive_maximum.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.enumeration.is_none()
    }
}

/// A constraint value: as the schema writes it, and cast to the field's type.
#[derive(Debug, Clone)]
pub struct Bound {
    pub text: String,
    pub value: Value<'static>,
}

/// A `pattern` constraint: a regular expression the whole value must match.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    pub regex: regex::Regex,
}

/// A schema file that cannot be used, and where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub message: String,
    /// Line of a JSON syntax error, or of the property at fault when it can
    /// be found.
    pub line: Option<usize>,
}

impl Schema {
    /// Reads a schema from the text of its JSON file.
    pub fn parse(text: &str) -> Result<Schema, SchemaError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let json: Json = serde_json::from_str(text).map_err(|e| SchemaError {
            message: format!(
                "the schema is not valid JSON: {}",
                crate::util::json_message(&e)
            ),
            line: Some(e.line()).filter(|&l| l > 0),
        })?;
        Reader { text }.schema(&json)
    }

    /// A schema with no field: validating against it checks nothing but
    /// lets keys be collected.
    pub fn empty() -> Schema {
        Schema {
            name: None,
            title: None,
            description: None,
            version: None,
            homepage: None,
            created: None,
            last_modified: None,
            sources: Vec::new(),
            fields: Vec::new(),
            missing_values: vec![String::new()],
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            custom_checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Reads the parts of a schema, locating errors in its text.
struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn error(&self, message: String, near: &str) -> SchemaError {
        SchemaError { line: self.line_of(near), message }
    }

    /// The line where `"key"` first appears: errors are located by the
    /// property they concern, as a reader of the file would look for it.
    fn line_of(&self, near: &str) -> Option<usize> {
        if near.is_empty() {
            return None;
        }
        let at = self.text.find(&format!("\"{near}\""))?;
        Some(self.text[..at].matches('\n').count() + 1)
    }

    fn schema(&self, json: &Json) -> Result<Schema, SchemaError> {
        let object = json.as_object().ok_or_else(|| SchemaError {
            message: "the schema should be a JSON object with a \"fields\" list".into(),
            line: Some(1),
        })?;
        let missing_values = match object.get("missingValues") {
            None => vec![String::new()],
            Some(Json::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    self.error(
                        "\"missingValues\" should be a list of texts".into(),
                        "missingValues",
                    )
                })?,
            Some(_) => {
                return Err(self.error(
                    "\"missingValues\" should be a list of texts".into(),
                    "missingValues",
                ));
            }
        };
        let fields_json = object
            .get("fields")
            .and_then(Json::as_array)
            .ok_or_else(|| SchemaError {
                message: "the schema has no \"fields\" list".into(),
                line: self.line_of("fields").or(Some(1)),
            })?;
        let mut notes = Vec::new();
        let mut fields = Vec::with_capacity(fields_json.len());
        for (i, field) in fields_json.iter().enumerate() {
            let field = self.field(field, i, &missing_values, &mut notes)?;
            if fields.iter().any(|f: &Field| f.name == field.name) {
                return Err(self.error(
                    format!("two fields are named \"{}\"", field.name),
                    &field.name,
                ));
            }
            fields.push(field);
        }
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let primary_key = self.names(object.get("primaryKey"), "primaryKey")?;
        for name in &primary_key {
            if !names.contains(&name.as_str()) {
                return Err(self.error(
                    format!("the primary key names \"{name}\", which is not a field"),
                    "primaryKey",
                ));
            }
        }
        let mut foreign_keys = Vec::new();
        for key in object
            .get("foreignKeys")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let fields = self.names(key.get("fields"), "foreignKeys")?;
            let reference = key.get("reference");
            let reference_fields =
                self.names(reference.and_then(|r| r.get("fields")), "foreignKeys")?;
            if fields.is_empty() || fields.len() != reference_fields.len() {
                return Err(self.error(
                    "a foreign key needs as many \"fields\" as its \"reference\" has".into(),
                    "foreignKeys",
                ));
            }
            for name in &fields {
                if !names.contains(&name.as_str()) {
                    return Err(self.error(
                        format!("a foreign key names \"{name}\", which is not a field"),
                        "foreignKeys",
                    ));
                }
            }
            foreign_keys.push(ForeignKey {
                fields,
                resource: reference
                    .and_then(|r| r.get("resource"))
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_string(),
                reference_fields,
            });
        }
        let mut custom_checks = Vec::new();
        for check in object
            .get("custom_checks")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let name = check.get("name").and_then(Json::as_str).unwrap_or("");
            let params = check.get("params").unwrap_or(&Json::Null);
            match checks::CustomCheck::parse(name, params) {
                Ok(check) => custom_checks.push(check),
                Err(checks::ParseError::Unknown) => notes.push(format!(
                    "the custom check \"{name}\" is not one ouvert knows: it is not run"
                )),
                Err(checks::ParseError::Invalid(why)) => {
                    return Err(self.error(
                        format!("the custom check \"{name}\" cannot be used: {why}"),
                        name,
                    ));
                }
            }
        }
        let text = |key: &str| object.get(key).and_then(Json::as_str).map(str::to_string);
        let sources = object
            .get("sources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| {
                let title = s.get("title").and_then(Json::as_str);
                let path = s.get("path").and_then(Json::as_str).map(str::to_string);
                Some(Link { title: title.or(path.as_deref())?.to_string(), path })
            })
            .collect();
        Ok(Schema {
            name: text("name"),
            title: text("title"),
            description: text("description"),
            version: text("version"),
            homepage: text("homepage"),
            created: text("created"),
            last_modified: text("lastModified"),
            sources,
            fields,
            missing_values,
            primary_key,
            foreign_keys,
            custom_checks,
            notes,
        })
    }

    /// A field name or a list of them.
    fn names(&self, json: Option<&Json>, key: &str) -> Result<Vec<String>, SchemaError> {
        match json {
            None => Ok(Vec::new()),
            Some(Json::String(name)) => Ok(vec![name.clone()]),
            Some(Json::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| self.error(format!("\"{key}\" should name fields"), key)),
            Some(_) => Err(self.error(format!("\"{key}\" should name fields"), key)),
        }
    }

    fn field(
        &self,
        json: &Json,
        index: usize,
        missing_values: &[String],
        notes: &mut Vec<String>,
    ) -> Result<Field, SchemaError> {
        let object = json.as_object().ok_or_else(|| SchemaError {
            message: format!("field number {} should be an object", index + 1),
            line: None,
        })?;
        let name = object
            .get("name")
            .and_then(Json::as_str)
            .ok_or_else(|| SchemaError {
                message: format!("field number {} has no \"name\"", index + 1),
                line: None,
            })?
            .to_string();
        self.field_body(object, name, missing_values, notes)
    }

    fn field_body(
        &self,
        object: &Map<String, Json>,
        name: String,
        missing_values: &[String],
        notes: &mut Vec<String>,
    ) -> Result<Field, SchemaError> {
        let text = |key: &str| object.get(key).and_then(Json::as_str).map(str::to_string);
        let kind = match object.get("type") {
            None => FieldType::String,
            Some(Json::String(t)) => FieldType::parse(t).ok_or_else(|| {
                self.error(
                    format!(
                        "the field \"{name}\" has the type \"{t}\", which is not a Table Schema type (string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array, any)"
                    ),
                    &name,
                )
            })?,
            Some(_) => return Err(self.error(format!("the type of the field \"{name}\" should be a text"), &name)),
        };
        let format = text("format").filter(|f| f != "default");
        if let Some(format) = &format
            && !format_is_known(kind, format)
        {
            notes.push(format!(
                "the field \"{name}\" has the format \"{format}\", which Table Schema does not define for the type {}: it is not checked",
                kind.name()
            ));
        }
        let strings = |key: &str, default: &[&str]| -> Result<Vec<String>, SchemaError> {
            match object.get(key) {
                None => Ok(default.iter().map(|s| s.to_string()).collect()),
                Some(Json::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        self.error(
                            format!("\"{key}\" of the field \"{name}\" should be a list of texts"),
                            &name,
                        )
                    }),
                Some(_) => Err(self.error(
                    format!("\"{key}\" of the field \"{name}\" should be a list of texts"),
                    &name,
                )),
            }
        };
        let array_item = match object.get("arrayItem") {
            Some(Json::Object(item)) => Some(Box::new(self.field_body(
                item,
                name.clone(),
                missing_values,
                notes,
            )?)),
            _ => None,
        };
        let examples = ["example", "examples"]
            .iter()
            .filter_map(|key| object.get(*key))
            .flat_map(|v| match v {
                Json::Array(items) => items.iter().map(json_text).collect::<Vec<_>>(),
                other => vec![json_text(other)],
            })
            .filter(|e| !e.is_empty())
            .collect();
        let mut field = Field {
            title: text("title"),
            description: text("description"),
            kind,
            format,
            constraints: Constraints::default(),
            true_values: strings("trueValues", &["true", "True", "TRUE", "1"])?,
            false_values: strings("falseValues", &["false", "False", "FALSE", "0"])?,
            decimal_char: text("decimalChar").unwrap_or_else(|| ".".into()),
            group_char: text("groupChar"),
            bare_number: object
                .get("bareNumber")
                .and_then(Json::as_bool)
                .unwrap_or(true),
            missing_values: missing_values.to_vec(),
            array_item,
            examples,
            why: text("x-why"),
            caster: Caster::default(),
            name,
        };
        field.caster = Caster::new(&field);
        if let Some(constraints) = object.get("constraints") {
            field.constraints = self.constraints(&field, constraints)?;
        }
        Ok(field)
    }

    fn constraints(&self, field: &Field, json: &Json) -> Result<Constraints, SchemaError> {
        let name = &field.name;
        let object = json.as_object().ok_or_else(|| {
            self.error(
                format!("the constraints of the field \"{name}\" should be an object"),
                name,
            )
        })?;
        let flag = |key: &str| object.get(key).and_then(Json::as_bool).unwrap_or(false);
        let length = |key: &str| -> Result<Option<usize>, SchemaError> {
            match object.get(key) {
                None => Ok(None),
                Some(v) => v.as_u64().map(|n| Some(n as usize)).ok_or_else(|| {
                    self.error(
                        format!("\"{key}\" of the field \"{name}\" should be a whole number"),
                        name,
                    )
                }),
            }
        };
        // Bounds have the field's type: `"minimum": "2017-01-01"` for a date.
        let bound = |key: &str, v: &Json| -> Result<Bound, SchemaError> {
            let value = field
                .caster
                .cast(Input::Json(v))
                .ok()
                .filter(|v| !v.is_null());
            value
                .map(|value| Bound { text: json_text(v), value: value.into_owned() })
                .ok_or_else(|| {
                    self.error(
                        format!(
                            "\"{key}\" of the field \"{name}\" is {}, which is not a {} value",
                            v,
                            field.kind.name()
                        ),
                        name,
                    )
                })
        };
        let bound_of = |key: &str| object.get(key).map(|v| bound(key, v)).transpose();
        let pattern = match object.get("pattern") {
            None => None,
            Some(Json::String(source)) => Some(Pattern {
                regex: regex::Regex::new(&format!("^(?:{source})$")).map_err(|e| {
                    self.error(
                        format!("the pattern of the field \"{name}\" is not a regular expression ouvert can read: {}", first_line(&e.to_string())),
                        name,
                    )
                })?,
                source: source.clone(),
            }),
            Some(_) => return Err(self.error(format!("the pattern of the field \"{name}\" should be a text"), name)),
        };
        let enumeration = match object.get("enum") {
            None => None,
            Some(Json::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| bound("enum", v))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => {
                return Err(self.error(
                    format!("\"enum\" of the field \"{name}\" should be a list"),
                    name,
                ));
            }
        };
        Ok(Constraints {
            required: flag("required"),
            unique: flag("unique"),
            minimum: bound_of("minimum")?,
            maximum: bound_of("maximum")?,
            exclusive_minimum: bound_of("exclusiveMinimum")?,
            exclusive_maximum: bound_of("exclusiveMaximum")?,
            min_length: length("minLength")?,
            max_length: length("maxLength")?,
            pattern,
            enumeration,
        })
    }
}

fn first_line(text: &str) -> &str {
    text.lines().last().unwrap_or(text).trim()
}

/// A JSON value as text: strings without their quotes.
fn json_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// Whether Table Schema defines `format` for `kind` (date and time types
/// take any strptime pattern).
fn format_is_known(kind: FieldType, format: &str) -> bool {
    match kind {
        FieldType::String => ["email", "uri", "binary", "uuid"].contains(&format),
        FieldType::Date | FieldType::Time | FieldType::Datetime => true,
        FieldType::Geopoint => ["array", "object"].contains(&format),
        FieldType::Geojson => format == "topojson",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_constraints_and_checks() {
        let schema = Schema::parse(
            r#"{
              "title": "Subventions", "version": "2.1.1",
              "sources": [{"title": "Décret n° 2017-779", "path": "https://www.legifrance.gouv.fr/x"}],
              "missingValues": ["", "NA"],
              "fields": [
                {"name": "id", "type": "integer", "constraints": {"required": true, "unique": true, "minimum": 1}},
                {"name": "date", "type": "date", "constraints": {"minimum": "2017-01-01"}},
                {"name": "code", "constraints": {"pattern": "[0-9]{5}", "enum": ["01000", "75001"]}, "x-why": "Pour localiser."}
              ],
              "primaryKey": "id",
              "custom_checks": [{"name": "french-siret-value", "params": {"column": "code"}}, {"name": "inconnu", "params": {}}]
            }"#,
        )
        .unwrap();
        assert_eq!(schema.fields.len(), 3);
        assert_eq!(schema.missing_values, ["", "NA"]);
        assert_eq!(schema.primary_key, ["id"]);
        assert_eq!(schema.sources[0].title, "Décret n° 2017-779");
        let id = &schema.fields[0];
        assert!(id.constraints.required && id.constraints.unique);
        assert_eq!(
            id.constraints.minimum.as_ref().unwrap().value,
            Value::Integer(1)
        );
        let date = &schema.fields[1];
        assert_eq!(
            date.constraints.minimum.as_ref().unwrap().value,
            Value::Date(jiff::civil::date(2017, 1, 1))
        );
        let code = &schema.fields[2];
        assert!(
            code.constraints
                .pattern
                .as_ref()
                .unwrap()
                .regex
                .is_match("01000")
        );
        assert!(
            !code
                .constraints
                .pattern
                .as_ref()
                .unwrap()
                .regex
                .is_match("010001")
        );
        assert_eq!(code.why.as_deref(), Some("Pour localiser."));
        assert_eq!(schema.custom_checks.len(), 1);
        assert_eq!(
            schema.notes,
            ["the custom check \"inconnu\" is not one ouvert knows: it is not run"]
        );
    }

    #[test]
    fn mistakes_are_located() {
        let error = Schema::parse(
            "{\n  \"fields\": [\n    {\"name\": \"montant\", \"type\": \"nombre\"}\n  ]\n}",
        )
        .unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.message.starts_with(
            "the field \"montant\" has the type \"nombre\", which is not a Table Schema type"
        ));
        let error = Schema::parse(
            "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"pattern\": \"(\"}}]}",
        )
        .unwrap_err();
        assert!(
            error
                .message
                .starts_with("the pattern of the field \"a\" is not a regular expression"),
            "{}",
            error.message
        );
        let error = Schema::parse("{\"fields\": [{\"name\": \"a\", \"type\": \"date\", \"constraints\": {\"minimum\": \"hier\"}}]}").unwrap_err();
        assert_eq!(
            error.message,
            "\"minimum\" of the field \"a\" is \"hier\", which is not a date value"
        );
        assert_eq!(Schema::parse("{\"fields\": [}").unwrap_err().line, Some(1));
    }

    #[test]
    fn every_schema_of_the_corpus_is_read() {
        let Some(corpus) = crate::util::test_corpus("schemas not checked") else {
            return;
        };
        let folders = ["scdl", "other-schemas", "validata-fixtures"].map(|f| corpus.join(f));
        for entry in folders.iter().flat_map(walkdir::WalkDir::new) {
            let path = entry.unwrap().into_path();
            let name = path.file_name().unwrap().to_string_lossy();
            if (name.starts_with("schema") || name.ends_with("_schema.json"))
                && name.ends_with(".json")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let schema =
                    Schema::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
                assert!(!schema.fields.is_empty(), "{}", path.display());
            }
        }
    }
}

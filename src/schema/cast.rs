//! Casting cells to Table Schema types (v1), the way frictionless-py does.

use super::value::{Input, Value};
use super::{Field, FieldType};

/// Why a cell does not cast to its field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CastError;

/// Casts the cells of one field; built once per field.
#[derive(Debug, Clone, Default)]
pub struct Caster {
    kind: Option<FieldType>,
    missing_values: Vec<String>,
}

impl Caster {
    pub fn new(field: &Field) -> Caster {
        Caster {
            kind: Some(field.kind),
            missing_values: field.missing_values.clone(),
        }
    }

    pub fn cast<'a>(&self, input: Input<'a>) -> Result<Value<'a>, CastError> {
        let text = match input {
            Input::Text(text) => text,
            Input::Json(serde_json::Value::Null) => return Ok(Value::Null),
            Input::Json(serde_json::Value::String(s)) => s.as_str(),
            Input::Json(serde_json::Value::Number(n)) => {
                return match self.kind {
                    Some(FieldType::Integer) => n
                        .as_i64()
                        .map(|n| Value::Integer(n.into()))
                        .ok_or(CastError),
                    Some(FieldType::Number) => n.as_f64().map(Value::Number).ok_or(CastError),
                    _ => Err(CastError),
                };
            }
            Input::Json(_) => return Err(CastError),
            Input::Native(value) => return Ok(value.clone()),
        };
        if self.missing_values.iter().any(|m| m == text) {
            return Ok(Value::Null);
        }
        match self.kind.unwrap_or(FieldType::Any) {
            FieldType::Integer => text
                .parse::<i128>()
                .map(Value::Integer)
                .map_err(|_| CastError),
            FieldType::Number => text
                .parse::<f64>()
                .map(Value::Number)
                .map_err(|_| CastError),
            FieldType::Date => text
                .parse::<jiff::civil::Date>()
                .map(Value::Date)
                .map_err(|_| CastError),
            _ => Ok(Value::String(text.into())),
        }
    }
}

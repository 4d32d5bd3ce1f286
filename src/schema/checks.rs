//! Validata's custom checks: the French rules schemas of schema.data.gouv.fr
//! list in `custom_checks`.

/// A custom check as a schema declares it.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomCheck {
    FrenchSiret { column: String },
}

/// Why a `custom_checks` entry cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not a check ouvert knows (it is skipped, with a warning).
    Unknown,
    /// A known check with parameters that do not fit.
    Invalid(String),
}

impl CustomCheck {
    pub fn parse(name: &str, params: &serde_json::Value) -> Result<CustomCheck, ParseError> {
        let column = |key: &str| {
            params
                .get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| ParseError::Invalid(format!("the parameter \"{key}\" is missing")))
        };
        match name {
            "french-siret-value" => Ok(CustomCheck::FrenchSiret { column: column("column")? }),
            _ => Err(ParseError::Unknown),
        }
    }
}

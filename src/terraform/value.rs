//! The values of the evaluator: known, unknown until apply (with what the
//! value stands for), or secret (with where it came from, never its text).

use std::collections::BTreeMap;

/// One evaluated Terraform value.
///
/// A secret carries no content at all: only the name of where it came from
/// (`var.db_password`, `random_password.db.result`), so no output can print
/// it by mistake.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// Lists, tuples and sets (sets keep first-seen order, without repeats).
    List(Vec<Value>),
    /// Maps and objects.
    Map(BTreeMap<String, Value>),
    /// A resource instance: its configured attributes; any other attribute
    /// is known only after apply (or secret, for `random_*` and secrets).
    Resource(Box<ResourceValue>),
    /// Known only after apply; the string says what it stands for
    /// (`aws_security_group.lb.id`).
    Unknown(String),
    /// A secret; the string names its origin.
    Secret(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceValue {
    pub address: String,
    pub attrs: BTreeMap<String, Value>,
    /// Attributes not configured are secrets (random_*, secret data sources).
    pub secret_rest: bool,
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) | Value::Resource(_) => "object",
            Value::Unknown(_) => "unknown",
            Value::Secret(_) => "secret",
        }
    }

    /// Whether the value is unknown or secret at its top level.
    pub fn is_opaque(&self) -> bool {
        matches!(self, Value::Unknown(_) | Value::Secret(_))
    }

    /// Whether some part of the value, however deep, is unknown or secret.
    pub fn has_opaque(&self) -> bool {
        match self {
            Value::Unknown(_) | Value::Secret(_) => true,
            Value::List(v) => v.iter().any(Value::has_opaque),
            Value::Map(m) => m.values().any(Value::has_opaque),
            Value::Resource(r) => r.attrs.values().any(Value::has_opaque),
            _ => false,
        }
    }

    /// Whether some part of the value is a secret.
    pub fn has_secret(&self) -> bool {
        match self {
            Value::Secret(_) => true,
            Value::List(v) => v.iter().any(Value::has_secret),
            Value::Map(m) => m.values().any(Value::has_secret),
            Value::Resource(r) => r.secret_rest || r.attrs.values().any(Value::has_secret),
            _ => false,
        }
    }

    /// An attribute of an object or resource.
    pub fn get_attr(&self, name: &str) -> Option<Value> {
        match self {
            Value::Map(m) => m.get(name).cloned(),
            Value::Resource(r) => Some(match r.attrs.get(name) {
                Some(v) => v.clone(),
                None if r.secret_rest => Value::Secret(format!("{}.{name}", r.address)),
                None => Value::Unknown(format!("{}.{name}", r.address)),
            }),
            _ => None,
        }
    }

    /// The entries of a map-like value (objects and resources).
    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Map(m) => Some(m),
            Value::Resource(r) => Some(&r.attrs),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Terraform's string conversion of a primitive (numbers without a
    /// needless fraction, booleans as words).
    pub fn to_display_string(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(number_text(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Terraform's number conversion (a string that reads as a number).
    pub fn to_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        }
    }

    pub fn to_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// Converts to JSON; secrets become the fixed text `"(secret)"` and
    /// unknowns `"(known after apply)"`. Only for values already known to
    /// be free of secrets where the text matters (jsonencode refuses them).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    J::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n).map_or(J::Null, J::Number)
                }
            }
            Value::String(s) => J::String(s.clone()),
            Value::List(v) => J::Array(v.iter().map(Value::to_json).collect()),
            Value::Map(m) => J::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
            Value::Resource(r) => J::Object(
                r.attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            Value::Unknown(_) => J::String("(known after apply)".into()),
            Value::Secret(_) => J::String("(secret)".into()),
        }
    }

    pub fn from_json(j: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match j {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
            J::String(s) => Value::String(s.clone()),
            J::Array(a) => Value::List(a.iter().map(Value::from_json).collect()),
            J::Object(o) => Value::Map(
                o.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }
}

pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

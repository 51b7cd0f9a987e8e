//! A JSON value owned by Rust, for the declarative layer: configurations, states and plans are
//! read into it once (from `serde_json::Value` natively, from JavaScript values in wasm) and
//! the plan is built from it, so the same code runs in both builds without serde in the wasm.

use crate::catalogue::Canonical;
use crate::json::Kind;

/// A JSON value. Objects keep their members in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null` (also what stands for anything JSON cannot hold).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Reads parsed JSON. What JSON cannot hold (a function, `NaN`) reads as `null`.
    pub fn read<J: Canonical>(json: &J) -> Self {
        match json.kind() {
            Kind::Bool => json.as_bool().map_or(Self::Null, Self::Bool),
            Kind::Number => json.as_number().map_or(Self::Null, Self::Number),
            Kind::String => json.as_string().map_or(Self::Null, Self::String),
            Kind::Array => Self::Array(
                json.items()
                    .unwrap_or_default()
                    .iter()
                    .map(Self::read)
                    .collect(),
            ),
            Kind::Object => Self::Object(
                json.members()
                    .unwrap_or_default()
                    .iter()
                    .map(|(k, v)| (k.clone(), Self::read(v)))
                    .collect(),
            ),
            Kind::Null | Kind::Other => Self::Null,
        }
    }

    /// An object of these members.
    pub fn object(members: Vec<(&str, Value)>) -> Self {
        Self::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    /// A string value.
    pub fn text(s: &str) -> Self {
        Self::String(s.to_owned())
    }

    /// The member `key` of an object; `None` when absent or `null`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Self::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Self::Null)),
            _ => None,
        }
    }

    /// Whether the object has the member `key`, even `null`.
    pub fn has(&self, key: &str) -> bool {
        matches!(self, Self::Object(m) if m.iter().any(|(k, _)| k == key))
    }

    /// Sets (or adds) the member `key` of an object.
    pub fn set(&mut self, key: &str, value: Value) {
        if let Self::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    /// The object with only the members named in `keys` (anything else as it is).
    pub fn only(&self, keys: &[&str]) -> Value {
        match self {
            Self::Object(members) => Self::Object(
                members
                    .iter()
                    .filter(|(k, _)| keys.contains(&k.as_str()))
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Removes the member `key` of an object.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let Self::Object(members) = self else {
            return None;
        };
        let mut taken = None;
        members.retain(|(k, v)| {
            let hit = taken.is_none() && k == key;
            if hit {
                taken = Some(v.clone());
            }
            !hit
        });
        taken
    }

    /// The text, if this is a string.
    pub fn str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key`'s text; empty when it is not a string.
    pub fn str_at(&self, key: &str) -> &str {
        self.get(key).and_then(Value::str).unwrap_or_default()
    }

    /// The elements, if this is an array.
    pub fn list(&self) -> Option<&[Value]> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn members(&self) -> Option<&[(String, Value)]> {
        match self {
            Self::Object(m) => Some(m),
            _ => None,
        }
    }

    /// `null`, or an empty array: what the API shows for "none".
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Null) || matches!(self, Self::Array(a) if a.is_empty())
    }

    /// What kind of value this is, for messages.
    pub fn describe(&self) -> &'static str {
        crate::json::Json::kind(self).describe()
    }

    /// JSON equality: members in any order, a `null` member the same as an absent one, and an
    /// empty array the same as none.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (a, b) if a.is_empty() && b.is_empty() => true,
            (Self::Array(a), Self::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Self::Object(a), Self::Object(b)) => {
                let covers = |a: &[(String, Value)], b: &Value| {
                    a.iter()
                        .all(|(k, v)| v.same(b.get(k).unwrap_or(&Self::Null)))
                };
                covers(a, other) && covers(b, self)
            }
            (a, b) => a == b,
        }
    }
}

impl From<&Value> for serde_json::Value {
    fn from(value: &Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Self::Null, |n| {
                // Whole numbers as integers, as JavaScript writes them.
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Self::from(f as i64),
                    _ => Self::Number(n),
                }
            }),
            Value::String(s) => Self::String(s.clone()),
            Value::Array(items) => Self::Array(items.iter().map(Self::from).collect()),
            Value::Object(members) => Self::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), Self::from(v)))
                    .collect(),
            ),
        }
    }
}

/// So the parameter tables (`crate::params`) check and write a configuration's entries and a
/// plan's steps as they check any JSON.
impl crate::json::Json for Value {
    fn kind(&self) -> Kind {
        match self {
            Self::Null => Kind::Null,
            Self::Bool(_) => Kind::Bool,
            Self::Number(_) => Kind::Number,
            Self::String(_) => Kind::String,
            Self::Array(_) => Kind::Array,
            Self::Object(_) => Kind::Object,
        }
    }
    fn get(&self, key: &'static str) -> Option<Self> {
        Value::get(self, key).cloned()
    }
    fn kind_of(&self, key: &'static str) -> Option<Kind> {
        let members = self.members()?;
        let (_, value) = members.iter().find(|(k, _)| k == key)?;
        Some(crate::json::Json::kind(value))
    }
    fn as_string(&self) -> Option<String> {
        self.str().map(str::to_owned)
    }
    fn as_number(&self) -> Option<f64> {
        match self {
            Self::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.list().map(<[Value]>::to_vec)
    }
    fn keys(&self) -> Option<Vec<String>> {
        self.members()
            .map(|members| members.iter().map(|(k, _)| k.clone()).collect())
    }
    fn deserialize<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(serde_json::Value::from(self)).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Value;
    use serde_json::json;

    #[test]
    fn reads_and_writes_json_and_compares_as_json() {
        let v = json!({"a": [1, 2.5, "x", null, true], "b": {"c": {}}});
        let ours = Value::read(&v);
        assert_eq!(serde_json::Value::from(&ours), v);
        let reordered = Value::read(&json!({"b": {"c": {}}, "a": [1, 2.5, "x", null, true]}));
        assert!(ours.same(&reordered));
        assert!(Value::read(&json!({"x": null, "y": []})).same(&Value::read(&json!({}))));
        assert!(!Value::read(&json!({"x": 1})).same(&Value::read(&json!({}))));
        assert!(!Value::read(&json!([1, 2])).same(&Value::read(&json!([2, 1]))));
    }
}

//! Parsed JSON, read through a handful of accessors.
//!
//! The envelope and shape checks, the parameter readers and the page rules are written once
//! against [`Json`]. Natively it is `serde_json::Value`; in wasm it is the JavaScript value that
//! the runtime's own `JSON.parse` produced, so a response is parsed once, in native code, and
//! handed back to JavaScript as it is.
//!
//! Keys are `&'static str`: every key the client reads is a literal, and the wasm side keeps one
//! JavaScript string per literal instead of copying the key across the boundary on each read.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::shape::Type;

/// What a JSON value is, told in one look (in wasm, one call into JavaScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` (and, in JavaScript, `undefined`).
    Null,
    /// `true` or `false`.
    Bool,
    /// A finite number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object that is not an array.
    Object,
    /// Anything JSON cannot hold (a function, `NaN`, a symbol, …).
    Other,
}

impl Kind {
    /// The kind for messages: `a string`, `an array`, ….
    pub fn describe(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
            Self::Other => "not JSON",
        }
    }
}

/// A parsed JSON value.
pub trait Json: Sized {
    /// What the value is.
    fn kind(&self) -> Kind;
    /// The member `key` of an object; `None` when absent or `null` (see [`Json::kind_of`] to
    /// tell the two apart).
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The value, if it is a string.
    fn as_string(&self) -> Option<String>;
    /// The value, if it is a number.
    fn as_number(&self) -> Option<f64>;
    /// The value, if it is a boolean.
    fn as_bool(&self) -> Option<bool>;
    /// The elements, if the value is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The keys, if the value is an object (not an array).
    fn keys(&self) -> Option<Vec<String>>;
    /// The value as a Rust type (used by the typed Rust API, never by the npm package).
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String>;

    /// The kind of the member `key`, without taking it out; `None` when absent.
    fn kind_of(&self, key: &'static str) -> Option<Kind>;

    /// Whether the value has the type `ty` through and through (so
    /// [`crate::shape::walk`] finds nothing wrong). `false` says only that something differs;
    /// finding what, for a message, is the walk's job. In wasm this is one call into JavaScript
    /// for a whole page, where walking it costs a call per field.
    fn conforms(&self, ty: &'static Type) -> bool {
        crate::shape::walk(self, ty).is_ok()
    }

    /// Whether the value is an object (not an array).
    fn is_object(&self) -> bool {
        self.kind() == Kind::Object
    }

    /// Whether the value is `null`.
    fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    /// What kind of value this is, for messages: `a string`, `an array`, ….
    fn describe(&self) -> &'static str {
        self.kind().describe()
    }
}

impl Json for Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn get(&self, key: &'static str) -> Option<Self> {
        self.as_object()?.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn kind_of(&self, key: &'static str) -> Option<Kind> {
        self.as_object()?.get(key).map(Json::kind)
    }
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_bool(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn keys(&self) -> Option<Vec<String>> {
        self.as_object().map(|o| o.keys().cloned().collect())
    }
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(self).map_err(|e| e.to_string())
    }
}

//! Parsed JSON, read through a handful of accessors.
//!
//! The envelope and shape checks, the parameter readers and the page rules are written once
//! against [`Json`]. Natively it is `serde_json::Value`; in wasm it is the JavaScript value that
//! the runtime's own `JSON.parse` produced, so a response is parsed once, in native code, and
//! handed back to JavaScript as it is.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A parsed JSON value.
pub trait Json: Sized {
    /// The member `key` of an object; `None` when absent (or, in JavaScript, `undefined`).
    fn get(&self, key: &str) -> Option<Self>;
    /// The value, if it is a string.
    fn as_string(&self) -> Option<String>;
    /// Whether the value is a string (without copying it).
    fn is_string(&self) -> bool;
    /// The value, if it is a number.
    fn as_number(&self) -> Option<f64>;
    /// The value, if it is a boolean.
    fn as_bool(&self) -> Option<bool>;
    /// The elements, if the value is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The keys, if the value is an object (not an array).
    fn keys(&self) -> Option<Vec<String>>;
    /// Whether the value is `null`.
    fn is_null(&self) -> bool;
    /// The value as a Rust type (used by the typed Rust API, never by the npm package).
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String>;

    /// For an array: the index of the first element that is not an object (`Some(None)` when
    /// all are); `None` when the value is not an array.
    fn first_non_object(&self) -> Option<Option<usize>> {
        self.items()
            .map(|items| items.iter().position(|item| !item.is_object()))
    }

    /// Whether the value is an object (not an array).
    fn is_object(&self) -> bool {
        self.keys().is_some()
    }

    /// What kind of value this is, for messages: `a string`, `an array`, ….
    fn describe(&self) -> &'static str {
        if self.is_null() {
            "null"
        } else if self.is_string() {
            "a string"
        } else if self.as_number().is_some() {
            "a number"
        } else if self.as_bool().is_some() {
            "a boolean"
        } else if self.items().is_some() {
            "an array"
        } else if self.is_object() {
            "an object"
        } else {
            "not JSON"
        }
    }
}

impl Json for Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn is_string(&self) -> bool {
        self.is_string()
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
    fn is_null(&self) -> bool {
        self.is_null()
    }
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(self).map_err(|e| e.to_string())
    }
}

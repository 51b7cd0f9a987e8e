//! [`Json`] over JavaScript values: what `JSON.parse` (or the caller) produced is read in place,
//! field by field, instead of being copied into wasm and parsed again.
//!
//! Each read is one call into `glue.js`, and keys are JavaScript strings made once per literal:
//! a page of servers is checked in about ten crossings per server, with no string copied.

use std::cell::RefCell;

use js_sys::{Array, Object};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::glue;
use crate::json::{Json, Kind};

/// JavaScript values made once per Rust literal, found by the literal's address and length
/// (a literal may share its start with a longer one). A handful of entries.
type Cache = RefCell<Vec<((usize, usize), JsValue)>>;

thread_local! {
    /// Key literals as JavaScript strings.
    static KEYS: Cache = const { RefCell::new(Vec::new()) };
    /// Lists of key literals as JavaScript arrays of strings.
    static KEY_LISTS: Cache = const { RefCell::new(Vec::new()) };
}

/// The value `make` makes for the literal at `address`, made on first use.
fn cached(
    cache: &'static std::thread::LocalKey<Cache>,
    address: (usize, usize),
    make: impl Fn() -> JsValue,
) -> JsValue {
    let hit = cache.with(|entries| {
        let mut entries = entries.try_borrow_mut().ok()?;
        if let Some((_, js)) = entries.iter().find(|(a, _)| *a == address) {
            return Some(js.clone());
        }
        let js = make();
        entries.push((address, js.clone()));
        Some(js)
    });
    hit.unwrap_or_else(make)
}

/// Calls `f` with `key` as a JavaScript string.
fn with_key<R>(key: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    let address = (key.as_ptr() as usize, key.len());
    f(&cached(&KEYS, address, || JsValue::from_str(key)))
}

/// `keys` as a JavaScript array of strings.
fn key_list(keys: &'static [&'static str]) -> JsValue {
    let address = (keys.as_ptr() as usize, keys.len());
    cached(&KEY_LISTS, address, || {
        keys.iter()
            .map(|k| JsValue::from_str(k))
            .collect::<Array>()
            .into()
    })
}

fn kind(code: i32) -> Option<Kind> {
    Some(match code {
        0 => Kind::Null,
        1 => Kind::Bool,
        2 => Kind::Number,
        3 => Kind::String,
        4 => Kind::Array,
        5 => Kind::Object,
        6 => Kind::Other,
        _ => return None,
    })
}

impl Json for JsValue {
    fn kind(&self) -> Kind {
        kind(glue::kind_of(self)).unwrap_or(Kind::Other)
    }

    fn get(&self, key: &'static str) -> Option<Self> {
        with_key(key, |key| glue::member(self, key))
    }

    fn kind_of(&self, key: &'static str) -> Option<Kind> {
        kind(with_key(key, |key| glue::member_kind(self, key)))
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn as_number(&self) -> Option<f64> {
        self.as_f64().filter(|n| n.is_finite())
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().iter().collect())
    }

    fn all_have(&self, strings: &'static [&'static str], lists: &'static [&'static str]) -> bool {
        glue::all_have(self, &key_list(strings), &key_list(lists))
    }

    fn first_non_object(&self) -> Option<Option<usize>> {
        // -2: not an array; -1: every element is an object.
        match glue::first_non_object(self) {
            -2 => None,
            i => Some(usize::try_from(i).ok()),
        }
    }

    fn keys(&self) -> Option<Vec<String>> {
        if Json::kind(self) != Kind::Object {
            return None;
        }
        let keys = Object::keys(self.unchecked_ref::<Object>());
        Some(keys.iter().filter_map(|k| k.as_string()).collect())
    }

    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, String> {
        let text = js_sys::JSON::stringify(self)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or("the value cannot be written as JSON")?;
        serde_json::from_str(&text).map_err(|e| e.to_string())
    }
}

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
use crate::shape::Type;

/// JavaScript values made once per Rust literal, found by the literal's address and length
/// (a literal may share its start with a longer one). A handful of entries.
type Cache = RefCell<Vec<((usize, usize), JsValue)>>;

thread_local! {
    /// Key literals as JavaScript strings.
    static KEYS: Cache = const { RefCell::new(Vec::new()) };
    /// Schemas (`shape::Type` constants) as the JavaScript `conforms` reads them.
    static SCHEMAS: Cache = const { RefCell::new(Vec::new()) };
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

/// `ty` as `glue.js`'s `conforms` reads it, made once per schema constant.
fn schema(ty: &'static Type) -> JsValue {
    let address = (ty as *const Type as usize, 0);
    cached(&SCHEMAS, address, || schema_of(ty))
}

fn schema_of(ty: &Type) -> JsValue {
    match ty {
        Type::String => JsValue::from_str("s"),
        Type::Bool => JsValue::from_str("b"),
        Type::Number => JsValue::from_str("n"),
        Type::AnyObject => JsValue::from_str("o"),
        Type::Array(element) => Array::of2(&JsValue::from_str("a"), &schema_of(element)).into(),
        Type::Object(_) | Type::Both(..) => {
            let list = Array::of1(&JsValue::from_str("m"));
            for m in ty.members() {
                list.push(&Array::of3(
                    &JsValue::from_str(m.key),
                    &schema_of(&m.ty),
                    &JsValue::from_bool(m.required),
                ));
            }
            list.into()
        }
    }
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

    fn conforms(&self, ty: &'static Type) -> bool {
        glue::conforms(self, &schema(ty))
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

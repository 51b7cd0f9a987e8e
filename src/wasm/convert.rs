//! Building the plain JavaScript objects the package returns (pages, problems, error fields).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::envelope::Success;
use crate::error::{ErrorItem, PathSegment};
use crate::validate::Problem;

/// Sets `key` on `object` (a fresh plain object, so this cannot fail).
pub fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// A page as JavaScript sees it: `{ result, result_info? }`, values as the API sent them.
pub fn page(page: Success<JsValue>) -> JsValue {
    let object = Object::new();
    set(&object, "result", &page.result);
    if let Some(info) = &page.result_info_json {
        set(&object, "result_info", info);
    }
    object.into()
}

/// `[{ field, message }]`.
pub fn problems(problems: &[Problem]) -> JsValue {
    let list = Array::new();
    for p in problems {
        let object = Object::new();
        set(&object, "field", &JsValue::from_str(&p.field));
        set(&object, "message", &JsValue::from_str(&p.message));
        list.push(&object);
    }
    list.into()
}

/// `[{ code?, message, path? }]`.
pub fn error_items(items: &[ErrorItem]) -> JsValue {
    let list = Array::new();
    for item in items {
        let object = Object::new();
        if let Some(code) = item.code {
            set(&object, "code", &JsValue::from_f64(code as f64));
        }
        set(&object, "message", &JsValue::from_str(&item.message));
        if let Some(path) = &item.path {
            let segments: Array = path
                .iter()
                .map(|segment| match segment {
                    PathSegment::Index(i) => JsValue::from_f64(*i as f64),
                    PathSegment::Key(k) => JsValue::from_str(k),
                })
                .collect();
            set(&object, "path", &segments);
        }
        list.push(&object);
    }
    list.into()
}

//! RFC 8785 JSON Canonicalization Scheme (JCS): one text per JSON value, whatever its key order
//! or whitespace, and the SHA-256 digest of that text.

use super::{sha256_hex, Canonical};
use crate::json::Kind;
use crate::text::cat;
use crate::validate::Problem;

/// Where in the input a value sits, for messages: `before.tools[3].inputSchema`.
enum Step {
    Key(String),
    Index(usize),
}

fn path(base: &str, steps: &[Step]) -> String {
    let mut out = base.to_owned();
    for step in steps {
        match step {
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&cat!("[", *i as u64, "]")),
        }
    }
    out
}

/// `value` as RFC 8785 canonical JSON. `at` names the value in a message when it holds
/// something JSON cannot (`undefined` in an array, a function, `NaN`, a lone surrogate).
pub fn canonical<J: Canonical>(value: &J, at: &str) -> Result<String, Problem> {
    if let Some(text) = value.canonical_text() {
        return Ok(text);
    }
    let mut out = String::new();
    let mut steps = Vec::new();
    write(value, &mut out, &mut steps).map_err(|message| Problem {
        field: path(at, &steps),
        message: cat!(path(at, &steps), " ", message),
    })?;
    Ok(out)
}

/// The digest of a tool or prompt: SHA-256 of its canonical JSON, 64 lowercase hex digits.
pub fn digest<J: Canonical>(value: &J, at: &str) -> Result<String, Problem> {
    canonical(value, at).map(|text| sha256_hex(text.as_bytes()))
}

fn write<J: Canonical>(
    value: &J,
    out: &mut String,
    steps: &mut Vec<Step>,
) -> Result<(), &'static str> {
    match value.kind() {
        Kind::Null => out.push_str("null"),
        Kind::Bool => out.push_str(if value.as_bool() == Some(true) {
            "true"
        } else {
            "false"
        }),
        Kind::Number => out.push_str(&value.number_text().ok_or("is not a finite number")?),
        Kind::String => match value.string_text() {
            Some(Ok(text)) => string(&text, out),
            _ => return Err("holds a lone surrogate, which JSON text cannot carry"),
        },
        Kind::Array => {
            out.push('[');
            for (i, item) in value.items().unwrap_or_default().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                steps.push(Step::Index(i));
                write(item, out, steps)?;
                steps.pop();
            }
            out.push(']');
        }
        Kind::Object => {
            let mut members = value
                .members()
                .ok_or("cannot be read (a getter threw, or a key holds a lone surrogate)")?;
            // RFC 8785 §3.2.3: keys in the order of their UTF-16 code units.
            super::order::sort_by(&mut members, |(a, _), (b, _)| {
                a.encode_utf16().cmp(b.encode_utf16())
            });
            out.push('{');
            for (i, (key, member)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(key, out);
                out.push(':');
                steps.push(Step::Key(key.clone()));
                write(member, out, steps)?;
                steps.pop();
            }
            out.push('}');
        }
        Kind::Other => return Err("is not JSON (a function, NaN, an infinity, …)"),
    }
    Ok(())
}

/// A string as JCS writes it: only `"`, `\` and the controls are escaped, controls without a
/// short form as `\u00xx` in lowercase hex; everything else as it is, in UTF-8.
fn string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = u32::from(c) as usize;
                out.push_str("\\u00");
                for nibble in [code >> 4, code & 15] {
                    out.push(char::from(HEX.get(nibble).copied().unwrap_or(b'0')));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{canonical, digest};
    use serde_json::json;

    fn jcs(value: serde_json::Value) -> String {
        canonical(&value, "value").unwrap()
    }

    #[test]
    fn key_order_and_whitespace_never_count() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{ "b": [1, {"y":2,"x":1}], "a": "t" }"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a":"t","b":[1,{"x":1,"y":2}]}"#).unwrap();
        assert_eq!(jcs(a.clone()), r#"{"a":"t","b":[1,{"x":1,"y":2}]}"#);
        assert_eq!(digest(&a, "a").unwrap(), digest(&b, "b").unwrap());
    }

    #[test]
    fn rfc_8785_examples() {
        // RFC 8785 §3.2.2 (numbers and strings) and §3.2.3 (UTF-16 key order) examples.
        let value: serde_json::Value = serde_json::from_str(
            r#"{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
                "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals":[null,true,false]}"#,
        )
        .unwrap();
        assert_eq!(
            jcs(value),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
        let keys: serde_json::Value = serde_json::from_str(
            r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#,
        )
        .unwrap();
        let text = jcs(keys);
        let order: Vec<&str> = ["\\r", "1", "\u{80}", "ö", "€", "😀", "\u{fb33}"].to_vec();
        let mut last = 0;
        for key in order {
            let at = text.find(&crate::text::cat!("\"", key, "\":")).unwrap();
            assert!(at >= last, "{key} out of order in {text}");
            last = at;
        }
    }

    #[test]
    fn controls_are_escaped_in_lowercase_hex() {
        assert_eq!(
            jcs(json!("\u{1}\u{1f}\u{7f}é")),
            "\"\\u0001\\u001f\u{7f}é\""
        );
    }
}

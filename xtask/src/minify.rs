//! Short names for the functions the wasm imports from wasm-bindgen's JS glue.
//!
//! wasm-bindgen names each import like `__wbg_get_unchecked_e6325ad374eff861`: the hash keeps
//! names unique, and being random hex it is the part gzip cannot shrink. Both the wasm's import
//! section and the glue's import object spell every name once, and nothing else sees them (the
//! `.d.ts` lists exports, not imports), so `dist` renames them to `a`, `b`, … in both:
//! 1.2 KB less gzipped wasm.
//!
//! Only the glue's own module (`./cf_mcp_servers_bg.js`) is renamed. Imports from `glue.js`
//! are real export names of that file and stay.

use crate::util::Result;

const GLUE_MODULE: &str = "./cf_mcp_servers_bg.js";

/// Renames the glue module's imports in `wasm` and the matching keys in `js`.
pub fn imports(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String)> {
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut out = wasm.get(..8).ok_or("wasm: too short")?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = byte(wasm, at)?;
        let (size, body_at) = leb(wasm, at + 1)?;
        let end = body_at + size;
        let body = wasm.get(body_at..end).ok_or("wasm: section past the end")?;
        if id == IMPORT_SECTION {
            let section = rename_imports(body, &mut renames)?;
            out.push(id);
            out.extend(encode_leb(section.len()));
            out.extend(section);
        } else {
            out.extend(wasm.get(at..end).ok_or("wasm: section past the end")?);
        }
        at = end;
    }
    let mut js = js.to_owned();
    for (old, new) in &renames {
        // Each import is one key of the import object, on its own line.
        let key = format!("\n        {old}: ");
        if js.matches(&key).count() != 1 || js.matches(old.as_str()).count() != 1 {
            return Err(format!(
                "the glue does not name import {old} exactly once as a key; \
                 wasm-bindgen's output changed, so minify.rs needs updating"
            ));
        }
        js = js.replacen(&key, &format!("\n        {new}: "), 1);
    }
    Ok((out, js))
}

const IMPORT_SECTION: u8 = 2;

fn rename_imports(body: &[u8], renames: &mut Vec<(String, String)>) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = encode_leb(count);
    for _ in 0..count {
        let (module, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let desc_end = skip_import_desc(body, next)?;
        let field = if module == GLUE_MODULE {
            let short = short_name(renames.len());
            renames.push((field.to_owned(), short.clone()));
            short
        } else {
            field.to_owned()
        };
        for text in [module, field.as_str()] {
            out.extend(encode_leb(text.len()));
            out.extend(text.as_bytes());
        }
        out.extend(
            body.get(next..desc_end)
                .ok_or("wasm: import past the end")?,
        );
        at = desc_end;
    }
    Ok(out)
}

/// Where an import's description (after its two names) ends.
fn skip_import_desc(body: &[u8], at: usize) -> Result<usize> {
    let limits = |at: usize| -> Result<usize> {
        let flags = byte(body, at)?;
        let (_, at) = leb(body, at + 1)?;
        Ok(if flags & 1 == 1 { leb(body, at)?.1 } else { at })
    };
    match byte(body, at)? {
        0 => Ok(leb(body, at + 1)?.1), // function: type index
        1 => limits(at + 2),           // table: reference type, limits
        2 => limits(at + 1),           // memory: limits
        3 => Ok(at + 3),               // global: value type, mutability
        4 => Ok(leb(body, at + 2)?.1), // tag: attribute, type index
        kind => Err(format!("wasm: unknown import kind {kind}")),
    }
}

/// `a` … `Z`, then `aa`, `ab`, …: valid JS identifiers, never a keyword.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS.get(n % LETTERS.len()).copied().unwrap_or(b'a'));
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    // A two-letter name may be `do`, `if` or `in`; keep a prefix so no key is a keyword.
    let name = String::from_utf8_lossy(&name).into_owned();
    if name.len() > 1 {
        format!("_{name}")
    } else {
        name
    }
}

fn byte(bytes: &[u8], at: usize) -> Result<u8> {
    bytes
        .get(at)
        .copied()
        .ok_or_else(|| "wasm: truncated".into())
}

fn leb(bytes: &[u8], mut at: usize) -> Result<(usize, usize)> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let b = byte(bytes, at)?;
        at += 1;
        value |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 28 {
            return Err("wasm: LEB128 number too long".into());
        }
    }
}

fn encode_leb(mut value: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return out;
        }
        out.push(low | 0x80);
    }
}

fn name(bytes: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, at) = leb(bytes, at)?;
    let text = bytes.get(at..at + len).ok_or("wasm: name past the end")?;
    let text = std::str::from_utf8(text).map_err(|_| "wasm: a name is not UTF-8")?;
    Ok((text, at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "_aa");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn leb_round_trips() {
        for n in [0, 1, 127, 128, 300, 16_384, 1 << 27] {
            assert_eq!(leb(&encode_leb(n), 0).unwrap(), (n, encode_leb(n).len()));
        }
    }

    #[test]
    fn renames_glue_imports_and_their_keys_only() {
        // A module importing one function from the glue and one from glue.js.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        let mut section = vec![2]; // two imports
        for (module, field) in [
            (GLUE_MODULE, "__wbg_get_0123456789abcdef"),
            ("./glue.js", "kindOf"),
        ] {
            section.push(module.len() as u8);
            section.extend(module.as_bytes());
            section.push(field.len() as u8);
            section.extend(field.as_bytes());
            section.extend([0, 0]); // function of type 0
        }
        wasm.push(2);
        wasm.push(section.len() as u8);
        wasm.extend(&section);
        let js = "const import0 = {\n        __wbg_get_0123456789abcdef: function(a) {},\n};";
        let (out, js) = imports(&wasm, js).unwrap();
        assert_eq!(js, "const import0 = {\n        a: function(a) {},\n};");
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("kindOf") && !text.contains("__wbg_get"));
        assert_eq!(
            out.len(),
            wasm.len() - "__wbg_get_0123456789abcdef".len() + 1
        );
    }
}

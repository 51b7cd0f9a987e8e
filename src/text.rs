//! Messages built without `core::fmt`.
//!
//! `format!` costs a little wasm at every call site and links the integer and `format` parts
//! of `core::fmt`; this crate builds every message and URL with [`cat!`] instead, which only
//! appends. Measured on the npm build: 1.1 KB less wasm, 0.4 KB gzipped. (The rest of
//! `core::fmt` stays: std's panic machinery uses it, and stable Rust cannot drop that.)
//! `clippy.toml` disallows `format!` so it stays this way.

/// Something [`cat!`] can append: text or a whole number.
pub trait Piece {
    /// Appends `self` to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for u64 {
    fn push_to(&self, out: &mut String) {
        push_decimal(out, *self);
    }
}

impl Piece for u32 {
    fn push_to(&self, out: &mut String) {
        push_decimal(out, u64::from(*self));
    }
}

impl Piece for u16 {
    fn push_to(&self, out: &mut String) {
        push_decimal(out, u64::from(*self));
    }
}

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        push_decimal(out, *self as u64);
    }
}

impl Piece for i64 {
    fn push_to(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        push_decimal(out, self.unsigned_abs());
    }
}

/// `n` in decimal, most significant digit first.
fn push_decimal(out: &mut String, n: u64) {
    let mut power = 1;
    while n / power >= 10 {
        power *= 10;
    }
    loop {
        out.push(char::from(b'0' + (n / power % 10) as u8));
        if power == 1 {
            return;
        }
        power /= 10;
    }
}

/// A whole number written in ASCII digits only (no sign, no spaces), up to 18 of them.
/// `str::parse` would do, at about 0.4 KB of wasm for each integer type it is used with.
pub fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// Where `needle` first occurs in `haystack` (a byte offset), comparing bytes with `same`.
/// Written out because `str::find`/`contains`/`replace` with a `&str` pattern link core's
/// two-way searcher and its panic formatting, about 4 KB of wasm; the texts searched here are
/// error messages, and the needles a few short secrets.
pub fn find_by(haystack: &str, needle: &str, same: impl Fn(u8, u8) -> bool) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len())
        .position(|w| w.iter().zip(needle).all(|(a, b)| same(*a, *b)))
}

/// [`find_by`] with exact bytes.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    find_by(haystack, needle, |a, b| a == b)
}

/// Whether `haystack` holds `needle`, ignoring ASCII case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_by(haystack, needle, |a, b| a.eq_ignore_ascii_case(&b)).is_some()
}

/// `haystack` with every occurrence of `needle` (not empty) replaced by `with`; `None` when
/// there is none.
pub fn replace_all(haystack: &str, needle: &str, with: &str) -> Option<String> {
    let mut at = find(haystack, needle)?;
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    loop {
        out.push_str(rest.get(..at).unwrap_or(""));
        out.push_str(with);
        rest = rest.get(at + needle.len()..).unwrap_or("");
        match find(rest, needle) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    Some(out)
}

/// `n` in decimal, as a `String`.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// The pieces (see [`Piece`]) one after another, as a `String`:
/// `cat!(path, ": expected a string, got ", kind)`.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = ::std::string::String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}
pub(crate) use cat;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 101, 4_294_967_295, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        for n in [0i64, -1, -10, 7001, i64::MIN, i64::MAX] {
            assert_eq!(cat!(n), n.to_string());
        }
    }

    #[test]
    fn digits_read_plain_whole_numbers_only() {
        assert_eq!(digits("0"), Some(0));
        assert_eq!(digits("007"), Some(7));
        assert_eq!(digits("999999999999999999"), Some(999_999_999_999_999_999));
        for bad in [
            "",
            "-1",
            "+1",
            " 1",
            "1.5",
            "1e3",
            "١",
            "9999999999999999999",
        ] {
            assert_eq!(digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn search_and_replace_without_core_searchers() {
        assert_eq!(find("abcabc", "ca"), Some(2));
        assert_eq!(find("abc", "abcd"), None);
        assert!(contains_ignore_case("Already Exists", "already exists"));
        assert_eq!(
            replace_all("a-SECRET-b-SECRET", "SECRET", "[x]").as_deref(),
            Some("a-[x]-b-[x]")
        );
        assert_eq!(replace_all("nothing", "SECRET", "[x]"), None);
        assert_eq!(replace_all("ééé", "é", "e").as_deref(), Some("eee"));
    }

    #[test]
    fn pieces_are_appended_in_order() {
        let owned = String::from("b");
        assert_eq!(cat!("a", owned, &owned, 3u32, "-", 4usize, 5u16), "abb3-45");
    }
}

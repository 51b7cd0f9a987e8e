//! Numbers as ECMAScript's `Number.prototype.toString` writes them, which RFC 8785 requires.
//!
//! Natively only: in wasm the caller's runtime writes its own numbers (`String(n)`), so this
//! code and the float formatting it uses stay out of the package.

use std::fmt::Write;

/// `x` as JavaScript's `String(x)` writes it; `None` for NaN and the infinities, which JSON
/// cannot hold.
///
/// ```
/// use cf_mcp_servers::catalogue::ecmascript_number;
/// assert_eq!(ecmascript_number(1e21).as_deref(), Some("1e+21"));
/// assert_eq!(ecmascript_number(0.1 + 0.2).as_deref(), Some("0.30000000000000004"));
/// assert_eq!(ecmascript_number(-0.0).as_deref(), Some("0"));
/// ```
pub fn ecmascript_number(x: f64) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    if x == 0.0 {
        return Some("0".into());
    }
    // Rust's `{:e}` gives the shortest digits that read back as `x` (as ECMAScript asks),
    // as `d.ddde-7`; ECMAScript then lays them out by the exponent.
    let mut sci = String::new();
    write!(sci, "{:e}", x.abs()).ok()?;
    let (mantissa, exponent) = sci.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().ok()?;
    let k = i32::try_from(digits.len()).ok()?;
    // ECMAScript's n: x = 0.d1d2… × 10^n.
    let n = exponent + 1;
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', usize::try_from(n - k).ok()?));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at_checked(usize::try_from(n).ok()?)?;
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-n).ok()?));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at_checked(1)?;
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n - 1 < 0 { '-' } else { '+' });
        write!(out, "{}", (n - 1).abs()).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::ecmascript_number as js;

    #[test]
    // RFC 8785's own example has more digits than an f64 holds, on purpose.
    #[allow(clippy::excessive_precision)]
    fn numbers_read_as_javascript_writes_them() {
        // Each right-hand side is what Node's String(x) prints for the left-hand side.
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.1 + 0.2, "0.30000000000000004"),
            (9007199254740993.0, "9007199254740992"),
            (2f64.powi(60), "1152921504606847000"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-1e-7, "-1e-7"),
            (333333333.33333329, "333333333.3333333"),
        ];
        for (x, want) in cases {
            assert_eq!(js(*x).as_deref(), Some(*want), "{x:e}");
        }
        assert_eq!(js(f64::NAN), None);
        assert_eq!(js(f64::INFINITY), None);
    }
}

//! What JavaScript writes for a parsed JSON value (`JSON.stringify`, `Number.prototype.toString`)
//! and its string order: the server side of the signature needs both, because the Node SDK
//! renders the parameters it signs with them.

use serde_json::Value;

/// `JSON.stringify(value)` of the value `JSON.parse` gives for `value`: compact, object members
/// in their order (serde_json's `preserve_order`), numbers as JavaScript writes doubles.
pub(crate) fn stringify(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                stringify(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(key, out);
                out.push(':');
                stringify(item, out);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal as `JSON.stringify` writes it: `"` and `\` escaped, the control
/// characters as `\b \f \n \r \t` or `\u00xx` (lowercase hex), everything else as itself.
pub(crate) fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `Number.prototype.toString()` of a double (ECMA-262 `Number::toString`, radix 10): the
/// shortest digits that round-trip, placed by the decimal exponent, with an exponent only from
/// 1e21 up and below 1e-6. `-0` is `0`; JSON holds no NaN or infinity (written `null`, as
/// `JSON.stringify` does).
pub(crate) fn number(f: f64) -> String {
    if !f.is_finite() {
        return "null".to_owned();
    }
    if f == 0.0 {
        return "0".to_owned();
    }
    // Rust's `{:e}` writes the shortest round-trip digits: `d[.ddd]e<exp>`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    let k = digits.len() as i64;
    // The value is 0.<digits> × 10^n.
    let n = exp + 1;
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let e = n - 1;
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if e >= 0 { '+' } else { '-' });
        out.push_str(&e.abs().to_string());
    }
    out
}

/// JavaScript's default string order (`Array.prototype.sort`): by UTF-16 code units.
pub(crate) fn order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_as_javascript_writes_them() {
        // Each pair checked against `String(x)` in Node.
        let cases: &[(f64, &str)] = &[
            (1.0, "1"),
            (-1.0, "-1"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (100.0, "100"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e-6, "0.000001"),
            (1.25e-6, "0.00000125"),
            (1e-7, "1e-7"),
            (-2.5e-7, "-2.5e-7"),
            (9007199254740993.0, "9007199254740992"),
            (1152921504606846976.0, "1152921504606847000"),
            (0.30000000000000004, "0.30000000000000004"),
        ];
        for &(f, js) in cases {
            assert_eq!(number(f), js, "{f:?}");
        }
    }

    #[test]
    fn stringify_keeps_member_order_and_escapes_like_javascript() {
        let value: Value =
            serde_json::from_str(r#"{"b":1.0,"a":[true,null,"x\"\\\n\u0001/é"],"c":{"z":1e2}}"#)
                .unwrap();
        let mut out = String::new();
        stringify(&value, &mut out);
        assert_eq!(
            out,
            "{\"b\":1,\"a\":[true,null,\"x\\\"\\\\\\n\\u0001/é\"],\"c\":{\"z\":100}}"
        );
        let mut big = String::new();
        stringify(&json!(12345678901234567890u64), &mut big);
        assert_eq!(big, "12345678901234567000");
    }

    #[test]
    fn order_is_by_utf16_code_units() {
        use std::cmp::Ordering;
        assert_eq!(order("a", "b"), Ordering::Less);
        assert_eq!(order("Z", "a"), Ordering::Less);
        // U+FF61 sorts after U+10000 (a surrogate pair, 0xD800…) in JavaScript.
        assert_eq!(order("\u{ff61}", "\u{10000}"), Ordering::Greater);
    }
}

//! A JSON string token decoded in one pass into a string of its own size.
//!
//! serde_json decodes a string with escapes into a scratch buffer that starts empty for every
//! line (an article's text doubles it a dozen times), then copies it out: for a JSONL corpus,
//! whose every text holds `\n`, that is most of the parsing. A line's `text` is taken as the
//! raw token instead and decoded here.

use serde_json::value::RawValue;

/// The string a JSON value stands for, if it is a string this decoder takes: `None` for any
/// other value, and for a string with a surrogate escape that is not one of a pair, which the
/// caller leaves to serde_json (for its error). serde_json checked the token's escapes and
/// quotes when it gave it.
pub(crate) fn decoded(value: &RawValue) -> Option<String> {
    let mut rest = value.get().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(rest.len());
    while let Some(at) = memchr::memchr(b'\\', rest.as_bytes()) {
        // A backslash is ASCII: the slices around it are whole characters.
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let taken = match escape.as_bytes().get(1)? {
            b'"' => push(&mut out, '"'),
            b'\\' => push(&mut out, '\\'),
            b'/' => push(&mut out, '/'),
            b'b' => push(&mut out, '\u{8}'),
            b'f' => push(&mut out, '\u{c}'),
            b'n' => push(&mut out, '\n'),
            b'r' => push(&mut out, '\r'),
            b't' => push(&mut out, '\t'),
            b'u' => {
                let (c, taken) = unicode_escape(escape)?;
                out.push(c);
                taken
            }
            _ => return None,
        };
        rest = escape.get(taken..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// Pushes `c`: an escape of two bytes.
fn push(out: &mut String, c: char) -> usize {
    out.push(c);
    2
}

/// The character of a `\uXXXX` escape at the start of `escape`, or of the pair `\uD8XX\uDCXX`
/// of a character beyond the first plane, and the bytes it takes; `None` for a surrogate that
/// is not one of a pair.
fn unicode_escape(escape: &str) -> Option<(char, usize)> {
    let unit = hex_unit(escape.get(2..6)?)?;
    match unit {
        0xD800..=0xDBFF => {
            let low = escape
                .get(6..8)
                .filter(|next| *next == "\\u")
                .and_then(|_| hex_unit(escape.get(8..12)?))
                .filter(|low| (0xDC00..=0xDFFF).contains(low))?;
            let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            Some((char::from_u32(c)?, 12))
        }
        0xDC00..=0xDFFF => None,
        _ => Some((char::from_u32(unit)?, 6)),
    }
}

/// Four hex digits.
fn hex_unit(digits: &str) -> Option<u32> {
    if digits.len() != 4 || !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string `token` decodes to; `None` for a token serde_json does not take.
    fn decoded_token(token: &str) -> Option<Option<String>> {
        serde_json::from_str::<&RawValue>(token).ok().map(decoded)
    }

    proptest::proptest! {
        #[test]
        fn decodes_as_serde_json_does(text in "\\PC{0,60}|[\"\\\\/\u{8}\u{c}\n\r\t\u{1}é’😀a ]{0,30}") {
            let token = serde_json::to_string(&text).unwrap_or_default();
            proptest::prop_assert_eq!(decoded_token(&token), Some(Some(text)));
        }

        #[test]
        fn ascii_escaped_tokens_decode_as_serde_json_does(text in "\\PC{0,40}") {
            // What `ensure_ascii` writers (Python's json) give: every character beyond ASCII
            // escaped, beyond the first plane as a surrogate pair.
            let mut token = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => token.push_str("\\\""),
                    '\\' => token.push_str("\\\\"),
                    c if c.is_ascii() && !c.is_ascii_control() => token.push(c),
                    c => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            token.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                }
            }
            token.push('"');
            let want = serde_json::from_str::<String>(&token).ok();
            proptest::prop_assert_eq!(decoded_token(&token), Some(want));
        }
    }

    #[test]
    fn lone_surrogates_and_other_values_are_left_to_serde_json() {
        for token in [
            r#""\ud800""#,
            r#""\udc00 x""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
            "5",
            "null",
            r#"["a"]"#,
        ] {
            assert_eq!(decoded_token(token), Some(None), "{token}");
            let _ = serde_json::from_str::<String>(token)
                .expect_err("serde_json refuses it as a string too");
        }
        // Not JSON at all: serde_json refuses the token before it is decoded.
        for token in [r#""\x""#, r#""\u12""#, "\"a\"b\"", "\"\u{1}\""] {
            assert_eq!(decoded_token(token), None, "{token}");
        }
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(
            decoded_token(r#""Caf\u00e9 \"talks\"\nnext\t\u00A0\/\\ \ud83d\ude00""#),
            Some(Some("Café \"talks\"\nnext\t\u{a0}/\\ 😀".to_string()))
        );
        assert_eq!(decoded_token(r#""""#), Some(Some(String::new())));
    }
}

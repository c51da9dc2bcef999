//! Bytes → text: refuses binary and empty input, decodes invalid UTF-8 lossily and maps each
//! replacement character back to the bytes it replaced.

use super::SourceMap;

/// How far into a file a NUL byte marks it as binary.
const BINARY_SNIFF: usize = 8 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    Empty,
}

/// Text decoded from a source, with its map and what was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub map: SourceMap,
    /// Byte offset of the first invalid UTF-8 sequence, if any was replaced.
    pub first_invalid: Option<usize>,
}

/// Decodes `bytes`; `sniff_binary` refuses a file with a NUL byte near its start (not for
/// JSONL, where one bad line must not sink the good ones). Valid UTF-8 becomes the text
/// without a copy: a shard of a megabyte is not held twice.
pub fn decode(bytes: Vec<u8>, sniff_binary: bool) -> Result<Decoded, DecodeError> {
    decode_at(bytes, sniff_binary, 0)
}

/// Like [`decode`], for bytes that start `base` bytes into their source: the map and the
/// repaired offsets count from the source's start, and only a source's first bytes can be a
/// byte order mark.
pub fn decode_at(
    mut bytes: Vec<u8>,
    sniff_binary: bool,
    base: usize,
) -> Result<Decoded, DecodeError> {
    if sniff_binary && bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    let bom = if base == 0 && bytes.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    bytes.drain(..bom);
    let offset = base + bom;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    match String::from_utf8(bytes) {
        // Non-ASCII blanks (no-break spaces, ideographic spaces) are no article either.
        Ok(text) if text.trim().is_empty() => Err(DecodeError::Empty),
        Ok(text) => Ok(Decoded {
            map: SourceMap::shifted(text.len(), offset),
            text,
            first_invalid: None,
        }),
        Err(invalid) => Ok(repaired(invalid.as_bytes(), offset)),
    }
}

/// `body` (which starts at `offset` in its source) with each invalid sequence replaced by
/// U+FFFD, mapped back to the bytes it replaced.
fn repaired(body: &[u8], offset: usize) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut map = SourceMap::default();
    let mut first_invalid = None;
    let mut source = offset;
    for chunk in body.utf8_chunks() {
        let valid = chunk.valid();
        map.push_exact(text.len(), source, valid.len());
        text.push_str(valid);
        source += valid.len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            first_invalid.get_or_insert(source);
            map.push_replaced(text.len(), '\u{FFFD}'.len_utf8(), source, invalid.len());
            text.push('\u{FFFD}');
            source += invalid.len();
        }
    }
    Decoded {
        text,
        map,
        first_invalid,
    }
}

impl Decoded {
    /// Source offset of the first repaired byte sequence within the text stretch
    /// `start..end` (one JSONL line), if any.
    pub fn first_invalid_between(&self, start: usize, end: usize) -> Option<usize> {
        self.first_invalid?;
        let segments = self.map.segments();
        let first =
            segments.partition_point(|segment| segment.text_start + segment.text_len <= start);
        segments
            .iter()
            .skip(first)
            .take_while(|segment| segment.text_start < end)
            .find(|segment| !segment.exact)
            .map(|segment| segment.source_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(decode(b"abc\0def".to_vec(), true), Err(DecodeError::Binary));
    }

    #[test]
    fn nul_bytes_are_left_to_the_line_parser_when_not_sniffing() {
        assert!(decode(b"{}\n\0\n".to_vec(), false).is_ok());
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \n\t ".to_vec(), true), Err(DecodeError::Empty));
        assert_eq!(decode(b"".to_vec(), true), Err(DecodeError::Empty));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_mapped_to_the_bad_bytes() {
        let bytes = b"ab\xFF\xFEcd";
        let decoded = decode(bytes.to_vec(), true).expect("decodes");
        assert_eq!(decoded.text, "ab\u{FFFD}\u{FFFD}cd");
        assert_eq!(decoded.first_invalid, Some(2));
        let cd = decoded.text.find("cd").expect("cd");
        assert_eq!(decoded.map.to_source(cd, cd + 2), (4, 6));
    }

    #[test]
    fn no_break_spaces_only_is_empty() {
        assert_eq!(
            decode("\u{a0}\n\u{3000}".as_bytes().to_vec(), true),
            Err(DecodeError::Empty)
        );
    }

    #[test]
    fn a_nul_byte_after_the_first_8_kib_is_text() {
        let mut bytes = vec![b'a'; BINARY_SNIFF];
        bytes.push(0);
        assert!(decode(bytes, true).is_ok());
    }

    #[test]
    fn the_repaired_bytes_of_one_stretch_are_found() {
        let decoded = decode(b"good\nb\xFFd\n".to_vec(), true).expect("decodes");
        assert_eq!(decoded.first_invalid_between(0, 4), None);
        assert_eq!(
            decoded.first_invalid_between(5, decoded.text.len()),
            Some(6)
        );
    }

    #[test]
    fn bom_is_skipped_and_offsets_shift() {
        let decoded = decode(b"\xEF\xBB\xBFhello".to_vec(), true).expect("decodes");
        assert_eq!(decoded.text, "hello");
        assert_eq!(decoded.map.to_source(0, 5), (3, 8));
    }
}

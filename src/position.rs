//! Byte offsets as people count them: 1-based lines, 1-based columns in characters, and the
//! characters before an offset. A report or a claim listing asks this of thousands of offsets
//! in one text; counted from the start each time, a big file with many labels would cost its
//! size once per label. A [`Cursor`] walks forward through the text instead, once in all.

/// Where a byte offset is in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based; only `\n` ends a line.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Characters before the offset in the whole text.
    pub chars_before: usize,
}

impl Position {
    const START: Position = Position {
        line: 1,
        column: 1,
        chars_before: 0,
    };
}

/// The position of `offset` (clamped to the text), counted from the start. Characters are
/// counted as [`String::from_utf8_lossy`] decodes the bytes before the offset.
pub fn position_of(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |index| index + 1);
    Position {
        line: before.iter().filter(|&&byte| byte == b'\n').count() + 1,
        column: lossy_chars(&before[line_start..]) + 1,
        chars_before: lossy_chars(before),
    }
}

fn lossy_chars(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).chars().count()
}

/// The 1-based line and column of `offset`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let position = position_of(bytes, offset);
    (position.line, position.column)
}

/// Positions in one text, asked in increasing order of offset: each costs the bytes since the
/// last. Any other offset is still answered exactly, counted from the start.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    /// In valid UTF-8 a character is a byte that does not continue one, so characters can be
    /// counted from any character boundary on; other text is decoded from the start.
    valid_utf8: bool,
    offset: usize,
    at: Position,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor {
            bytes,
            valid_utf8: std::str::from_utf8(bytes).is_ok(),
            offset: 0,
            at: Position::START,
        }
    }

    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The position of `offset` (clamped to the text).
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        if !self.valid_utf8 || offset < self.offset || !self.is_char_boundary(offset) {
            return position_of(self.bytes, offset);
        }
        for &byte in &self.bytes[self.offset..offset] {
            if continues_char(byte) {
                continue;
            }
            self.at.chars_before += 1;
            if byte == b'\n' {
                self.at.line += 1;
                self.at.column = 1;
            } else {
                self.at.column += 1;
            }
        }
        self.offset = offset;
        self.at
    }

    fn is_char_boundary(&self, offset: usize) -> bool {
        self.bytes
            .get(offset)
            .is_none_or(|&byte| !continues_char(byte))
    }
}

/// A UTF-8 continuation byte: `10xxxxxx`.
fn continues_char(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn column_counts_characters_after_the_last_newline() {
        let text = "ab\n‘cd’ ef";
        let offset = text.find("ef").unwrap_or(0);
        assert_eq!(line_column(text.as_bytes(), offset), (2, 6));
        assert_eq!(position_of(text.as_bytes(), offset).chars_before, 8);
    }

    #[test]
    fn a_cursor_answers_as_counting_from_the_start_does() {
        let text = "Kim, ‘the\r\nthird’ summit\n\nin 2019 — é\n";
        let bytes = text.as_bytes();
        let mut cursor = Cursor::new(bytes);
        for offset in (0..=bytes.len() + 3).chain([4, 0, 17]) {
            assert_eq!(
                cursor.position(offset),
                position_of(bytes, offset),
                "{offset}"
            );
        }
    }

    proptest! {
        #[test]
        fn a_cursor_agrees_with_counting_from_the_start(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(b"a".to_vec()),
                    Just(b"\n".to_vec()),
                    Just(b"\r".to_vec()),
                    Just("é".as_bytes().to_vec()),
                    Just("’".as_bytes().to_vec()),
                    Just("𝄞".as_bytes().to_vec()),
                    Just(vec![0xFF]),
                    Just(vec![0xE2, 0x80]),
                    Just(vec![0x80]),
                ],
                0..40,
            ),
            offsets in proptest::collection::vec(0usize..200, 0..30),
            sorted in any::<bool>(),
        ) {
            let bytes: Vec<u8> = pieces.concat();
            let mut offsets = offsets;
            if sorted {
                offsets.sort_unstable();
            }
            let mut cursor = Cursor::new(&bytes);
            for offset in offsets {
                prop_assert_eq!(cursor.position(offset), position_of(&bytes, offset));
            }
        }
    }
}

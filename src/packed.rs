//! The codec of the packed stores that hold a big corpus's per-article data (article events,
//! article records): varints, spans as start and length, and distinct values interned. A
//! corpus of news holds hundreds of thousands of small records whose fields are mostly small
//! numbers, which a varint keeps in a byte or two.

use rustc_hash::FxHashMap;

use crate::extract::Span;

/// Distinct values, each stored once and named by its index.
#[derive(Debug, Clone)]
pub struct Interned<T> {
    pub values: Vec<T>,
    ids: FxHashMap<T, usize>,
}

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Interned {
            values: Vec::new(),
            ids: FxHashMap::default(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interned<T> {
    /// The index of `value`, stored if new.
    pub fn id(&mut self, value: &T) -> usize {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len();
        self.values.push(value.clone());
        self.ids.insert(value.clone(), id);
        id
    }
}

/// LEB128: seven bits a byte, low bits first.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A span as its start and its length; any pair of offsets round-trips, even a reversed one.
pub fn put_span(out: &mut Vec<u8>, span: Span) {
    put_varint(out, span.start as u64);
    put_varint(out, span.end.wrapping_sub(span.start) as u64);
}

/// Reads what a store wrote with these functions. The bytes are the store's own, never
/// input: a store reads only where it wrote.
#[derive(Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn at(bytes: &'a [u8], start: u64) -> Self {
        Reader {
            bytes,
            at: start as usize,
        }
    }

    pub fn byte(&mut self) -> u8 {
        let byte = self.bytes[self.at];
        self.at += 1;
        byte
    }

    pub fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    /// Bytes written with their length before them.
    pub fn bytes(&mut self) -> &'a [u8] {
        let len = self.varint() as usize;
        let bytes = &self.bytes[self.at..self.at + len];
        self.at += len;
        bytes
    }

    pub fn signed(&mut self) -> i64 {
        let value = self.varint();
        ((value >> 1) as i64) ^ -((value & 1) as i64)
    }

    /// Where the next read starts.
    pub fn position(&self) -> usize {
        self.at
    }

    pub fn span(&mut self) -> Span {
        let start = self.varint() as usize;
        let len = self.varint() as usize;
        Span::new(start, start.wrapping_add(len))
    }
}

/// Zigzag: small magnitudes of either sign in small varints.
pub fn put_signed(out: &mut Vec<u8>, value: i64) {
    put_varint(out, ((value << 1) ^ (value >> 63)) as u64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn numbers_and_spans_read_back_as_written(
            values in proptest::collection::vec(any::<u64>(), 0..20),
            signed in proptest::collection::vec(any::<i64>(), 0..20),
            spans in proptest::collection::vec((any::<usize>(), any::<usize>()), 0..20),
        ) {
            let mut out = Vec::new();
            values.iter().for_each(|&value| put_varint(&mut out, value));
            signed.iter().for_each(|&value| put_signed(&mut out, value));
            spans.iter().for_each(|&(start, end)| put_span(&mut out, Span::new(start, end)));
            let mut reader = Reader::at(&out, 0);
            for &value in &values {
                prop_assert_eq!(reader.varint(), value);
            }
            for &value in &signed {
                prop_assert_eq!(reader.signed(), value);
            }
            for &(start, end) in &spans {
                prop_assert_eq!(reader.span(), Span::new(start, end));
            }
            prop_assert_eq!(reader.position(), out.len());
        }
    }

    #[test]
    fn a_small_number_takes_a_byte() {
        let mut out = Vec::new();
        put_varint(&mut out, 127);
        put_signed(&mut out, -64);
        assert_eq!(out.len(), 2);
        put_varint(&mut out, 128);
        assert_eq!(out.len(), 4);
    }
}

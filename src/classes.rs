//! A block of up to 64 bytes classed into bit masks, one bit a byte (byte `k` to bit `k`),
//! for the scanners that look for words, names and the bytes they start with: sixteen bytes
//! an instruction with SSE2 on x86-64, eight at a time in a `u64` elsewhere.

use crate::swar::{ascii_range_bits, byte_bits, HIGH_BITS, LOW_BITS};

/// Bytes a block holds: one bit each in a `u64`.
pub(crate) const BLOCK: usize = 64;

/// A block's bytes by class. Bytes past the end of a short block are in none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// `a` to `z`.
    pub lower: u64,
    /// `A` to `Z`.
    pub upper: u64,
    /// `0` to `9`.
    pub digits: u64,
    pub hyphens: u64,
    /// Bytes from 0x80 up: the bytes of characters outside ASCII.
    pub non_ascii: u64,
}

impl Classes {
    /// The classes of `block`, whose bytes past [`BLOCK`] are left out.
    #[inline]
    pub(crate) fn of(block: &[u8]) -> Self {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            Self::by_sixteens(block)
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        {
            Self::by_eights(block)
        }
    }

    /// ASCII letters and digits.
    #[inline]
    pub(crate) fn alphanumeric(&self) -> u64 {
        self.lower | self.upper | self.digits
    }

    /// Inlined into each scanner, which keeps only the classes it reads. SSE2 is part of the
    /// x86-64 baseline: the compiler assumes it for every function (`target_feature = "sse2"`
    /// holds unless a build turns it off, which falls back to [`Classes::by_eights`]).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[inline(always)]
    fn by_sixteens(block: &[u8]) -> Self {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
            _mm_set1_epi8, _mm_set_epi64x,
        };
        // SAFETY (every `unsafe` here): the intrinsics need SSE2, which this function is
        // compiled only with (see its `cfg`).
        let mut padded = [0u8; BLOCK];
        let block = padded_block(block, &mut padded);
        let splat = |byte: u8| unsafe { _mm_set1_epi8(byte as i8) };
        // One signed comparison a range: shifted by `0x80 - low`, the range's bytes are the
        // lowest (from -128), and every other byte is above them.
        let within = |bytes: __m128i, low: u8, high: u8| unsafe {
            let shifted = _mm_add_epi8(bytes, splat(0x80u8.wrapping_sub(low)));
            _mm_cmplt_epi8(shifted, splat(0x80u8.wrapping_add(high - low + 1)))
        };
        let bits = |lanes: __m128i| u64::from(unsafe { _mm_movemask_epi8(lanes) } as u16);
        let mut classes = Classes::default();
        for (index, sixteen) in block.chunks_exact(16).enumerate() {
            let half = |from: usize| {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(&sixteen[from..from + 8]);
                i64::from_le_bytes(eight)
            };
            let bytes = unsafe { _mm_set_epi64x(half(8), half(0)) };
            let shift = 16 * index;
            classes.lower |= bits(within(bytes, b'a', b'z')) << shift;
            classes.upper |= bits(within(bytes, b'A', b'Z')) << shift;
            classes.digits |= bits(within(bytes, b'0', b'9')) << shift;
            classes.hyphens |= bits(unsafe { _mm_cmpeq_epi8(bytes, splat(b'-')) }) << shift;
            // A byte from 0x80 up has its high bit set: what `movemask` gathers.
            classes.non_ascii |= bits(bytes) << shift;
        }
        classes
    }

    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
    fn by_eights(block: &[u8]) -> Self {
        let mut classes = Classes::default();
        for (index, chunk) in block.chunks(8).take(BLOCK / 8).enumerate() {
            let x = match <[u8; 8]>::try_from(chunk) {
                Ok(eight) => u64::from_le_bytes(eight),
                Err(_) => {
                    // A short last chunk is padded with NUL, which is in no class.
                    let mut buf = [0u8; 8];
                    buf[..chunk.len()].copy_from_slice(chunk);
                    u64::from_le_bytes(buf)
                }
            };
            let shift = 8 * index;
            classes.lower |= gather(ascii_range_bits(x, b'a', b'z')) << shift;
            classes.upper |= gather(ascii_range_bits(x, b'A', b'Z')) << shift;
            classes.digits |= gather(ascii_range_bits(x, b'0', b'9')) << shift;
            classes.hyphens |= gather(byte_bits(x, b'-')) << shift;
            classes.non_ascii |= gather(x & HIGH_BITS) << shift;
        }
        classes
    }
}

/// The first thing `found_at` finds at the places `candidates` marks in each block of
/// `bytes` from `at` on, tried in order: `candidates(start, classes)` gives the places of the
/// block beginning at `start` (bit `k` for `start + k`) from its classes.
#[inline]
pub(crate) fn first_found<T>(
    bytes: &[u8],
    mut at: usize,
    candidates: impl Fn(usize, &Classes) -> u64,
    mut found_at: impl FnMut(usize) -> Option<T>,
) -> Option<T> {
    while at < bytes.len() {
        let block = &bytes[at..bytes.len().min(at + BLOCK)];
        let mut places = candidates(at, &Classes::of(block));
        while places != 0 {
            if let Some(found) = found_at(at + places.trailing_zeros() as usize) {
                return Some(found);
            }
            places &= places - 1;
        }
        at += block.len();
    }
    None
}

/// `block` as a whole block: itself when it is one, else copied into `padded`, whose NULs
/// (in no class) fill it up.
#[inline]
fn padded_block<'a>(block: &'a [u8], padded: &'a mut [u8; BLOCK]) -> &'a [u8; BLOCK] {
    match <&[u8; BLOCK]>::try_from(block) {
        Ok(full) => full,
        Err(_) => {
            let len = block.len().min(BLOCK);
            padded[..len].copy_from_slice(&block[..len]);
            padded
        }
    }
}

/// The bits of the first `len` bytes of a block.
#[inline]
pub(crate) fn valid_bits(len: usize) -> u64 {
    if len >= BLOCK {
        u64::MAX
    } else {
        (1u64 << len) - 1
    }
}

/// The high bit of each byte of `x`, gathered into the low eight bits, byte `k` to bit `k`.
#[inline]
fn gather(x: u64) -> u64 {
    (((x >> 7) & LOW_BITS).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gather_takes_byte_k_to_bit_k() {
        for k in 0..8 {
            assert_eq!(gather(0x80 << (8 * k)), 1 << k);
        }
        assert_eq!(gather(HIGH_BITS), 0xFF);
    }

    /// Each class as its definition says, one byte at a time.
    fn by_bytes(block: &[u8]) -> Classes {
        let mut classes = Classes::default();
        for (k, &byte) in block.iter().take(BLOCK).enumerate() {
            let bit = 1u64 << k;
            let set = |class: &mut u64, yes: bool| *class |= if yes { bit } else { 0 };
            set(&mut classes.lower, byte.is_ascii_lowercase());
            set(&mut classes.upper, byte.is_ascii_uppercase());
            set(&mut classes.digits, byte.is_ascii_digit());
            set(&mut classes.hyphens, byte == b'-');
            set(&mut classes.non_ascii, !byte.is_ascii());
        }
        classes
    }

    /// Every byte value in lanes all through a block, beside bytes that could leak into it,
    /// and blocks of every length that matters.
    #[test]
    fn blocks_are_classed_as_their_bytes_are() {
        for value in 0..=255u8 {
            for filler in [
                0x00, b' ', b'-', b'a', b'Z', b'9', b'@', b'[', 0x7F, 0x80, 0xFF,
            ] {
                let mut block = [filler; BLOCK + 1];
                for lane in (0..BLOCK).step_by(7) {
                    block[lane] = value;
                }
                for len in [0, 1, 7, 8, 9, 15, 16, 17, 40, 63, BLOCK, BLOCK + 1] {
                    let block = &block[..len];
                    let want = by_bytes(block);
                    assert_eq!(Classes::of(block), want, "{block:?}");
                    assert_eq!(Classes::by_eights(block), want, "{block:?}");
                    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
                    assert_eq!(Classes::by_sixteens(block), want, "{block:?}");
                }
            }
        }
    }
}

//! Eight bytes at a time: the byte classes the text scanners skip over, found in one `u64`
//! without carries between bytes. Each function sets the high bit of every byte of the class.

pub(crate) const LOW_BITS: u64 = u64::from_le_bytes([0x01; 8]);
pub(crate) const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// Eight bytes at `at`, little-endian, when that many are left.
#[inline]
pub(crate) fn load8(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at.checked_add(8)?)?;
    let mut buf = [0u8; 8];
    buf.copy_from_slice(chunk);
    Some(u64::from_le_bytes(buf))
}

/// Bytes of `x` in `low..=high` (both ASCII).
#[inline]
pub(crate) fn ascii_range_bits(x: u64, low: u8, high: u8) -> u64 {
    let low7 = x & !HIGH_BITS;
    let at_least_low = low7.wrapping_add(LOW_BITS * u64::from(0x80 - low));
    let above_high = low7.wrapping_add(LOW_BITS * u64::from(0x7F - high));
    // Bytes from 0x80 up are in no ASCII range.
    at_least_low & !above_high & !x & HIGH_BITS
}

/// ASCII letters.
#[inline]
pub(crate) fn ascii_letter_bits(x: u64) -> u64 {
    // With 0x20 set, a letter lies in 0x61..=0x7A.
    ascii_range_bits(x | (LOW_BITS * 0x20), b'a', b'z')
}

/// Bytes equal to `byte`.
#[inline]
pub(crate) fn byte_bits(x: u64, byte: u8) -> u64 {
    let y = x ^ (LOW_BITS * u64::from(byte));
    // A byte of `y` is zero exactly when adding 0x7F to its low seven bits carries into
    // nothing and its own high bit is clear.
    !((y & !HIGH_BITS).wrapping_add(!HIGH_BITS) | y) & HIGH_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_of(class: impl Fn(u64) -> u64, bytes: [u8; 8]) -> [bool; 8] {
        let found = class(u64::from_le_bytes(bytes));
        std::array::from_fn(|k| found & (0x80 << (8 * k)) != 0)
    }

    #[test]
    fn every_byte_is_classed_as_its_ascii_class_says() {
        // Each byte value in each lane, beside neighbours that could carry into it.
        for value in 0..=255u8 {
            for lane in 0..8 {
                for filler in [0x00, 0x7F, 0x80, 0xFF, b'-', b'a'] {
                    let mut bytes = [filler; 8];
                    bytes[lane] = value;
                    let want = |class: fn(u8) -> bool| std::array::from_fn(|k| class(bytes[k]));
                    assert_eq!(
                        bits_of(ascii_letter_bits, bytes),
                        want(|b| b.is_ascii_alphabetic())
                    );
                    assert_eq!(
                        bits_of(|x| ascii_range_bits(x, b'0', b'9'), bytes),
                        want(|b| b.is_ascii_digit())
                    );
                    assert_eq!(bits_of(|x| byte_bits(x, b'-'), bytes), want(|b| b == b'-'));
                    assert_eq!(bits_of(|x| byte_bits(x, 0xE2), bytes), want(|b| b == 0xE2));
                }
            }
        }
    }
}

//! Byte tests on eight bytes at a time ("SIMD within a register"), for the
//! scans that look for a few bytes in mostly clean text (attribute values,
//! JSON strings). Each test is exact about whether any byte matches: a
//! borrow only starts at a byte that does.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The little-endian word of an eight-byte chunk.
#[inline(always)]
pub(crate) fn word(chunk: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// Nonzero when a byte of `x` is below `n` (`n` at most 0x80): masks of
/// several tests are or-ed and compared once.
#[inline(always)]
pub(crate) fn below_mask(x: u64, n: u8) -> u64 {
    x.wrapping_sub(LO * u64::from(n)) & !x & HI
}

/// Nonzero when a byte of `x` is `b` (a byte equal to `b` is zero after xor).
#[inline(always)]
pub(crate) fn byte_mask(x: u64, b: u8) -> u64 {
    below_mask(x ^ (LO * u64::from(b)), 1)
}

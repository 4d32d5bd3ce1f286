//! A fast, stable hash for values of tables: the same on every run and
//! every machine, so profiles are deterministic and keys comparable.

/// A fast 64-bit hash with good avalanche, stable across runs and
/// machines (the profile must be deterministic).
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    seeded(bytes, 0)
}

/// [`hash`] with another starting point: two seeds give two independent
/// 64-bit hashes of the same bytes.
#[inline]
pub fn seeded(bytes: &[u8], seed: u64) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    let mut h = (bytes.len() as u64) ^ K0 ^ seed.wrapping_mul(K1);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = fold_multiply(h ^ read_u64(chunk), K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Read the tail without copying it to a buffer first: the copy
        // stalls the load that follows. Longer values re-read their last
        // eight bytes; the length, mixed in above, keeps values apart.
        let tail = if bytes.len() >= 8 {
            read_u64(&bytes[bytes.len() - 8..])
        } else if rest.len() >= 4 {
            (u64::from(read_u32(rest)) << 32) | u64::from(read_u32(&rest[rest.len() - 4..]))
        } else {
            (u64::from(rest[0]) << 16)
                | (u64::from(rest[rest.len() / 2]) << 8)
                | u64::from(rest[rest.len() - 1])
        };
        h = fold_multiply(h ^ tail, K1);
    }
    fold_multiply(h, K0)
}

#[inline]
pub(crate) fn read_u64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"))
}

#[inline]
pub(crate) fn read_u32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"))
}

fn fold_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

/// A 128-bit hash, for sets of keys where a collision would report a
/// duplicate that is not one (2^-64 per pair is not rare enough there).
pub fn wide(bytes: &[u8]) -> u128 {
    (u128::from(seeded(bytes, 0)) << 64) | u128::from(seeded(bytes, 0x9e37_79b9_7f4a_7c15))
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

//! Keccak-256 (original padding `0x01`) as a sponge over the Keccak-f\[1600\]
//! permutation of the `keccak` crate; the streaming paths also finish with
//! SHA3-256's padding (`0x06`), for near-miss diagnostics only.
//!
//! Three paths:
//! - [`Keccak256`], a streaming hasher XORing input straight into the state
//!   (item hashes, [`crate::keccak256`]); the item prefix is a constant
//!   pre-absorbed state;
//! - [`hash_prefixed_pair`], the `bytes` node: a constant state holding the
//!   prefix and the padding, the two children XORed into its lanes;
//! - [`hash_padded`], the hex nodes: the caller fills a copy of a
//!   compile-time template holding the prefix, the `0x` markers and the
//!   padding, absorbed in whole blocks.
//!
//! The prefixes are 17 bytes, shorter than one 136-byte rate block, so a
//! pre-absorbed prefix cannot save a permutation; it saves the copying and
//! bookkeeping around it, which is what separates a node hash from the bare
//! permutation.

use crate::Hash32;

/// Rate of Keccak-256 in bytes: (1600 − 2·256) / 8.
pub(crate) const RATE: usize = 136;

/// The first padding byte of Keccak-256 (the original Keccak submission, as
/// Ethereum and the service use it).
pub(crate) const KECCAK_PAD: u8 = 0x01;
/// The first padding byte of SHA3-256 (FIPS 202: domain bits `01`, then the
/// `1` of pad10*1). Same permutation and rate; only this byte differs.
pub(crate) const SHA3_PAD: u8 = 0x06;

/// The Keccak state: 25 lanes of 64 bits.
pub(crate) type State = [u64; 25];

#[inline]
fn permute(state: &mut State) {
    keccak::Keccak::new().with_f1600(|f1600| f1600(state));
}

/// XORs one full rate block into the state (little-endian lanes).
#[inline]
pub(crate) fn xor_block(state: &mut State, block: &[u8; RATE]) {
    for (lane, word) in state.iter_mut().zip(block.as_chunks::<8>().0) {
        *lane ^= u64::from_le_bytes(*word);
    }
}

/// XORs one full rate block into the state, then permutes.
#[inline]
fn absorb_block(state: &mut State, block: &[u8; RATE]) {
    xor_block(state, block);
    permute(state);
}

/// The first 32 bytes of the state: the Keccak-256 digest.
#[inline]
pub(crate) fn squeeze(state: &State) -> Hash32 {
    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(state) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    Hash32(out)
}

/// Keccak-256 of a message already laid out with its padding in whole rate
/// blocks (`buf.len()` a multiple of [`RATE`]; a trailing partial block is
/// ignored, so callers size the buffer exactly).
#[inline]
pub(crate) fn hash_padded(buf: &[u8]) -> Hash32 {
    let mut state = [0u64; 25];
    for block in buf.chunks_exact(RATE) {
        if let Ok(block) = <&[u8; RATE]>::try_from(block) {
            absorb_block(&mut state, block);
        }
    }
    squeeze(&state)
}

/// Writes the Keccak padding for a message of `len` bytes into a buffer of
/// whole rate blocks (`0x01` after the message, `0x80` in the last byte).
/// Used at compile time to build the node templates (an index out of range
/// is a build error there, never a run-time panic).
#[allow(clippy::indexing_slicing)]
pub(crate) const fn pad_template<const N: usize>(mut buf: [u8; N], len: usize) -> [u8; N] {
    buf[len] ^= 0x01;
    buf[N - 1] ^= 0x80;
    buf
}

/// Streaming Keccak-256: input is XORed straight into the state lanes (no
/// block buffer), eight bytes at a time once lane-aligned.
#[derive(Clone)]
pub(crate) struct Keccak256 {
    state: State,
    /// Bytes absorbed into the current block, below [`RATE`].
    filled: usize,
}

impl Default for Keccak256 {
    fn default() -> Self {
        Self::new()
    }
}

/// XORs byte `b` at byte position `pos` of the rate.
#[inline]
fn xor_byte(state: &mut State, pos: usize, b: u8) {
    if let Some(lane) = state.get_mut(pos / 8) {
        *lane ^= u64::from(b) << (8 * (pos % 8));
    }
}

impl Keccak256 {
    /// Nothing absorbed.
    pub(crate) const fn new() -> Self {
        Keccak256 {
            state: [0; 25],
            filled: 0,
        }
    }

    /// Absorbs `bytes` at compile time into a fresh state; only for
    /// constants shorter than a block (the item prefix), longer input is cut
    /// off. Evaluated in a constant only.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn prefill(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() && self.filled < RATE - 1 {
            self.state[self.filled / 8] ^= (bytes[i] as u64) << (8 * (self.filled % 8));
            self.filled += 1;
            i += 1;
        }
    }

    /// Absorbs `data`.
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        // Up to the next lane boundary byte by byte (RATE is a multiple of 8).
        while !self.filled.is_multiple_of(8) {
            let Some((&b, rest)) = data.split_first() else {
                return;
            };
            xor_byte(&mut self.state, self.filled, b);
            self.filled += 1;
            data = rest;
        }
        if self.filled == RATE {
            permute(&mut self.state);
            self.filled = 0;
        }
        let mut lanes = data.chunks_exact(8);
        for chunk in &mut lanes {
            let word = <[u8; 8]>::try_from(chunk).unwrap_or_default();
            if let Some(lane) = self.state.get_mut(self.filled / 8) {
                *lane ^= u64::from_le_bytes(word);
            }
            self.filled += 8;
            if self.filled == RATE {
                permute(&mut self.state);
                self.filled = 0;
            }
        }
        // Fewer than 8 bytes from a lane boundary: the block cannot fill.
        for &b in lanes.remainder() {
            xor_byte(&mut self.state, self.filled, b);
            self.filled += 1;
        }
    }

    /// Pads, permutes and returns the digest.
    pub(crate) fn finalize(self) -> Hash32 {
        self.finalize_padded(KECCAK_PAD)
    }

    /// Pads with first byte `pad` ([`KECCAK_PAD`] or [`SHA3_PAD`]), permutes
    /// and returns the digest.
    pub(crate) fn finalize_padded(mut self, pad: u8) -> Hash32 {
        xor_byte(&mut self.state, self.filled, pad);
        xor_byte(&mut self.state, RATE - 1, 0x80);
        permute(&mut self.state);
        squeeze(&self.state)
    }
}

/// Streaming Keccak-256 for many small writes (canonical JSON written
/// token by token): bytes are copied into a one-block buffer, absorbed lane
/// by lane when it is full, so a write costs a copy whatever its alignment.
#[derive(Clone)]
pub(crate) struct BufferedKeccak256 {
    state: State,
    block: [u8; RATE],
    /// Bytes in `block`, below [`RATE`].
    filled: usize,
}

impl Default for BufferedKeccak256 {
    fn default() -> Self {
        Self::new()
    }
}

impl BufferedKeccak256 {
    /// Nothing absorbed.
    pub(crate) const fn new() -> Self {
        BufferedKeccak256 {
            state: [0; 25],
            block: [0; RATE],
            filled: 0,
        }
    }

    /// Copies `bytes` into the buffer at compile time; only for constants
    /// shorter than a block (the item prefix), longer input is cut off.
    /// Evaluated in a constant only.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn prefill(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() && self.filled < RATE - 1 {
            self.block[self.filled] = bytes[i];
            self.filled += 1;
            i += 1;
        }
    }

    /// Absorbs `data`.
    #[inline]
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        loop {
            let room = RATE - self.filled;
            if data.len() < room {
                if let Some(dst) = self.block.get_mut(self.filled..self.filled + data.len()) {
                    dst.copy_from_slice(data);
                }
                self.filled += data.len();
                return;
            }
            let (head, rest) = data.split_at(room);
            if let Some(dst) = self.block.get_mut(self.filled..) {
                dst.copy_from_slice(head);
            }
            absorb_block(&mut self.state, &self.block);
            self.filled = 0;
            data = rest;
        }
    }

    /// Pads, permutes and returns the digest.
    pub(crate) fn finalize(self) -> Hash32 {
        self.finalize_padded(KECCAK_PAD)
    }

    /// Pads with first byte `pad` ([`KECCAK_PAD`] or [`SHA3_PAD`]), permutes
    /// and returns the digest.
    pub(crate) fn finalize_padded(mut self, pad: u8) -> Hash32 {
        if let Some(tail) = self.block.get_mut(self.filled..) {
            tail.fill(0);
        }
        if let Some(first) = self.block.get_mut(self.filled) {
            *first ^= pad;
        }
        if let Some(last) = self.block.last_mut() {
            *last ^= 0x80;
        }
        absorb_block(&mut self.state, &self.block);
        squeeze(&self.state)
    }
}

/// `keccak256(prefix || left || right)` for a prefix laid out, with the
/// padding, in `init` (the state after XORing a one-block template whose
/// children bytes are zero), the children occupying bytes 17..81: each
/// 8-byte word of the children lands one byte into a lane, so lane `2 + k`
/// takes word `k` shifted up a byte and the top byte of word `k − 1`.
#[inline]
pub(crate) fn hash_prefixed_pair(init: &State, left: &[u8; 32], right: &[u8; 32]) -> Hash32 {
    let mut state = prefixed_pair_state(init, left, right);
    permute(&mut state);
    squeeze(&state)
}

/// The state [`hash_prefixed_pair`] permutes: `init` with the children
/// XORed into lanes 2 to 10.
#[inline]
pub(crate) fn prefixed_pair_state(init: &State, left: &[u8; 32], right: &[u8; 32]) -> State {
    let mut words = [0u64; 8];
    for (w, chunk) in words
        .iter_mut()
        .zip(left.chunks_exact(8).chain(right.chunks_exact(8)))
    {
        *w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
    }
    let mut state = *init;
    let mut carry = 0u64;
    for (lane, w) in state.iter_mut().skip(2).zip(words) {
        *lane ^= (w << 8) | carry;
        carry = w >> 56;
    }
    if let Some(lane) = state.get_mut(10) {
        *lane ^= carry;
    }
    state
}

/// The lanes of a one-block template (the state after absorbing it,
/// before the permutation). Evaluated in a constant only.
#[allow(clippy::indexing_slicing)]
pub(crate) const fn lanes_of(block: &[u8; RATE]) -> State {
    let mut state = [0u64; 25];
    let mut i = 0;
    while i < RATE {
        state[i / 8] |= (block[i] as u64) << (8 * (i % 8));
        i += 1;
    }
    state
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use sha3::Digest;

    fn reference(data: &[u8]) -> Hash32 {
        let mut out = [0u8; 32];
        out.copy_from_slice(&sha3::Keccak256::digest(data));
        Hash32(out)
    }

    #[test]
    fn matches_sha3_for_every_length_around_two_blocks() {
        let data: std::vec::Vec<u8> = (0..3 * RATE + 7).map(|i| (i * 31 + 7) as u8).collect();
        for len in 0..data.len() {
            let msg = &data[..len];
            let mut whole = Keccak256::new();
            whole.update(msg);
            assert_eq!(whole.finalize(), reference(msg), "len {len}");
            assert_eq!(crate::keccak256(msg), reference(msg), "keccak256, len {len}");
            // Split into uneven writes, crossing block boundaries.
            let mut pieces = Keccak256::new();
            for chunk in msg.chunks(1 + len % 53) {
                pieces.update(chunk);
                pieces.update(&[]);
            }
            assert_eq!(pieces.finalize(), reference(msg), "len {len} in pieces");
            let mut buffered = BufferedKeccak256::new();
            for chunk in msg.chunks(1 + len % 41) {
                buffered.update(chunk);
                buffered.update(&[]);
            }
            assert_eq!(buffered.finalize(), reference(msg), "len {len} buffered");
        }
    }

    #[test]
    fn sha3_padding_matches_the_sha3_crate() {
        use sha3::Sha3_256;
        let data: std::vec::Vec<u8> = (0..2 * RATE + 9).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..data.len() {
            let msg = &data[..len];
            let mut want = Hash32::ZERO;
            want.0.copy_from_slice(&Sha3_256::digest(msg));
            let mut streamed = Keccak256::new();
            streamed.update(msg);
            assert_eq!(streamed.finalize_padded(SHA3_PAD), want, "len {len}");
            let mut buffered = BufferedKeccak256::new();
            for chunk in msg.chunks(1 + len % 29) {
                buffered.update(chunk);
            }
            assert_eq!(buffered.finalize_padded(SHA3_PAD), want, "len {len} buffered");
        }
    }

    #[test]
    fn padded_template_matches_streaming() {
        for len in [0usize, 1, 81, 134, 135, 136, 145, 149, 271] {
            let msg: std::vec::Vec<u8> = (0..len).map(|i| i as u8 ^ 0x5a).collect();
            let mut buf = std::vec![0u8; (len / RATE + 1) * RATE];
            buf[..len].copy_from_slice(&msg);
            buf[len] ^= 0x01;
            let last = buf.len() - 1;
            buf[last] ^= 0x80;
            assert_eq!(hash_padded(&buf), reference(&msg), "len {len}");
        }
    }
}

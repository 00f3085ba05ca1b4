//! Keccak-256 (original padding `0x01`) as a sponge over the Keccak-f\[1600\]
//! permutation of the `keccak` crate.
//!
//! Two paths:
//! - [`Keccak256`], a streaming hasher with one rate-sized block buffer (item
//!   hashes, [`crate::keccak256`]);
//! - [`hash_padded`], for messages whose length is fixed at compile time (the
//!   node hashes): the caller fills a buffer that already holds the domain
//!   prefix and the padding bits, and whole blocks are absorbed lane by lane
//!   with no cursor bookkeeping.
//!
//! The node prefix is 17 bytes, shorter than one 136-byte rate block, so a
//! state that has "already absorbed the prefix" cannot save a permutation; what
//! can be reused is the constant part of the first block (prefix, `0x`
//! markers, padding), which the templates in `node.rs` hold at compile time.

use crate::Hash32;

/// Rate of Keccak-256 in bytes: (1600 − 2·256) / 8.
pub(crate) const RATE: usize = 136;

type State = [u64; 25];

#[inline]
fn permute(state: &mut State) {
    keccak::Keccak::new().with_f1600(|f1600| f1600(state));
}

/// XORs one full rate block into the state (little-endian lanes), then permutes.
#[inline]
fn absorb_block(state: &mut State, block: &[u8; RATE]) {
    for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
        let word = <[u8; 8]>::try_from(bytes).unwrap_or_default();
        *lane ^= u64::from_le_bytes(word);
    }
    permute(state);
}

/// The first 32 bytes of the state: the Keccak-256 digest.
#[inline]
fn squeeze(state: &State) -> Hash32 {
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

/// Streaming Keccak-256 with a one-block buffer.
#[derive(Clone)]
pub(crate) struct Keccak256 {
    state: State,
    block: [u8; RATE],
    filled: usize,
}

impl Default for Keccak256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Keccak256 {
    /// Nothing absorbed.
    pub(crate) const fn new() -> Self {
        Keccak256 {
            state: [0; 25],
            block: [0; RATE],
            filled: 0,
        }
    }

    /// Absorbs `bytes` at compile time into a fresh or partly filled block;
    /// only for constants shorter than what is left of the block (the item
    /// prefix), longer input is cut off. Evaluated in a constant only.
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
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        if self.filled > 0 {
            let take = (RATE - self.filled).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(dst) = self.block.get_mut(self.filled..self.filled + take) {
                dst.copy_from_slice(head);
            }
            self.filled += take;
            data = rest;
            if self.filled < RATE {
                return;
            }
            absorb_block(&mut self.state, &self.block);
            self.filled = 0;
        }
        let mut blocks = data.chunks_exact(RATE);
        for block in &mut blocks {
            if let Ok(block) = <&[u8; RATE]>::try_from(block) {
                absorb_block(&mut self.state, block);
            }
        }
        let rest = blocks.remainder();
        if let Some(dst) = self.block.get_mut(..rest.len()) {
            dst.copy_from_slice(rest);
        }
        self.filled = rest.len();
    }

    /// Pads, permutes and returns the digest.
    pub(crate) fn finalize(mut self) -> Hash32 {
        if let Some(tail) = self.block.get_mut(self.filled..) {
            tail.fill(0);
        }
        if let Some(first) = self.block.get_mut(self.filled) {
            *first ^= 0x01;
        }
        if let Some(last) = self.block.last_mut() {
            *last ^= 0x80;
        }
        absorb_block(&mut self.state, &self.block);
        squeeze(&self.state)
    }
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
            // Split into uneven writes, crossing block boundaries.
            let mut pieces = Keccak256::new();
            for chunk in msg.chunks(1 + len % 53) {
                pieces.update(chunk);
                pieces.update(&[]);
            }
            assert_eq!(pieces.finalize(), reference(msg), "len {len} in pieces");
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

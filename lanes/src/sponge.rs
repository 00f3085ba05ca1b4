//! Keccak-256 (rate 136 bytes, padding `0x01 … 0x80`, as Ethereum) of N
//! messages at once, over [`f1600_batch`]: parts of equal length while the
//! lanes run in step, a last part of any length per lane.

use crate::{State, f1600_batch};

/// Rate of Keccak-256 in bytes: (1600 − 2·256) / 8.
pub const RATE: usize = 136;

/// Length of a Keccak-256 digest in bytes.
pub const DIGEST_LEN: usize = 32;

/// Why the lanes of a [`Keccak256Lanes`] could not be fed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpongeError {
    /// The messages of one call must all have the first one's length.
    #[error("message {lane} is {found} bytes long, message 0 is {expected}: the lanes absorb equal lengths")]
    LengthMismatch {
        /// Index of the first message whose length differs.
        lane: usize,
        /// Length of message 0.
        expected: usize,
        /// Length of message `lane`.
        found: usize,
    },
    /// Pre-absorbed states must say how many bytes of their current block
    /// they hold, below [`RATE`] (a full block is permuted at once).
    #[error("a block offset of {filled} bytes is not below the rate of {RATE} bytes")]
    BlockOffset {
        /// The offset given.
        filled: usize,
    },
}

/// Keccak-256 of N messages side by side: every [`update`](Self::update)
/// feeds each lane a message part of the same length, so that all lanes
/// fill their blocks together and each block is permuted in one
/// [`f1600_batch`] call; [`finalize_with`](Self::finalize_with) takes a
/// last part of any length per lane.
///
/// ```
/// use pacspace_keccak_lanes::Keccak256Lanes;
///
/// let mut h = Keccak256Lanes::<2>::new();
/// h.update([b"ab", b"xy"]).unwrap();
/// h.update([b"c", b"z"]).unwrap();
/// let [abc, xyz] = h.finalize();
/// assert_eq!(abc[..4], [0x4e, 0x03, 0x65, 0x7a]); // keccak256("abc") = 0x4e03657a…
/// assert_ne!(abc, xyz);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keccak256Lanes<const N: usize> {
    states: [State; N],
    /// Bytes absorbed into the current block, below [`RATE`].
    filled: usize,
}

impl<const N: usize> Default for Keccak256Lanes<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Keccak256Lanes<N> {
    /// N lanes with nothing absorbed.
    ///
    /// ```
    /// let [d] = pacspace_keccak_lanes::Keccak256Lanes::<1>::new().finalize();
    /// assert_eq!(d[..4], [0xc5, 0xd2, 0x46, 0x01]); // keccak256("") = 0xc5d24601…
    /// ```
    pub const fn new() -> Self {
        Keccak256Lanes {
            states: [[0; 25]; N],
            filled: 0,
        }
    }

    /// N lanes that have all absorbed `prefix` (of any length; absorbed
    /// once, in one lane, then copied).
    ///
    /// ```
    /// use pacspace_keccak_lanes::{Keccak256Lanes, keccak256_x};
    /// let mut h = Keccak256Lanes::<2>::with_prefix(b"item:");
    /// h.update([b"1", b"2"]).unwrap();
    /// assert_eq!(h.finalize(), keccak256_x([b"item:1", b"item:2"]));
    /// ```
    pub fn with_prefix(prefix: &[u8]) -> Self {
        let mut one = Keccak256Lanes::<1>::new();
        one.absorb(&[prefix], prefix.len());
        let [state] = one.states;
        Keccak256Lanes {
            states: [state; N],
            filled: one.filled,
        }
    }

    /// Continues from N states that have each absorbed `filled` bytes of
    /// their current block (and any number of whole blocks before it), as a
    /// scalar Keccak-256 sponge leaves them.
    ///
    /// # Errors
    ///
    /// [`SpongeError::BlockOffset`] if `filled` is not below [`RATE`].
    ///
    /// ```
    /// use pacspace_keccak_lanes::{Keccak256Lanes, keccak256_x};
    /// // "ab" absorbed by hand: bytes XORed into lane 0, little-endian.
    /// let mut state = [0u64; 25];
    /// state[0] = u64::from(b'a') | u64::from(b'b') << 8;
    /// let mut h = Keccak256Lanes::from_states([state; 2], 2).unwrap();
    /// h.update([b"c", b"d"]).unwrap();
    /// assert_eq!(h.finalize(), keccak256_x([b"abc", b"abd"]));
    /// assert!(Keccak256Lanes::from_states([state; 2], 136).is_err());
    /// ```
    pub fn from_states(states: [State; N], filled: usize) -> Result<Self, SpongeError> {
        if filled >= RATE {
            return Err(SpongeError::BlockOffset { filled });
        }
        Ok(Keccak256Lanes { states, filled })
    }

    /// Absorbs `messages[i]` into lane `i`.
    ///
    /// # Errors
    ///
    /// [`SpongeError::LengthMismatch`] if the messages differ in length;
    /// nothing is absorbed then.
    ///
    /// ```
    /// use pacspace_keccak_lanes::{Keccak256Lanes, SpongeError};
    /// let mut h = Keccak256Lanes::<2>::new();
    /// assert_eq!(
    ///     h.update([b"ab", b"x"]),
    ///     Err(SpongeError::LengthMismatch { lane: 1, expected: 2, found: 1 })
    /// );
    /// ```
    pub fn update(&mut self, messages: [&[u8]; N]) -> Result<(), SpongeError> {
        let len = equal_length(&messages)?;
        self.absorb(&messages, len);
        Ok(())
    }

    /// Pads every lane and returns the N digests.
    ///
    /// ```
    /// use pacspace_keccak_lanes::Keccak256Lanes;
    /// let mut h = Keccak256Lanes::<3>::new();
    /// h.update([b"a", b"a", b"b"]).unwrap();
    /// let [a1, a2, b] = h.finalize();
    /// assert_eq!(a1, a2);
    /// assert_ne!(a1, b);
    /// ```
    pub fn finalize(self) -> [[u8; DIGEST_LEN]; N] {
        self.finalize_with([&[]; N])
    }

    /// Absorbs a last part of any length into each lane (`tails[i]` into
    /// lane `i`), pads, and returns the N digests.
    ///
    /// The lanes run in step: the call costs as many multi-lane
    /// permutations as the longest lane needs blocks, and a lane that needs
    /// fewer is permuted along idly after its digest is taken. Messages
    /// whose lengths fall in the same 136-byte block count cost no more
    /// than equal ones.
    ///
    /// ```
    /// use pacspace_keccak_lanes::{Keccak256Lanes, keccak256_x};
    /// let h = Keccak256Lanes::<2>::with_prefix(b"item:");
    /// let [a, b] = h.finalize_with([b"1", b"22"]);
    /// assert_eq!([a, b], keccak256_x([b"item:1", b"item:22"]));
    /// ```
    pub fn finalize_with(mut self, tails: [&[u8]; N]) -> [[u8; DIGEST_LEN]; N] {
        let start = self.filled;
        // Permutations lane i still needs, the padded last block included.
        let blocks = tails.map(|t| (start + t.len()) / RATE + 1);
        let rounds = blocks.iter().copied().max().unwrap_or(0);
        let mut out = [[0u8; DIGEST_LEN]; N];
        for round in 0..rounds {
            // Block `round` holds tail bytes `from..to` at state offset `offset`.
            let offset = if round == 0 { start } else { 0 };
            let from = (round * RATE).saturating_sub(start);
            for ((state, tail), &needed) in self.states.iter_mut().zip(tails).zip(&blocks) {
                if round >= needed {
                    continue;
                }
                let to = tail.len().min((round + 1) * RATE - start);
                let part = tail.get(from..to).unwrap_or_default();
                xor_bytes(state, offset, part);
                if round + 1 == needed {
                    xor_byte(state, offset + part.len(), 0x01);
                    xor_byte(state, RATE - 1, 0x80);
                }
            }
            f1600_batch(&mut self.states);
            for ((digest_out, state), &needed) in out.iter_mut().zip(&self.states).zip(&blocks) {
                if round + 1 == needed {
                    *digest_out = digest(state);
                }
            }
        }
        out
    }

    /// Absorbs `len` bytes of every message (all at least that long).
    fn absorb(&mut self, messages: &[&[u8]; N], len: usize) {
        let mut pos = 0;
        while pos < len {
            let take = (RATE - self.filled).min(len - pos);
            for (state, message) in self.states.iter_mut().zip(messages) {
                if let Some(part) = message.get(pos..pos + take) {
                    xor_bytes(state, self.filled, part);
                }
            }
            pos += take;
            self.filled += take;
            if self.filled == RATE {
                f1600_batch(&mut self.states);
                self.filled = 0;
            }
        }
    }
}

/// Keccak-256 of N messages: `[keccak256(m) for m in messages]`, the
/// lanes side by side.
///
/// Any lengths; the call costs as many multi-lane permutations as the
/// longest message needs blocks (see [`Keccak256Lanes::finalize_with`]), so
/// messages of similar length are best hashed together.
///
/// ```
/// let [a, b] = pacspace_keccak_lanes::keccak256_x([b"abc".as_slice(), b"abcd"]);
/// assert_eq!(a[..4], [0x4e, 0x03, 0x65, 0x7a]); // keccak256("abc") = 0x4e03657a…
/// assert_ne!(a, b);
/// ```
pub fn keccak256_x<const N: usize>(messages: [&[u8]; N]) -> [[u8; DIGEST_LEN]; N] {
    Keccak256Lanes::<N>::new().finalize_with(messages)
}

/// The common length of `messages`.
fn equal_length(messages: &[&[u8]]) -> Result<usize, SpongeError> {
    let expected = messages.first().map_or(0, |m| m.len());
    match messages.iter().position(|m| m.len() != expected) {
        None => Ok(expected),
        Some(lane) => Err(SpongeError::LengthMismatch {
            lane,
            expected,
            found: messages.get(lane).map_or(0, |m| m.len()),
        }),
    }
}

/// XORs byte `b` at byte position `pos` of the state.
#[inline]
fn xor_byte(state: &mut State, pos: usize, b: u8) {
    if let Some(lane) = state.get_mut(pos / 8) {
        *lane ^= u64::from(b) << (8 * (pos % 8));
    }
}

/// XORs `bytes` into the state from byte position `pos` on (`pos +
/// bytes.len()` at most [`RATE`]): a partial lane up to a lane boundary,
/// whole little-endian lanes, then a partial lane.
#[inline]
fn xor_bytes(state: &mut State, pos: usize, bytes: &[u8]) {
    let offset = pos % 8;
    let (head, body) = bytes.split_at(bytes.len().min((8 - offset) % 8));
    xor_partial(state, pos / 8, offset, head);
    let first = (pos + head.len()) / 8;
    let (words, tail) = body.as_chunks::<8>();
    for (lane, word) in state.iter_mut().skip(first).zip(words) {
        *lane ^= u64::from_le_bytes(*word);
    }
    xor_partial(state, first + words.len(), 0, tail);
}

/// XORs `bytes` (at most `8 - offset` of them) into lane `lane` from its
/// byte `offset` on.
#[inline]
fn xor_partial(state: &mut State, lane: usize, offset: usize, bytes: &[u8]) {
    let word = bytes
        .iter()
        .zip(offset..8)
        .fold(0u64, |word, (&b, i)| word | u64::from(b) << (8 * i));
    if let Some(lane) = state.get_mut(lane) {
        *lane ^= word;
    }
}

/// The first 32 bytes of the state.
fn digest(state: &State) -> [u8; DIGEST_LEN] {
    let mut out = [0u8; DIGEST_LEN];
    for (chunk, lane) in out.as_chunks_mut::<8>().0.iter_mut().zip(state) {
        *chunk = lane.to_le_bytes();
    }
    out
}

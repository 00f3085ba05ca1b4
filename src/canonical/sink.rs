//! Where canonical JSON bytes go: a hasher (no buffer) or, with `alloc`, a string.

use crate::Hash32;
use crate::hashing::sponge::BufferedKeccak256;

/// A byte sink for canonical JSON writers.
///
/// ```
/// use pacspace_proof::canonical::{KeccakSink, Sink};
/// let mut sink = KeccakSink::item();
/// sink.write(br#"{"a":1}"#);
/// assert_eq!(sink.finish(), pacspace_proof::hashing::item_hash_canonical(br#"{"a":1}"#));
/// ```
pub trait Sink {
    /// Appends bytes.
    fn write(&mut self, bytes: &[u8]);
}

/// A Keccak-256 state that canonical JSON is streamed into, written token
/// by token into a one-block stack buffer (no heap).
#[derive(Clone, Default)]
pub struct KeccakSink(BufferedKeccak256);

impl KeccakSink {
    /// A fresh hasher with nothing absorbed.
    ///
    /// ```
    /// let s = pacspace_proof::canonical::KeccakSink::new();
    /// assert_eq!(s.finish(), pacspace_proof::keccak256(b""));
    /// ```
    pub fn new() -> Self {
        KeccakSink(BufferedKeccak256::new())
    }

    /// A hasher that has already absorbed the item prefix `pacspace:item:v1:`.
    ///
    /// ```
    /// let s = pacspace_proof::canonical::KeccakSink::item();
    /// assert_eq!(s.finish(), pacspace_proof::keccak256(b"pacspace:item:v1:"));
    /// ```
    pub fn item() -> Self {
        KeccakSink(crate::hashing::node::item_sink_state())
    }

    /// The digest of everything written.
    ///
    /// ```
    /// use pacspace_proof::canonical::Sink;
    /// let mut s = pacspace_proof::canonical::KeccakSink::new();
    /// s.write(b"abc");
    /// assert_eq!(s.finish(), pacspace_proof::keccak256(b"abc"));
    /// ```
    pub fn finish(self) -> Hash32 {
        self.0.finalize()
    }

    /// The SHA3-256 digest of everything written (padding `0x06` in place
    /// of Keccak's `0x01`): for near-miss diagnostics, never a verdict.
    ///
    /// ```
    /// use pacspace_proof::canonical::{KeccakSink, Sink};
    /// let mut s = KeccakSink::new();
    /// s.write(b"abc");
    /// assert_eq!(s.finish_sha3(), pacspace_proof::hashing::sha3_256(b"abc"));
    /// ```
    pub fn finish_sha3(self) -> Hash32 {
        self.0.finalize_padded(crate::hashing::sponge::SHA3_PAD)
    }
}

impl Sink for KeccakSink {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

#[cfg(feature = "alloc")]
impl Sink for alloc::vec::Vec<u8> {
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn write(&mut self, bytes: &[u8]) {
        (**self).write(bytes);
    }
}

//! Turns fuzz bytes into structured values. Never fails: an exhausted input
//! reads as zeros, so every byte string is a valid input.
#![allow(dead_code)]

use pacspace_proof::{Hash32, NodeEncoding};

/// A cursor over the fuzz input.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }

    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |v, _| v << 8 | u64::from(self.u8()))
    }

    pub fn hash(&mut self) -> Hash32 {
        let mut b = [0u8; 32];
        for x in &mut b {
            *x = self.u8();
        }
        Hash32::from_bytes(b)
    }

    pub fn encoding(&mut self) -> NodeEncoding {
        NodeEncoding::ALL[usize::from(self.u8()) % NodeEncoding::ALL.len()]
    }

    /// Up to `n` bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        head
    }

    pub fn rest(self) -> &'a [u8] {
        self.data
    }
}

/// Flips one bit of a hash.
pub fn flip(h: &Hash32, bit: u8) -> Hash32 {
    let mut b = *h.as_bytes();
    b[usize::from(bit / 8) % 32] ^= 1 << (bit % 8);
    Hash32::from_bytes(b)
}

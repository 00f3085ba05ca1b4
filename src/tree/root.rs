//! The itemsRoot (SPEC section 4) in constant memory: leaves stream through a
//! frontier of pending subtree roots, one per set bit of the leaf count, so no
//! level is ever stored and no node is hashed twice.

use crate::{Hash32, NodeEncoding, node_hash};

/// Streams leaves into the itemsRoot without allocating: at most 64 pending
/// subtree roots (2 KiB) whatever the leaf count. The node hashes computed are
/// exactly those of the level-by-level tree: n − 1 joins plus one
/// self-join per padded level.
///
/// ```
/// use pacspace_proof::{items_root, Hash32, NodeEncoding};
/// use pacspace_proof::tree::RootBuilder;
/// let leaves: Vec<Hash32> = (0u8..7).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let mut b = RootBuilder::new(NodeEncoding::Hex0x);
/// for leaf in &leaves {
///     b.push(*leaf);
/// }
/// assert_eq!(b.count(), 7);
/// assert_eq!(b.finish(), items_root(&leaves, NodeEncoding::Hex0x));
/// ```
#[derive(Debug, Clone)]
pub struct RootBuilder {
    /// Roots of complete subtrees, largest (leftmost) first; entry `i`
    /// covers the `i`-th highest set bit of `count`.
    frontier: [Hash32; 64],
    depth: usize,
    count: u64,
    encoding: NodeEncoding,
}

impl RootBuilder {
    /// An empty builder for `encoding`.
    ///
    /// ```
    /// let b = pacspace_proof::tree::RootBuilder::new(pacspace_proof::NodeEncoding::Bytes);
    /// assert_eq!(b.finish(), pacspace_proof::Hash32::ZERO);
    /// ```
    pub const fn new(encoding: NodeEncoding) -> Self {
        RootBuilder {
            frontier: [Hash32::ZERO; 64],
            depth: 0,
            count: 0,
            encoding,
        }
    }

    /// Leaves pushed so far.
    ///
    /// ```
    /// let mut b = pacspace_proof::tree::RootBuilder::new(Default::default());
    /// b.push(pacspace_proof::Hash32::ZERO);
    /// assert_eq!(b.count(), 1);
    /// ```
    pub const fn count(&self) -> u64 {
        self.count
    }

    /// Appends the next leaf, joining every complete pair it closes.
    ///
    /// ```
    /// use pacspace_proof::{Hash32, NodeEncoding};
    /// use pacspace_proof::hashing::node_hash;
    /// use pacspace_proof::tree::RootBuilder;
    /// let (a, b) = (Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]));
    /// let mut r = RootBuilder::new(NodeEncoding::Hex);
    /// r.push(a);
    /// r.push(b);
    /// assert_eq!(r.finish(), node_hash(NodeEncoding::Hex, &a, &b));
    /// ```
    pub fn push(&mut self, leaf: Hash32) {
        let mut node = leaf;
        let mut closed = self.count;
        // Each trailing one bit of the count before this leaf is a complete
        // left sibling waiting on the frontier.
        while closed & 1 == 1 {
            let Some(left) = self.pop() else { break };
            node = node_hash(self.encoding, &left, &node);
            closed >>= 1;
        }
        if let Some(slot) = self.frontier.get_mut(self.depth) {
            *slot = node;
            self.depth += 1;
        }
        self.count = self.count.saturating_add(1);
    }

    /// The root: 32 zero bytes for no leaves, the leaf itself for one.
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::tree::RootBuilder;
    /// let mut b = RootBuilder::new(Default::default());
    /// b.push(Hash32::from_bytes([9; 32]));
    /// assert_eq!(b.finish(), Hash32::from_bytes([9; 32]));
    /// ```
    pub fn finish(self) -> Hash32 {
        self.finish_at_height(0)
    }

    /// The node at height at least `min_height` above the leaves that covers
    /// every leaf pushed: the root, self-joined while its height is below
    /// `min_height`. For a chunk of `2^k`-aligned leaves that is not the whole
    /// tree, `k` gives the chunk's node of the full tree.
    pub(crate) fn finish_at_height(mut self, min_height: u32) -> Hash32 {
        let mut pending = self.count;
        if pending == 0 {
            return Hash32::ZERO;
        }
        let mut height = pending.trailing_zeros();
        let mut node = self.pop().unwrap_or_default();
        pending &= pending - 1;
        // The lowest pending node is the last of its level. With more
        // subtrees to its left at that height it joins them; otherwise its
        // level has odd width and it is duplicated.
        while pending != 0 || height < min_height {
            let bit = 1u64.checked_shl(height).unwrap_or(0);
            if pending & bit != 0 {
                let left = self.pop().unwrap_or_default();
                node = node_hash(self.encoding, &left, &node);
                pending &= !bit;
            } else {
                node = node_hash(self.encoding, &node, &node);
            }
            height += 1;
        }
        node
    }

    fn pop(&mut self) -> Option<Hash32> {
        self.depth = self.depth.checked_sub(1)?;
        self.frontier.get(self.depth).copied()
    }
}

/// The itemsRoot of `leaves` under `encoding`: 32 zero bytes for no leaves,
/// the leaf itself for one. No allocation (see [`RootBuilder`]).
///
/// ```
/// use pacspace_proof::{items_root, Hash32, NodeEncoding};
/// use pacspace_proof::hashing::node_hash;
/// let enc = NodeEncoding::Hex0x;
/// let (a, b, c) = (Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]), Hash32::from_bytes([3; 32]));
/// assert_eq!(items_root(&[], enc), Hash32::ZERO);
/// assert_eq!(items_root(&[a], enc), a);
/// assert_eq!(items_root(&[a, b, c], enc),
///            node_hash(enc, &node_hash(enc, &a, &b), &node_hash(enc, &c, &c)));
/// ```
pub fn items_root(leaves: &[Hash32], encoding: NodeEncoding) -> Hash32 {
    root_at_height(leaves, encoding, 0)
}

/// [`RootBuilder::finish_at_height`] over a slice.
pub(crate) fn root_at_height(leaves: &[Hash32], encoding: NodeEncoding, min_height: u32) -> Hash32 {
    let mut b = RootBuilder::new(encoding);
    for leaf in leaves {
        b.push(*leaf);
    }
    b.finish_at_height(min_height)
}

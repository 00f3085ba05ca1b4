//! The itemsRoot (docs/spec.md, section 6) in constant memory. Leaves stream in;
//! on a multi-lane Keccak path the lowest levels keep up to 16 nodes
//! each, so that their pairs are joined 8 at a time
//! ([`join_level`](crate::hashing::join_level)), and from height 8 up,
//! where one node in 256 is hashed, a frontier of pending subtree roots
//! (one per set bit of the node count) joins them one by one; on the
//! scalar path the frontier takes the leaves themselves. No level is ever
//! stored and no node is hashed twice.

use crate::hashing::join_level;
use crate::tree::frontier::Frontier;
use crate::{Hash32, NodeEncoding};
use pacspace_keccak_lanes::preferred_lanes;

/// Levels above the leaves (the leaves' included) whose nodes wait to be
/// joined in groups.
const LOW_LEVELS: usize = 8;

/// Nodes a low level holds before it is joined: 8 pairs, one full group.
const LEVEL_NODES: usize = 16;

/// The nodes of one low level not joined yet: the rightmost of their level
/// so far, an even number of nodes before them already joined.
#[derive(Debug, Clone, Copy)]
struct Level {
    nodes: [Hash32; LEVEL_NODES],
    len: usize,
}

impl Level {
    const EMPTY: Level = Level {
        nodes: [Hash32::ZERO; LEVEL_NODES],
        len: 0,
    };

    fn nodes(&self) -> &[Hash32] {
        self.nodes.get(..self.len).unwrap_or_default()
    }

    /// Appends `nodes`; the callers never exceed the capacity (a level
    /// is joined as soon as it is full and receives at most 8 at a time).
    fn extend(&mut self, nodes: &[Hash32]) {
        if let Some(dst) = self.nodes.get_mut(self.len..self.len + nodes.len()) {
            dst.copy_from_slice(nodes);
            self.len += nodes.len();
        }
    }
}

/// Streams leaves into the itemsRoot without allocating, in about 6 KiB
/// whatever the leaf count: 16 waiting nodes on each of the 8 lowest
/// levels, and at most 64 pending subtree roots above them. The node
/// hashes computed are exactly those of the level-by-level tree: n − 1
/// joins plus one self-join per padded level. On a CPU with AVX2 or
/// AVX-512 the low levels' pairs are hashed 8 at a time.
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
    low: [Level; LOW_LEVELS],
    /// Nodes at height `LOW_LEVELS` (the leaves themselves on the scalar
    /// path), joined one by one.
    upper: Frontier,
    count: u64,
    encoding: NodeEncoding,
    /// Whether the low levels are joined side by side: decided at the
    /// first leaf from the selected Keccak path, then kept.
    lanes: Option<bool>,
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
            low: [Level::EMPTY; LOW_LEVELS],
            upper: Frontier::EMPTY,
            count: 0,
            encoding,
            lanes: None,
        }
    }

    /// Whether this builder joins its low levels side by side (fixed at
    /// the first call). On the scalar path every leaf goes straight to the
    /// frontier: one join at a time, nothing buffered.
    fn side_by_side(&mut self) -> bool {
        *self.lanes.get_or_insert_with(|| preferred_lanes() > 1)
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

    /// Appends the next leaf.
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
        self.count = self.count.saturating_add(1);
        if self.side_by_side() {
            self.add(0, &[leaf]);
        } else {
            self.upper.push(self.encoding, leaf);
        }
    }

    /// Appends `leaves` in order, as many [`push`](Self::push) calls do;
    /// whole groups of 16 are joined straight from the slice.
    ///
    /// ```
    /// use pacspace_proof::{items_root, Hash32, NodeEncoding};
    /// use pacspace_proof::tree::RootBuilder;
    /// let leaves: Vec<Hash32> = (0u8..40).map(|i| Hash32::from_bytes([i; 32])).collect();
    /// let mut b = RootBuilder::new(NodeEncoding::Bytes);
    /// b.push(leaves[0]);
    /// b.extend(&leaves[1..]);
    /// assert_eq!(b.finish(), items_root(&leaves, NodeEncoding::Bytes));
    /// ```
    pub fn extend(&mut self, leaves: &[Hash32]) {
        if !self.side_by_side() {
            for leaf in leaves {
                self.push(*leaf);
            }
            return;
        }
        let mut rest = leaves;
        while self.low.first().is_some_and(|l| l.len != 0) {
            let Some((leaf, tail)) = rest.split_first() else {
                return;
            };
            self.push(*leaf);
            rest = tail;
        }
        let (groups, tail) = rest.as_chunks::<LEVEL_NODES>();
        for group in groups {
            self.count = self.count.saturating_add(LEVEL_NODES as u64);
            self.join_into(1, group);
        }
        for leaf in tail {
            self.push(*leaf);
        }
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
        let n = self.count;
        if n == 0 {
            return Hash32::ZERO;
        }
        if self.lanes != Some(true) {
            return self.upper.finish_at_height(self.encoding, min_height);
        }
        // The root of n leaves is at height ceil(log2 n).
        let root_height = u64::BITS - (n - 1).leading_zeros();
        let target = root_height.max(min_height);
        // Bottom up, each low level's waiting nodes are the last of their
        // level, after an even number already joined: join them (an odd
        // last one with itself) into the level above, up to the target.
        for height in 0..LOW_LEVELS {
            let nodes = self.low.get(height).map_or(&[][..], Level::nodes);
            if height as u32 == target {
                return nodes.first().copied().unwrap_or_default();
            }
            let mut parents = [Hash32::ZERO; LEVEL_NODES / 2];
            let joined = join_level(self.encoding, nodes, &mut parents);
            self.lift(height + 1, parents.get(..joined).unwrap_or_default());
        }
        self.upper
            .finish_at_height(self.encoding, target - LOW_LEVELS as u32)
    }

    /// Adds `nodes` to level `height`, joining it into the level above
    /// whenever it fills up.
    fn add(&mut self, height: usize, nodes: &[Hash32]) {
        let Some(level) = self.low.get_mut(height) else {
            self.lift(height, nodes);
            return;
        };
        level.extend(nodes);
        if level.len == LEVEL_NODES {
            let mut parents = [Hash32::ZERO; LEVEL_NODES / 2];
            let joined = join_level(self.encoding, level.nodes(), &mut parents);
            level.len = 0;
            self.add(height + 1, parents.get(..joined).unwrap_or_default());
        }
    }

    /// Joins a full group of children into level `height`.
    fn join_into(&mut self, height: usize, children: &[Hash32]) {
        let mut parents = [Hash32::ZERO; LEVEL_NODES / 2];
        let joined = join_level(self.encoding, children, &mut parents);
        self.add(height, parents.get(..joined).unwrap_or_default());
    }

    /// Puts `nodes` on level `height` without joining it: a low level, or
    /// the frontier above them.
    fn lift(&mut self, height: usize, nodes: &[Hash32]) {
        match self.low.get_mut(height) {
            Some(level) => level.extend(nodes),
            None => {
                for node in nodes {
                    self.upper.push(self.encoding, *node);
                }
            }
        }
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
    match leaves {
        [] => Hash32::ZERO,
        [leaf] => *leaf,
        _ if leaves.len() <= LEVEL_NODES && preferred_lanes() > 1 => small_root(leaves, encoding),
        _ => root_at_height(leaves, encoding, 0),
    }
}

/// The root of 2 to [`LEVEL_NODES`] leaves on a multi-lane path, level by
/// level in two small stack buffers (a receipt's few items: no builder to
/// set up).
fn small_root(leaves: &[Hash32], encoding: NodeEncoding) -> Hash32 {
    let mut a = [Hash32::ZERO; LEVEL_NODES / 2];
    let mut b = [Hash32::ZERO; LEVEL_NODES / 2];
    let mut width = join_level(encoding, leaves, &mut a);
    while width > 1 {
        width = join_level(encoding, a.get(..width).unwrap_or_default(), &mut b);
        core::mem::swap(&mut a, &mut b);
    }
    a[0]
}

/// [`RootBuilder::finish_at_height`] over a slice.
pub(crate) fn root_at_height(leaves: &[Hash32], encoding: NodeEncoding, min_height: u32) -> Hash32 {
    let mut b = RootBuilder::new(encoding);
    b.extend(leaves);
    b.finish_at_height(min_height)
}

//! The scalar core of the streaming root: a frontier of pending subtree
//! roots, one per set bit of the node count, so no level is ever stored
//! and no node is hashed twice.

use crate::{Hash32, NodeEncoding, node_hash};

/// Nodes of one height streamed into the root above them, one join at a
/// time: at most 64 pending subtree roots (2 KiB) whatever the count.
#[derive(Debug, Clone)]
pub(crate) struct Frontier {
    /// Roots of complete subtrees, largest (leftmost) first; entry `i`
    /// covers the `i`-th highest set bit of `count`.
    nodes: [Hash32; 64],
    depth: usize,
    count: u64,
}

impl Frontier {
    pub(crate) const EMPTY: Frontier = Frontier {
        nodes: [Hash32::ZERO; 64],
        depth: 0,
        count: 0,
    };

    /// Appends the next node, joining every complete pair it closes.
    pub(crate) fn push(&mut self, encoding: NodeEncoding, leaf: Hash32) {
        let mut node = leaf;
        let mut closed = self.count;
        // Each trailing one bit of the count before this node is a complete
        // left sibling waiting on the frontier.
        while closed & 1 == 1 {
            let Some(left) = self.pop() else { break };
            node = node_hash(encoding, &left, &node);
            closed >>= 1;
        }
        if let Some(slot) = self.nodes.get_mut(self.depth) {
            *slot = node;
            self.depth += 1;
        }
        self.count = self.count.saturating_add(1);
    }

    /// The node at height at least `min_height` above the pushed nodes
    /// that covers them all: their root, self-joined while its height is
    /// below `min_height`; 32 zero bytes when nothing was pushed.
    pub(crate) fn finish_at_height(mut self, encoding: NodeEncoding, min_height: u32) -> Hash32 {
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
                node = node_hash(encoding, &left, &node);
                pending &= !bit;
            } else {
                node = node_hash(encoding, &node, &node);
            }
            height += 1;
        }
        node
    }

    fn pop(&mut self) -> Option<Hash32> {
        self.depth = self.depth.checked_sub(1)?;
        self.nodes.get(self.depth).copied()
    }
}

//! One step of an inclusion-proof path and the shape an n-leaf tree gives it.

use crate::Hash32;
use core::fmt;

/// The side a sibling sits on, relative to the node being proved.
///
/// ```
/// use pacspace_proof::tree::Side;
/// assert_eq!(Side::Left.name(), "left");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "alloc", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "alloc", serde(rename_all = "lowercase"))]
pub enum Side {
    /// The sibling is the left child; the running hash is the right one.
    Left,
    /// The sibling is the right child; the running hash is the left one.
    Right,
}

impl Side {
    /// `"left"` or `"right"`, as on the wire.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::tree::Side::Right.name(), "right");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One sibling on the path from a leaf to the root.
///
/// ```
/// use pacspace_proof::Hash32;
/// use pacspace_proof::tree::{PathStep, Side};
/// let step = PathStep { hash: Hash32::ZERO, position: Side::Right };
/// assert_eq!(step.position, Side::Right);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "alloc", derive(serde::Serialize, serde::Deserialize))]
pub struct PathStep {
    /// The sibling's hash.
    pub hash: Hash32,
    /// Which side the sibling sits on.
    pub position: Side,
}

/// Length of every inclusion path in a tree of `count` leaves:
/// 0 for 0 or 1 leaves, otherwise ⌈log2(count)⌉.
///
/// ```
/// use pacspace_proof::tree::expected_path_len;
/// assert_eq!(expected_path_len(1), 0);
/// assert_eq!(expected_path_len(5), 3);
/// assert_eq!(expected_path_len(8), 3);
/// assert_eq!(expected_path_len(9), 4);
/// ```
pub const fn expected_path_len(count: u64) -> usize {
    if count <= 1 {
        0
    } else {
        (u64::BITS - (count - 1).leading_zeros()) as usize
    }
}

/// The side and padding of the sibling at each level for leaf `index` of
/// `count` (index < count): yields `(side, is_padding)` per level.
pub(crate) fn expected_steps(index: u64, count: u64) -> impl Iterator<Item = (Side, bool)> {
    let mut i = index;
    let mut width = count;
    core::iter::from_fn(move || {
        if width <= 1 {
            return None;
        }
        let step = if i % 2 == 1 {
            (Side::Left, false)
        } else {
            (Side::Right, i + 1 == width)
        };
        i /= 2;
        width = width.div_ceil(2);
        Some(step)
    })
}

//! Assurance levels: what a verdict may claim, weakest first.
//!
//! - [`Level::NotVerified`]: a check failed, or nothing could be checked;
//! - [`Level::Consistent`]: the artefact agrees with itself, but nothing of
//!   the user's own (submitted deltas, a stored receiptId) was compared;
//! - [`Level::Verified`]: the user's own data reproduced the item hash(es)
//!   and the root;
//! - [`Level::Anchored`]: verified, and the root's bytes were found on the
//!   public ledger.
//!
//! Levels are ordered, so "at least verified" is `level >= Level::Verified`.
//!
//! ```
//! use pacspace_proof::Level;
//!
//! let required: Level = "verified".parse().unwrap();
//! assert!(Level::Anchored >= required);
//! assert!(Level::Consistent < required);
//! assert_eq!(Level::NotVerified.to_string(), "not_verified");
//! ```

use core::fmt;
use core::str::FromStr;

/// How much a verdict establishes (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "alloc", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "alloc", serde(rename_all = "snake_case"))]
pub enum Level {
    /// A check failed, or nothing could be checked.
    #[default]
    NotVerified,
    /// The artefact agrees with itself; nothing of the user's was compared.
    Consistent,
    /// The user's own data reproduced the item hash(es) and the root.
    Verified,
    /// Verified, and the root was found on the public ledger.
    Anchored,
}

impl Level {
    /// Every level, weakest first.
    pub const ALL: [Level; 4] = [
        Level::NotVerified,
        Level::Consistent,
        Level::Verified,
        Level::Anchored,
    ];

    /// The level's name as JSON and the command line write it.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::Level::Anchored.name(), "anchored");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Level::NotVerified => "not_verified",
            Level::Consistent => "consistent",
            Level::Verified => "verified",
            Level::Anchored => "anchored",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A text that names no level.
///
/// ```
/// let e = "certain".parse::<pacspace_proof::Level>().unwrap_err();
/// assert!(e.to_string().contains("consistent, verified, anchored"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("level must be one of: not_verified, consistent, verified, anchored")]
pub struct ParseLevelError;

impl FromStr for Level {
    type Err = ParseLevelError;
    fn from_str(s: &str) -> Result<Self, ParseLevelError> {
        Level::ALL
            .into_iter()
            .find(|l| l.name() == s || (s == "not-verified" && *l == Level::NotVerified))
            .ok_or(ParseLevelError)
    }
}

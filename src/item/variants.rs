//! The undocumented readings of the delta→item mapping (docs/spec.md, section 4.3):
//! `adjusts` in the item, and the JavaScript canonical options.

use crate::ItemMapping;
use crate::canonical::CanonicalOptions;
use core::fmt;

/// Whether the `adjusts` field (sent by SDK 0.3.0 and later with an emit
/// that adjusts an earlier entry) is part of the hashed item.
///
/// ```
/// use pacspace_proof::item::AdjustsField;
/// assert_eq!(AdjustsField::default(), AdjustsField::Omit);
/// assert_eq!(AdjustsField::Include.to_string(), "included");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AdjustsField {
    /// Left out of the item: the documented field list has no `adjusts`. The default.
    #[default]
    Omit,
    /// In the item, as sent, when the delta carries one (not `null`).
    Include,
}

impl AdjustsField {
    /// The name used in reports' JSON.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::item::AdjustsField::Include.name(), "include");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            AdjustsField::Omit => "omit",
            AdjustsField::Include => "include",
        }
    }
}

impl fmt::Display for AdjustsField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdjustsField::Omit => "omitted",
            AdjustsField::Include => "included",
        })
    }
}

/// Evaluated in a constant only: an index out of range is a build error.
#[allow(clippy::indexing_slicing)]
const fn variants() -> [ItemMapping; 32] {
    let mut out = [ItemMapping::ALL[0]; 32];
    let adjusts = [AdjustsField::Omit, AdjustsField::Include];
    let mut i = 0;
    while i < 32 {
        let base = ItemMapping::ALL[i % 4];
        out[i] = ItemMapping {
            adjusts: adjusts[(i / 4) % 2],
            canonical: CanonicalOptions::ALL[i / 8],
            ..base
        };
        i += 1;
    }
    out
}

impl ItemMapping {
    /// Every mapping the verifier tries, in order: the four documented ones
    /// ([`ItemMapping::ALL`]), then the same with `adjusts` included, then
    /// both again under each non-default [`CanonicalOptions`] (in
    /// [`CanonicalOptions::ALL`] order). The first that reproduces a hash is
    /// reported, so the least surprising reading wins.
    ///
    /// ```
    /// use pacspace_proof::ItemMapping;
    /// assert_eq!(ItemMapping::VARIANTS.len(), 32);
    /// assert_eq!(ItemMapping::VARIANTS[..4], ItemMapping::ALL);
    /// assert!(ItemMapping::VARIANTS[4..].iter().all(|m| !m.is_documented()));
    /// ```
    pub const VARIANTS: [ItemMapping; 32] = variants();

    /// Whether this is one of the documented mappings ([`ItemMapping::ALL`]).
    ///
    /// ```
    /// assert!(pacspace_proof::ItemMapping::default().is_documented());
    /// ```
    pub const fn is_documented(&self) -> bool {
        matches!(self.adjusts, AdjustsField::Omit) && self.canonical.is_rfc8785()
    }
}

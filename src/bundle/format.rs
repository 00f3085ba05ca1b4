//! The bundle's `format` field: a name and a `MAJOR[.MINOR]` version.
//!
//! A reader accepts its own major version with any minor version (a newer
//! minor version only adds fields, which are kept and ignored) and refuses a
//! newer major version, which may change what existing fields mean.

use crate::bundle::BundleError;
use alloc::string::String;
use core::fmt;

/// The format's name, before `/v`.
pub const FORMAT_NAME: &str = "pacspace-proof-bundle";

/// The format this version writes.
pub const BUNDLE_FORMAT: &str = "pacspace-proof-bundle/v1";

/// The major version this version reads.
pub const SUPPORTED_MAJOR: u64 = 1;

/// A parsed `format` value.
///
/// ```
/// use pacspace_proof::bundle::FormatVersion;
/// let v = FormatVersion::parse("pacspace-proof-bundle/v1.2").unwrap();
/// assert_eq!((v.major, v.minor), (1, 2));
/// assert!(v.check_supported().is_ok());
/// assert!(FormatVersion::parse("pacspace-proof-bundle/v2").unwrap().check_supported().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FormatVersion {
    /// Incompatible changes.
    pub major: u64,
    /// Added fields only.
    pub minor: u64,
}

impl FormatVersion {
    /// Reads `pacspace-proof-bundle/vMAJOR[.MINOR]`.
    ///
    /// ```
    /// use pacspace_proof::bundle::{BundleError, FormatVersion};
    /// assert_eq!(FormatVersion::parse("pacspace-proof-bundle/v1").unwrap().minor, 0);
    /// assert!(matches!(FormatVersion::parse("pacspace-ledger-answers/v1"), Err(BundleError::NotABundle { .. })));
    /// assert!(matches!(FormatVersion::parse("pacspace-proof-bundle/one"), Err(BundleError::BadFormat { .. })));
    /// ```
    pub fn parse(text: &str) -> Result<Self, BundleError> {
        let Some(rest) = text.strip_prefix(FORMAT_NAME) else {
            return Err(BundleError::NotABundle {
                why: alloc::format!("its format is {:?}", short(text)),
            });
        };
        let bad = || BundleError::BadFormat { found: short(text) };
        let version = rest.strip_prefix("/v").ok_or_else(bad)?;
        let (major, minor) = match version.split_once('.') {
            Some((major, minor)) => (major, Some(minor)),
            None => (version, None),
        };
        let number = |t: &str| -> Option<u64> {
            if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                t.parse().ok()
            }
        };
        match (number(major), minor.map(number)) {
            (Some(major), None) => Ok(FormatVersion { major, minor: 0 }),
            (Some(major), Some(Some(minor))) => Ok(FormatVersion { major, minor }),
            _ => Err(BundleError::BadFormat { found: short(text) }),
        }
    }

    /// Refuses a major version other than [`SUPPORTED_MAJOR`].
    ///
    /// ```
    /// use pacspace_proof::bundle::{BundleError, FormatVersion};
    /// let e = FormatVersion { major: 3, minor: 0 }.check_supported().unwrap_err();
    /// assert!(e.to_string().contains("newer"));
    /// ```
    pub fn check_supported(self) -> Result<Self, BundleError> {
        if self.major == SUPPORTED_MAJOR {
            Ok(self)
        } else if self.major > SUPPORTED_MAJOR {
            Err(BundleError::NewerMajor {
                found: self,
                supported: SUPPORTED_MAJOR,
            })
        } else {
            Err(BundleError::BadFormat {
                found: alloc::format!("{FORMAT_NAME}/{self}"),
            })
        }
    }
}

impl fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minor == 0 {
            write!(f, "v{}", self.major)
        } else {
            write!(f, "v{}.{}", self.major, self.minor)
        }
    }
}

/// At most 80 characters of a text, for messages.
pub(crate) fn short(text: &str) -> String {
    text.chars().take(80).collect()
}

//! Options of canonical JSON (docs/spec.md, section 14): RFC 8785 by default, or the
//! readings a TypeScript service could produce instead.

use core::fmt;
use core::str::FromStr;

/// The order of an object's members.
///
/// ```
/// use pacspace_proof::canonical::KeyOrder;
/// assert_eq!("js-object".parse::<KeyOrder>(), Ok(KeyOrder::JsObject));
/// assert_eq!(KeyOrder::default().to_string(), "code-units");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyOrder {
    /// RFC 8785: keys compared as sequences of UTF-16 code units. The default.
    #[default]
    CodeUnits,
    /// What `JSON.stringify` writes for an object rebuilt with sorted keys:
    /// array-index keys (`"0"` … `"4294967294"`, written canonically) first in
    /// ascending numeric order, then the other keys in UTF-16 code-unit order;
    /// a `__proto__` key is dropped (assigning it sets the prototype).
    JsObject,
}

/// What happens to a lone surrogate (a `\ud800`–`\udfff` escape that is not
/// half of a pair) in a string.
///
/// ```
/// use pacspace_proof::canonical::Strings;
/// assert_eq!("js".parse::<Strings>(), Ok(Strings::Js));
/// assert_eq!(Strings::default().to_string(), "refuse");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Strings {
    /// RFC 8785: such a string has no canonical form. The default.
    #[default]
    Refuse,
    /// ECMAScript's well-formed `JSON.stringify`: written as the escape
    /// `\udxxx` (lowercase hex); every other character as RFC 8785 writes it.
    Js,
}

/// How canonical JSON is written: [`KeyOrder`] and [`Strings`]. The default
/// is RFC 8785, which every function without options uses.
///
/// ```
/// use pacspace_proof::canonical::{CanonicalOptions, KeyOrder, Strings};
/// assert_eq!(CanonicalOptions::default(), CanonicalOptions::RFC8785);
/// assert_eq!(CanonicalOptions::ALL.len(), 4);
/// let js = CanonicalOptions { key_order: KeyOrder::JsObject, strings: Strings::Js };
/// assert_eq!(js.to_string(), "key order js-object, strings js");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CanonicalOptions {
    /// Member order.
    pub key_order: KeyOrder,
    /// Lone surrogates.
    pub strings: Strings,
}

impl CanonicalOptions {
    /// RFC 8785 (JCS): the documented canonical form.
    pub const RFC8785: CanonicalOptions = CanonicalOptions {
        key_order: KeyOrder::CodeUnits,
        strings: Strings::Refuse,
    };

    /// Every combination, RFC 8785 first, then one JavaScript reading at a
    /// time, then both.
    pub const ALL: [CanonicalOptions; 4] = [
        CanonicalOptions::RFC8785,
        CanonicalOptions {
            key_order: KeyOrder::CodeUnits,
            strings: Strings::Js,
        },
        CanonicalOptions {
            key_order: KeyOrder::JsObject,
            strings: Strings::Refuse,
        },
        CanonicalOptions {
            key_order: KeyOrder::JsObject,
            strings: Strings::Js,
        },
    ];

    /// Whether these are the RFC 8785 options.
    ///
    /// ```
    /// assert!(pacspace_proof::canonical::CanonicalOptions::default().is_rfc8785());
    /// ```
    pub const fn is_rfc8785(&self) -> bool {
        matches!(self.key_order, KeyOrder::CodeUnits) && matches!(self.strings, Strings::Refuse)
    }
}

impl KeyOrder {
    /// The name used on the command line and in reports.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::canonical::KeyOrder::JsObject.name(), "js-object");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            KeyOrder::CodeUnits => "code-units",
            KeyOrder::JsObject => "js-object",
        }
    }
}

impl Strings {
    /// The name used on the command line and in reports.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::canonical::Strings::Js.name(), "js");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Strings::Refuse => "refuse",
            Strings::Js => "js",
        }
    }
}

impl fmt::Display for KeyOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Strings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for CanonicalOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key order {}, strings {}", self.key_order, self.strings)
    }
}

/// An option name that is not one of the listed values.
///
/// ```
/// let e = "sorted".parse::<pacspace_proof::canonical::KeyOrder>().unwrap_err();
/// assert_eq!(e.to_string(), "expected one of: code-units, js-object");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected one of: {expected}")]
pub struct ParseOptionError {
    /// The option's accepted values, e.g. `code-units, js-object`.
    pub expected: &'static str,
}

impl FromStr for KeyOrder {
    type Err = ParseOptionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "code-units" => Ok(KeyOrder::CodeUnits),
            "js-object" => Ok(KeyOrder::JsObject),
            _ => Err(ParseOptionError {
                expected: "code-units, js-object",
            }),
        }
    }
}

impl FromStr for Strings {
    type Err = ParseOptionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "refuse" => Ok(Strings::Refuse),
            "js" => Ok(Strings::Js),
            _ => Err(ParseOptionError {
                expected: "refuse, js",
            }),
        }
    }
}

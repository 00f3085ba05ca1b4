//! How an internal node joins its two children (docs/spec.md, section 5).

use core::fmt;
use core::str::FromStr;

/// The three documented readings of `keccak256("pacspace:node:v1:" + left + right)`.
///
/// ```
/// use pacspace_proof::NodeEncoding;
/// assert_eq!("bytes".parse::<NodeEncoding>(), Ok(NodeEncoding::Bytes));
/// assert_eq!(NodeEncoding::default(), NodeEncoding::Hex0x);
/// assert_eq!(NodeEncoding::Hex.to_string(), "hex");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NodeEncoding {
    /// ASCII text `pacspace:node:v1:0x<64 hex>0x<64 hex>` (149 bytes). The default.
    #[default]
    Hex0x,
    /// ASCII text `pacspace:node:v1:<64 hex><64 hex>` (145 bytes).
    Hex,
    /// The 17 prefix bytes followed by the two raw 32-byte hashes (81 bytes).
    Bytes,
}

impl NodeEncoding {
    /// Every encoding, default first: the order detection tries them in.
    pub const ALL: [NodeEncoding; 3] = [NodeEncoding::Hex0x, NodeEncoding::Hex, NodeEncoding::Bytes];

    /// The name used on the wire and on the command line.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::NodeEncoding::Hex0x.name(), "hex0x");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            NodeEncoding::Hex0x => "hex0x",
            NodeEncoding::Hex => "hex",
            NodeEncoding::Bytes => "bytes",
        }
    }
}

impl fmt::Display for NodeEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A node-encoding name that is not `hex0x`, `hex` or `bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("node encoding must be one of: hex0x, hex, bytes")]
pub struct ParseNodeEncodingError;

impl FromStr for NodeEncoding {
    type Err = ParseNodeEncodingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hex0x" => Ok(NodeEncoding::Hex0x),
            "hex" => Ok(NodeEncoding::Hex),
            "bytes" => Ok(NodeEncoding::Bytes),
            _ => Err(ParseNodeEncodingError),
        }
    }
}

#[cfg(feature = "alloc")]
impl serde::Serialize for NodeEncoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(feature = "alloc")]
impl<'de> serde::Deserialize<'de> for NodeEncoding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = NodeEncoding;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one of \"hex0x\", \"hex\", \"bytes\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NodeEncoding, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

//! A reference to one ledger transaction: an EVM transaction hash, a Hedera
//! transaction hash, or a Hedera transaction id.

use alloc::format;
use alloc::string::String;
use core::fmt;

/// Which transaction to look up.
///
/// ```
/// use pacspace_proof::ledger::TxRef;
/// let h = TxRef::parse(&format!("0x{}", "AB".repeat(32))).unwrap();
/// assert_eq!(h.to_string(), format!("0x{}", "ab".repeat(32)));
/// assert!(h.evm_hash().is_some());
///
/// let id = TxRef::parse("0.0.1234@1700000000.000000042").unwrap();
/// assert_eq!(id.to_string(), "0.0.1234-1700000000-000000042");
/// assert!(id.evm_hash().is_none()); // JSON-RPC cannot look it up
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TxRef {
    /// `0x` + 64 hex: an EVM transaction hash (both source kinds can be asked).
    EvmHash([u8; 32]),
    /// `0x` + 96 hex: a Hedera (SHA-384) transaction hash (mirror node only).
    HederaHash([u8; 48]),
    /// A Hedera transaction id, kept in the mirror node's
    /// `shard.realm.num-seconds-nanos` form with nine nano digits (mirror node only).
    TransactionId(String),
}

/// Why a text is not a transaction reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{given:?} is not a transaction reference ({why}); expected 0x + 64 hex (EVM hash), \
     0x + 96 hex (Hedera hash) or a Hedera transaction id such as 0.0.1234-1700000000-000000000"
)]
pub struct TxRefError {
    /// The text given (at most 120 characters of it).
    pub given: String,
    /// What is wrong with it.
    pub why: &'static str,
}

fn hex_bytes<const N: usize>(digits: &str) -> Option<[u8; N]> {
    let bytes = super::hexfield::decode_data(digits).ok()?;
    bytes.as_slice().try_into().ok()
}

fn all_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

impl TxRef {
    /// Parses `0x` + 64 hex, `0x` + 96 hex (either case), or a transaction id
    /// `shard.realm.num-seconds-nanos` (nanos as an integer of 1 to 9 digits)
    /// or the SDKs' `shard.realm.num@seconds.nnnnnnnnn` (exactly 9 digits).
    ///
    /// ```
    /// use pacspace_proof::ledger::TxRef;
    /// assert_eq!(TxRef::parse("0.0.5-1700000000-7").unwrap().to_string(), "0.0.5-1700000000-000000007");
    /// assert!(TxRef::parse("0x1234").is_err());
    /// assert!(TxRef::parse("0.0.5@1700000000.7").is_err()); // ambiguous fraction
    /// ```
    pub fn parse(text: &str) -> Result<Self, TxRefError> {
        let err = |why| TxRefError {
            given: text.chars().take(120).collect(),
            why,
        };
        let t = text.trim();
        if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            return match hex.len() {
                64 => hex_bytes::<32>(hex)
                    .map(TxRef::EvmHash)
                    .ok_or_else(|| err("not hex")),
                96 => hex_bytes::<48>(hex)
                    .map(TxRef::HederaHash)
                    .ok_or_else(|| err("not hex")),
                _ => Err(err("a hash has 64 or 96 hex digits")),
            };
        }
        let (account, secs, nanos) = if let Some((account, time)) = t.split_once('@') {
            let (secs, nanos) = time
                .split_once('.')
                .ok_or_else(|| err("no '.' in the valid-start time"))?;
            if nanos.len() != 9 {
                return Err(err("the SDK form needs exactly 9 nanosecond digits"));
            }
            (account, secs, nanos)
        } else {
            let mut parts = t.splitn(3, '-');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(a), Some(s), Some(n)) => (a, s, n),
                _ => return Err(err("neither a 0x hash nor a transaction id")),
            }
        };
        let mut ids = account.split('.');
        let ok_account = matches!(
            (ids.next(), ids.next(), ids.next(), ids.next()),
            (Some(s), Some(r), Some(n), None) if all_digits(s, 1, 10) && all_digits(r, 1, 10) && all_digits(n, 1, 10)
        );
        if !ok_account {
            return Err(err("the account must be shard.realm.num"));
        }
        if !all_digits(secs, 1, 19) || !all_digits(nanos, 1, 9) {
            return Err(err("seconds and nanoseconds must be decimal digits"));
        }
        let n: u32 = nanos.parse().map_err(|_| err("bad nanoseconds"))?;
        Ok(TxRef::TransactionId(format!("{account}-{secs}-{n:09}")))
    }

    /// The 32-byte hash a JSON-RPC source can be asked about, if this is one.
    ///
    /// ```
    /// let t = pacspace_proof::ledger::TxRef::parse(&format!("0x{}", "00".repeat(32))).unwrap();
    /// assert_eq!(t.evm_hash(), Some([0u8; 32]));
    /// ```
    pub fn evm_hash(&self) -> Option<[u8; 32]> {
        match self {
            TxRef::EvmHash(h) => Some(*h),
            _ => None,
        }
    }
}

impl fmt::Display for TxRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = |f: &mut fmt::Formatter<'_>, bytes: &[u8]| {
            f.write_str("0x")?;
            bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
        };
        match self {
            TxRef::EvmHash(h) => hex(f, h),
            TxRef::HederaHash(h) => hex(f, h),
            TxRef::TransactionId(id) => f.write_str(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn forms() {
        let h48 = format!("0x{}", "cd".repeat(48));
        assert_eq!(TxRef::parse(&h48).unwrap().to_string(), h48);
        assert_eq!(
            TxRef::parse("0.0.1234-1700000000-000000042").unwrap(),
            TxRef::parse("0.0.1234@1700000000.000000042").unwrap()
        );
        for bad in [
            "",
            "0x",
            &format!("0x{}", "zz".repeat(32)),
            "0.0-1-1",
            "0.0.1.2-1-1",
            "0.0.1-1",
            "0.0.1-1-1234567890",
            "0.0.1-x-1",
            "0.0.a-1-1",
            "0.0.1@1",
        ] {
            assert!(TxRef::parse(bad).is_err(), "{bad:?}");
        }
    }
}

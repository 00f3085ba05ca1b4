//! Ledger evidence carried in a bundle: the network, the transaction, and
//! the recorded answers of the sources asked about it, each with its URL,
//! the time it was asked, its raw body and the body's SHA-256 — the answers
//! of a `pacspace-ledger-answers/v1` file, so that the anchor check can be
//! repeated offline from the bundle alone.

use crate::bundle::reader;
use crate::receipt::wire::Extra;
use alloc::string::String;
use alloc::vec::Vec;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `format` of a recorded ledger answers file.
pub const LEDGER_ANSWERS_FORMAT: &str = "pacspace-ledger-answers/v1";

/// The ledger evidence of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEvidence {
    /// The network asked about (`mainnet`, `testnet`).
    pub network: String,
    /// The transaction reference asked about.
    pub transaction: String,
    /// Every recorded answer, in the order asked.
    pub answers: Vec<RecordedAnswer>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One source's recorded answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedAnswer {
    /// `mirror` (Hedera mirror node) or `rpc` (JSON-RPC relay).
    pub kind: String,
    /// The URL asked.
    pub url: String,
    /// The JSON-RPC method (rpc answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// When it was asked (RFC 3339).
    pub asked_at: String,
    /// The HTTP status; `null` when no HTTP answer came.
    pub status: Option<u16>,
    /// The raw body.
    pub body: String,
    /// Lowercase hex SHA-256 of the body's UTF-8 bytes.
    pub body_sha256: String,
    /// Why no HTTP answer came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Lowercase hex SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl RecordedAnswer {
    /// The SHA-256 of the body as it is now, when it differs from `bodySha256`.
    ///
    /// ```
    /// let mut a = pacspace_proof::bundle::RecordedAnswer { kind: "mirror".into(), url: "http://127.0.0.1:1/x".into(),
    ///   method: None, asked_at: "1970-01-01T00:00:00Z".into(), status: Some(200), body: "{}".into(),
    ///   body_sha256: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a".into(), error: None,
    ///   extra: Default::default() };
    /// assert_eq!(a.changed_body(), None);
    /// a.body.push(' ');
    /// assert!(a.changed_body().is_some());
    /// ```
    pub fn changed_body(&self) -> Option<String> {
        let now = sha256_hex(self.body.as_bytes());
        (!self.body_sha256.eq_ignore_ascii_case(&now)).then_some(now)
    }
}

impl LedgerEvidence {
    /// Reads a `pacspace-ledger-answers/v1` file, refusing another format
    /// and any answer whose body no longer has its recorded SHA-256.
    ///
    /// ```
    /// use pacspace_proof::bundle::LedgerEvidence;
    /// let text = r#"{"format":"pacspace-ledger-answers/v1","network":"testnet","tx":"0.0.5-1700000000-000000001",
    ///   "answers":[{"kind":"mirror","url":"http://127.0.0.1:1/x","askedAt":"1970-01-01T00:00:00Z","status":200,
    ///   "body":"{}","bodySha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}]}"#;
    /// let e = LedgerEvidence::from_answers_json(text).unwrap();
    /// assert_eq!((e.network.as_str(), e.answers.len()), ("testnet", 1));
    /// assert!(LedgerEvidence::from_answers_json(&text.replace(r#""body":"{}""#, r#""body":"[]""#)).is_err());
    /// ```
    pub fn from_answers_json(text: &str) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| alloc::format!("not a recorded answers file ({LEDGER_ANSWERS_FORMAT}): {e}"))?;
        let read = || -> Result<(String, LedgerEvidence), crate::bundle::BundleError> {
            let o = reader::Object::at(&value, String::new())?;
            let evidence = LedgerEvidence {
                network: o.string("network")?,
                transaction: o.string("tx")?,
                answers: reader::answers(&o)?,
                extra: Extra::new(),
            };
            Ok((o.string("format")?, evidence))
        };
        let (format, evidence) = read()
            .map_err(|e| alloc::format!("not a recorded answers file ({LEDGER_ANSWERS_FORMAT}): {e}"))?;
        if format != LEDGER_ANSWERS_FORMAT {
            return Err(alloc::format!(
                "format {:?} is not {LEDGER_ANSWERS_FORMAT:?}",
                crate::bundle::format::short(&format)
            ));
        }
        for (j, a) in evidence.answers.iter().enumerate() {
            if let Some(now) = a.changed_body() {
                return Err(alloc::format!(
                    "answers[{j}] from {}: the body's SHA-256 is {now}, not the recorded {}",
                    a.url,
                    crate::bundle::format::short(&a.body_sha256)
                ));
            }
        }
        Ok(evidence)
    }

    /// The evidence as a `pacspace-ledger-answers/v1` file's text, for the
    /// ledger check.
    ///
    /// ```
    /// use pacspace_proof::bundle::LedgerEvidence;
    /// let e = LedgerEvidence { network: "mainnet".into(), transaction: "0x01".into(), answers: vec![], extra: Default::default() };
    /// let text = e.to_answers_json();
    /// assert_eq!(LedgerEvidence::from_answers_json(&text).unwrap(), e);
    /// ```
    pub fn to_answers_json(&self) -> String {
        let answers: Vec<serde_json::Value> = self
            .answers
            .iter()
            .map(|a| {
                let mut v = serde_json::to_value(a).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    for k in a.extra.keys() {
                        o.remove(k);
                    }
                }
                v
            })
            .collect();
        let file = serde_json::json!({
            "format": LEDGER_ANSWERS_FORMAT,
            "network": self.network,
            "tx": self.transaction,
            "answers": answers,
        });
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }
}

//! The service's balance answers (docs/spec.md, section 12), read with their numbers
//! as written: derive, receipt / invoice proof, public verify summary,
//! checkpoint. Detected by their keys, enveloped in `{success, data}` or not.

use super::decimal::Decimal;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

/// A figure as the answer writes it: JSON number text (or a string holding one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure(pub(crate) String);

/// One window of a receipt / invoice proof.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Window {
    pub(crate) period: Option<String>,
    pub(crate) net_change: Option<Figure>,
    pub(crate) credits: Option<Figure>,
    pub(crate) debits: Option<Figure>,
    pub(crate) count: Option<Figure>,
}

/// One balance answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// `GET /balance/derive/:customerId`.
    Derive {
        customer: String,
        computed: Option<Figure>,
        starting: Option<Figure>,
        count: Option<Figure>,
        latest: Option<String>,
    },
    /// `GET /balance/receipt/:customerId` or `/balance/invoice-proof/:customerId`.
    Statement {
        customer: String,
        final_balance: Option<Figure>,
        starting: Option<Figure>,
        count: Option<Figure>,
        windows: Vec<Window>,
        proof_root: Option<String>,
    },
    /// The public verify endpoint's `summary`.
    Summary {
        proof_root: Option<String>,
        customer: Option<String>,
        record_count: Option<Figure>,
        net_change: Option<Figure>,
        starting: Option<Figure>,
        ending: Option<Figure>,
    },
    /// A checkpoint and its root.
    Checkpoint {
        id: String,
        customer: Option<String>,
        root: Option<String>,
    },
}

type Obj<'a> = HashMap<Cow<'a, str>, &'a RawValue>;

fn object(text: &str) -> Option<Obj<'_>> {
    serde_json::from_str(text).ok()
}

fn string(o: &Obj<'_>, key: &str) -> Option<String> {
    let raw = o.get(key)?;
    serde_json::from_str::<String>(raw.get()).ok()
}

fn figure(o: &Obj<'_>, key: &str) -> Result<Option<Figure>, String> {
    let Some(raw) = o.get(key) else { return Ok(None) };
    let text = raw.get();
    if text == "null" {
        return Ok(None);
    }
    let inner = serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_string());
    match Decimal::parse(&inner) {
        Err(super::decimal::DecimalError::Syntax) => Err(format!("\"{key}\" is not a number: {text}")),
        _ => Ok(Some(Figure(inner))),
    }
}

/// Reads one answers line.
pub(crate) fn parse_answer(line: &[u8]) -> Result<Answer, String> {
    let text = core::str::from_utf8(line).map_err(|e| e.to_string())?;
    let outer = object(text).ok_or("not a JSON object")?;
    let payload = match outer.get("data").and_then(|d| object(d.get())) {
        Some(data) => data,
        None => outer,
    };
    let p = &payload;
    let customer = string(p, "customerId");
    let need_customer = |kind: &str| {
        customer
            .clone()
            .ok_or(format!("a {kind} answer needs its customerId"))
    };
    if p.contains_key("computedBalance") {
        return Ok(Answer::Derive {
            customer: need_customer("derive")?,
            computed: figure(p, "computedBalance")?,
            starting: figure(p, "startingBalance")?,
            count: figure(p, "deltasCount")?,
            latest: string(p, "latestReceiptId"),
        });
    }
    if p.contains_key("finalBalance") {
        let mut windows = Vec::new();
        if let Some(list) = p.get("windowSummaries") {
            let items: Vec<&RawValue> =
                serde_json::from_str(list.get()).map_err(|_| "\"windowSummaries\" is not an array")?;
            for item in items {
                let w = object(item.get()).ok_or("a window summary is not an object")?;
                windows.push(Window {
                    period: string(&w, "period"),
                    net_change: figure(&w, "netChange")?,
                    credits: figure(&w, "totalCredits")?,
                    debits: figure(&w, "totalDebits")?,
                    count: figure(&w, "deltasCount")?,
                });
            }
        }
        return Ok(Answer::Statement {
            customer: need_customer("receipt")?,
            final_balance: figure(p, "finalBalance")?,
            starting: figure(p, "startingBalance")?,
            count: figure(p, "deltasCount")?,
            windows,
            proof_root: string(p, "proofRoot"),
        });
    }
    if p.contains_key("checkpointId") {
        return Ok(Answer::Checkpoint {
            id: string(p, "checkpointId").unwrap_or_default(),
            customer,
            root: string(p, "proofRoot").or_else(|| string(p, "merkleRoot")),
        });
    }
    let summary = p.get("summary").and_then(|s| object(s.get()));
    let s = summary.as_ref().unwrap_or(p);
    if summary.is_some()
        || ["recordCount", "netChange", "endingBalance"]
            .iter()
            .any(|k| p.contains_key(*k))
    {
        return Ok(Answer::Summary {
            proof_root: string(p, "proofRoot").or_else(|| string(p, "proofHash")),
            customer,
            record_count: figure(s, "recordCount")?,
            net_change: figure(s, "netChange")?,
            starting: figure(s, "startingBalance")?,
            ending: figure(s, "endingBalance")?,
        });
    }
    Err(
        "not a balance answer: no computedBalance (derive), finalBalance (receipt / invoice proof), \
         summary (verify) or checkpointId (checkpoint)"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_is_recognised_with_its_figures_as_written() {
        let derive = parse_answer(
            br#"{"success":true,"data":{"customerId":"c","computedBalance":1.10,"deltasCount":"3"}}"#,
        );
        assert!(
            matches!(derive, Ok(Answer::Derive { computed: Some(Figure(ref t)), count: Some(Figure(ref n)), .. }) if t == "1.10" && n == "3")
        );
        let st = parse_answer(
            br#"{"customerId":"c","finalBalance":"2","windowSummaries":[{"period":"2026-01","netChange":-0.5}]}"#,
        )
        .unwrap();
        assert!(matches!(st, Answer::Statement { ref windows, .. } if windows.len() == 1));
        let summary = parse_answer(
            br#"{"verified":true,"proofRoot":"0xab","summary":{"recordCount":2,"netChange":0.3}}"#,
        );
        assert!(matches!(
            summary,
            Ok(Answer::Summary {
                proof_root: Some(_),
                ..
            })
        ));
        let chk = parse_answer(br#"{"checkpointId":"chk_1","merkleRoot":"0xcd"}"#).unwrap();
        assert!(matches!(chk, Answer::Checkpoint { root: Some(ref r), .. } if r == "0xcd"));
        assert!(parse_answer(br#"{"computedBalance":1}"#).is_err());
        assert!(parse_answer(br#"{"customerId":"c","computedBalance":"abc"}"#).is_err());
        assert!(parse_answer(b"[1]").is_err());
    }
}

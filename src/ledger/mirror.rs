//! The Hedera mirror node's answer to
//! `GET {base}/api/v1/contracts/results/{transactionIdOrHash}`
//! (schema `ContractResultDetails` of the mirror node's OpenAPI description).

use super::evidence::{Evidence, NoAnswer, Reading, TimeKind};
use super::json::{self, shape};
use super::time::Timestamp;
use super::txref::TxRef;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

/// The request path under a mirror node base URL for `tx`.
///
/// ```
/// use pacspace_proof::ledger::{mirror_url, TxRef};
/// let tx = TxRef::parse("0.0.5-1700000000-000000001").unwrap();
/// assert_eq!(mirror_url("https://testnet.mirrornode.hedera.com/", &tx),
///            "https://testnet.mirrornode.hedera.com/api/v1/contracts/results/0.0.5-1700000000-000000001");
/// ```
pub fn mirror_url(base: &str, tx: &TxRef) -> String {
    format!("{}/api/v1/contracts/results/{tx}", base.trim_end_matches('/'))
}

/// Reads the mirror node's answer (HTTP status and raw body) about `tx`.
///
/// 200 and 206 carry a `ContractResultDetails`; 404 with the mirror node's
/// error body (`{"_status":{"messages":[…]}}`) means the transaction is
/// unknown; anything else is no answer (a 404 without that body, for example
/// from a wrong base URL, is not taken as "unknown").
///
/// ```
/// use pacspace_proof::ledger::{read_mirror, Reading, TxRef};
/// let tx = TxRef::parse(&format!("0x{}", "11".repeat(32))).unwrap();
/// let r = read_mirror(404, r#"{"_status":{"messages":[{"message":"Not found"}]}}"#, &tx);
/// assert!(matches!(r, Reading::Unknown { .. }));
/// let body = r#"{"function_parameters":"0x","logs":[],"result":"SUCCESS","status":"0x1",
///                "timestamp":"1700000000.000000001","to":null,"block_number":5}"#;
/// assert!(matches!(read_mirror(200, body, &tx), Reading::Known(_)));
/// ```
pub fn read_mirror(status: u16, body: &str, tx: &TxRef) -> Reading {
    match status {
        200 | 206 => match details(status == 206, body, tx) {
            Ok(ev) => Reading::Known(ev),
            Err(e) => Reading::NoAnswer(e),
        },
        404 => match not_found_message(body) {
            Some(msg) => Reading::Unknown {
                why: format!("the mirror node answered 404 ({msg})"),
            },
            None => Reading::NoAnswer(NoAnswer::Inconsistent(
                "HTTP 404 without the mirror node's error body (is the base URL right?)".to_string(),
            )),
        },
        code => Reading::NoAnswer(NoAnswer::HttpStatus { code }),
    }
}

/// The first message of a mirror node `Error` body, if the body has that shape.
fn not_found_message(body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    let messages = v.get("_status")?.get("messages")?.as_array()?;
    let first = messages
        .first()
        .and_then(|m| m.get("message"))
        .and_then(Value::as_str)
        .unwrap_or("no message");
    Some(first.chars().take(200).collect())
}

fn details(partial: bool, body: &str, tx: &TxRef) -> Result<Evidence, NoAnswer> {
    let v = json::parse_body(body)?;
    let o = json::as_object(&v, "(body)")?;
    let call_data = json::opt_data(o, "", "function_parameters")?;
    let logs = json::logs(o, "")?;
    let result = json::opt_str(o, "", "result")?;
    let status = json::opt_str(o, "", "status")?;
    let status_ok = match status {
        None => None,
        Some(s) => match json::opt_quantity(o, "", "status")? {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => return Err(shape("status", format!("{s:?} is neither 0x0 nor 0x1"))),
        },
    };
    let result_ok = result.map(|r| r == "SUCCESS");
    let success = match (result_ok, status_ok) {
        (Some(a), Some(b)) if a != b => {
            return Err(NoAnswer::Inconsistent(format!(
                "result is {:?} but status is {:?}",
                result.unwrap_or(""),
                status.unwrap_or("")
            )));
        }
        (Some(a), _) => a,
        (None, Some(b)) => b,
        (None, None) => return Err(shape("result", "missing, and no status either")),
    };
    let status_text = result.or(status).unwrap_or("").to_string();
    let time_text = json::req_str(o, "", "timestamp")?;
    let time = Timestamp::parse_seconds_nanos(time_text).map_err(|e| shape("timestamp", e))?;
    let to = json::opt_address(o, "", "to")?;
    let hash = json::opt_str(o, "", "hash")?.map(str::to_ascii_lowercase);
    if let (TxRef::EvmHash(_), Some(h)) = (tx, &hash) {
        let wanted = tx.to_string();
        if h.len() == 66 && *h != wanted {
            return Err(NoAnswer::WrongSubject {
                field: "hash".to_string(),
                found: h.clone(),
            });
        }
    }
    let block_number = json::opt_u64(o, "", "block_number")?;
    let chain_id = json::opt_quantity(o, "", "chain_id")?;
    Ok(Evidence {
        hash,
        to,
        success,
        status_text,
        time,
        time_kind: TimeKind::Consensus,
        call_data,
        logs,
        block_number,
        chain_id,
        partial,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx() -> TxRef {
        TxRef::parse(&format!("0x{}", "22".repeat(32))).unwrap()
    }

    #[test]
    fn failure_and_contradictions() {
        let failed = r#"{"result":"CONTRACT_REVERT_EXECUTED","status":"0x0","timestamp":"1.1"}"#;
        match read_mirror(200, failed, &tx()) {
            Reading::Known(ev) => {
                assert!(!ev.success);
                assert_eq!(ev.status_text, "CONTRACT_REVERT_EXECUTED");
            }
            other => panic!("{other:?}"),
        }
        let contradiction = r#"{"result":"SUCCESS","status":"0x0","timestamp":"1.1"}"#;
        assert!(matches!(
            read_mirror(200, contradiction, &tx()),
            Reading::NoAnswer(NoAnswer::Inconsistent(_))
        ));
    }

    #[test]
    fn shape_errors_name_the_field() {
        let bad_topic = r#"{"result":"SUCCESS","timestamp":"1.1","logs":[{"topics":["0xzz"]}]}"#;
        match read_mirror(200, bad_topic, &tx()) {
            Reading::NoAnswer(NoAnswer::Shape { field, .. }) => assert_eq!(field, "logs[0].topics[0]"),
            other => panic!("{other:?}"),
        }
        let no_time = r#"{"result":"SUCCESS"}"#;
        match read_mirror(200, no_time, &tx()) {
            Reading::NoAnswer(NoAnswer::Shape { field, .. }) => assert_eq!(field, "timestamp"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_mirror(404, "<html>not here</html>", &tx()),
            Reading::NoAnswer(NoAnswer::Inconsistent(_))
        ));
        assert!(matches!(
            read_mirror(200, "{", &tx()),
            Reading::NoAnswer(NoAnswer::NotJson(_))
        ));
    }

    #[test]
    fn another_transactions_answer_is_refused() {
        let other = format!(
            r#"{{"result":"SUCCESS","timestamp":"1.1","hash":"0x{}"}}"#,
            "33".repeat(32)
        );
        assert!(matches!(
            read_mirror(200, &other, &tx()),
            Reading::NoAnswer(NoAnswer::WrongSubject { .. })
        ));
    }
}

//! Ethereum JSON-RPC answers (Hedera's relay or any compatible endpoint):
//! `eth_getTransactionByHash` (input, to), `eth_getTransactionReceipt`
//! (status, logs, blockNumber) and `eth_getBlockByNumber` (timestamp).

use super::evidence::{Evidence, NoAnswer, Reading, TimeKind};
use super::json::{self, shape};
use super::time::Timestamp;
use super::txref::TxRef;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

/// The three calls made to a JSON-RPC source, in order.
///
/// ```
/// use pacspace_proof::ledger::RpcMethod;
/// assert_eq!(RpcMethod::Receipt.name(), "eth_getTransactionReceipt");
/// assert_eq!(RpcMethod::from_name("eth_getBlockByNumber"), Some(RpcMethod::Block));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RpcMethod {
    /// `eth_getTransactionByHash`.
    Transaction,
    /// `eth_getTransactionReceipt`.
    Receipt,
    /// `eth_getBlockByNumber`.
    Block,
}

impl RpcMethod {
    /// All three, in the order they are asked.
    pub const ALL: [RpcMethod; 3] = [RpcMethod::Transaction, RpcMethod::Receipt, RpcMethod::Block];

    /// The JSON-RPC method name.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::RpcMethod::Transaction.name(), "eth_getTransactionByHash");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            RpcMethod::Transaction => "eth_getTransactionByHash",
            RpcMethod::Receipt => "eth_getTransactionReceipt",
            RpcMethod::Block => "eth_getBlockByNumber",
        }
    }

    /// The method with this JSON-RPC name, if it is one of the three.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::RpcMethod::from_name("eth_call"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<RpcMethod> {
        RpcMethod::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The JSON-RPC request body: `params` is `[hash]` for the first two and
    /// `[blockNumber, false]` for the block. `arg` is the `0x` hash or quantity.
    ///
    /// ```
    /// use pacspace_proof::ledger::RpcMethod;
    /// assert_eq!(RpcMethod::Block.request("0x1b4"),
    ///     r#"{"jsonrpc":"2.0","id":3,"method":"eth_getBlockByNumber","params":["0x1b4",false]}"#);
    /// ```
    pub fn request(self, arg: &str) -> String {
        let (id, params) = match self {
            RpcMethod::Transaction => (1, format!("[\"{arg}\"]")),
            RpcMethod::Receipt => (2, format!("[\"{arg}\"]")),
            RpcMethod::Block => (3, format!("[\"{arg}\",false]")),
        };
        format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{}\",\"params\":{params}}}",
            self.name()
        )
    }
}

/// One recorded exchange: HTTP status and raw body.
pub type Exchange<'a> = (u16, &'a str);

/// The `result` of a JSON-RPC answer: `Ok(None)` for `null`.
///
/// ```
/// use pacspace_proof::ledger::{rpc_result, RpcMethod};
/// assert_eq!(rpc_result(RpcMethod::Transaction, 200, r#"{"jsonrpc":"2.0","id":1,"result":null}"#), Ok(None));
/// assert!(rpc_result(RpcMethod::Transaction, 200,
///     r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"bad"}}"#).is_err());
/// ```
pub fn rpc_result(method: RpcMethod, status: u16, body: &str) -> Result<Option<Value>, NoAnswer> {
    if status != 200 {
        return Err(NoAnswer::HttpStatus { code: status });
    }
    let v = json::parse_body(body)?;
    let o = json::as_object(&v, "(body)")?;
    if let Some(err) = o.get("error").filter(|e| !e.is_null()) {
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        return Err(NoAnswer::RpcError {
            method: method.name(),
            code,
            message,
        });
    }
    match o.get("result") {
        None => Err(shape("result", "missing (neither result nor error)")),
        Some(Value::Null) => Ok(None),
        Some(r) => Ok(Some(r.clone())),
    }
}

/// Reads a JSON-RPC source's answers about `tx`: the transaction, then its
/// receipt and block (absent when not asked because the transaction was `null`).
///
/// ```
/// use pacspace_proof::ledger::{read_rpc, Reading, TxRef};
/// let tx = TxRef::parse(&format!("0x{}", "11".repeat(32))).unwrap();
/// let none = r#"{"jsonrpc":"2.0","id":1,"result":null}"#;
/// assert!(matches!(read_rpc(&tx, Some((200, none)), None, None), Reading::Unknown { .. }));
/// ```
pub fn read_rpc(
    tx: &TxRef,
    transaction: Option<Exchange<'_>>,
    receipt: Option<Exchange<'_>>,
    block: Option<Exchange<'_>>,
) -> Reading {
    match evidence(tx, transaction, receipt, block) {
        Ok(Some(ev)) => Reading::Known(ev),
        Ok(None) => Reading::Unknown {
            why: "eth_getTransactionByHash returned null".to_string(),
        },
        Err(e) => Reading::NoAnswer(e),
    }
}

fn needed(method: RpcMethod, ex: Option<Exchange<'_>>) -> Result<Value, NoAnswer> {
    let (status, body) = ex.ok_or(NoAnswer::MissingExchange {
        method: method.name(),
    })?;
    rpc_result(method, status, body)?.ok_or_else(|| {
        NoAnswer::Inconsistent(format!(
            "the transaction is known but {} returned null",
            method.name()
        ))
    })
}

fn same_hash(field: &str, found: Option<&str>, wanted: &str) -> Result<(), NoAnswer> {
    match found {
        Some(h) if h.eq_ignore_ascii_case(wanted) => Ok(()),
        Some(h) => Err(NoAnswer::WrongSubject {
            field: field.to_string(),
            found: h.chars().take(100).collect(),
        }),
        None => Err(shape(field, "missing")),
    }
}

fn evidence(
    tx: &TxRef,
    transaction: Option<Exchange<'_>>,
    receipt: Option<Exchange<'_>>,
    block: Option<Exchange<'_>>,
) -> Result<Option<Evidence>, NoAnswer> {
    if tx.evm_hash().is_none() {
        return Err(NoAnswer::NotAsked(
            "a JSON-RPC source can only be asked about a 0x + 64 hex transaction hash".to_string(),
        ));
    }
    let wanted = tx.to_string();
    let (status, body) = transaction.ok_or(NoAnswer::MissingExchange {
        method: RpcMethod::Transaction.name(),
    })?;
    let Some(t) = rpc_result(RpcMethod::Transaction, status, body)? else {
        return Ok(None);
    };
    let t = json::as_object(&t, "result")?;
    same_hash("result.hash", json::opt_str(t, "result", "hash")?, &wanted)?;
    let call_data = json::opt_data(t, "result", "input")?;
    let to = json::opt_address(t, "result", "to")?;
    let tx_block = json::opt_quantity(t, "result", "blockNumber")?;
    let chain_id = json::opt_quantity(t, "result", "chainId")?;

    let r = needed(RpcMethod::Receipt, receipt)?;
    let r = json::as_object(&r, "receipt")?;
    same_hash(
        "receipt.transactionHash",
        json::opt_str(r, "receipt", "transactionHash")?,
        &wanted,
    )?;
    let status_text = json::req_str(r, "receipt", "status")?;
    let success = match json::opt_quantity(r, "receipt", "status")? {
        Some(1) => true,
        Some(0) => false,
        _ => return Err(shape("receipt.status", "neither 0x0 nor 0x1")),
    };
    let block_number = json::opt_quantity(r, "receipt", "blockNumber")?
        .ok_or_else(|| shape("receipt.blockNumber", "missing"))?;
    if let Some(b) = tx_block.filter(|b| *b != block_number) {
        return Err(NoAnswer::Inconsistent(format!(
            "the transaction says block {b}, its receipt block {block_number}"
        )));
    }
    if let (Some(a), Some(b)) = (to, json::opt_address(r, "receipt", "to")?)
        && a != b
    {
        return Err(NoAnswer::Inconsistent(format!(
            "the transaction is to {a}, its receipt to {b}"
        )));
    }
    let logs = json::logs(r, "receipt")?;

    let b = needed(RpcMethod::Block, block)?;
    let b = json::as_object(&b, "block")?;
    let number = json::opt_quantity(b, "block", "number")?.ok_or_else(|| shape("block.number", "missing"))?;
    if number != block_number {
        return Err(NoAnswer::WrongSubject {
            field: "block.number".to_string(),
            found: format!("{number} (asked about block {block_number})"),
        });
    }
    let secs =
        json::opt_quantity(b, "block", "timestamp")?.ok_or_else(|| shape("block.timestamp", "missing"))?;
    let time = i64::try_from(secs)
        .ok()
        .and_then(|s| Timestamp::new(s, 0))
        .ok_or_else(|| shape("block.timestamp", "out of range"))?;
    Ok(Some(Evidence {
        hash: Some(wanted),
        to,
        success,
        status_text: status_text.to_string(),
        time,
        time_kind: TimeKind::Block,
        call_data,
        logs,
        block_number: Some(block_number),
        chain_id,
        partial: false,
    }))
}

/// The block-number argument for `eth_getBlockByNumber` from a receipt answer.
#[cfg(feature = "ledger")]
pub(crate) fn receipt_block(status: u16, body: &str) -> Option<String> {
    let r = rpc_result(RpcMethod::Receipt, status, body).ok()??;
    let n = r.get("blockNumber")?.as_str()?;
    super::hexfield::parse_quantity(n).ok()?;
    Some(n.to_string())
}

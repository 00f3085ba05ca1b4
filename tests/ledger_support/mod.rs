//! Scripted ledger sources on 127.0.0.1 for the ledger tests: a Hedera mirror
//! node fake answering `GET /api/v1/contracts/results/{id}` with bodies shaped
//! as `ContractResultDetails` in the mirror node's OpenAPI description, and an
//! Ethereum JSON-RPC fake answering `eth_getTransactionByHash`,
//! `eth_getTransactionReceipt` and `eth_getBlockByNumber` as the JSON-RPC
//! specification shapes them.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The root the tests look for (the itemsRoot of examples/receipts/batch.json).
pub const ROOT: &str = "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630";

pub fn root() -> pacspace_proof::Hash32 {
    ROOT.parse().expect("root")
}

pub fn root_bytes() -> [u8; 32] {
    *root().as_bytes()
}

pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::from("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

pub fn quantity(n: u64) -> String {
    format!("0x{n:x}")
}

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            delay: Duration::ZERO,
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

/// One request as a fake saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub body: String,
}

impl Seen {
    /// The JSON-RPC method of a POST body.
    pub fn rpc_method(&self) -> String {
        serde_json::from_str::<Value>(&self.body)
            .ok()
            .and_then(|v| v["method"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }
    pub fn rpc_params(&self) -> Value {
        serde_json::from_str::<Value>(&self.body)
            .map(|v| v["params"].clone())
            .unwrap_or(Value::Null)
    }
}

type Handler = Box<dyn Fn(&Seen) -> Reply + Send + 'static>;

/// A server on 127.0.0.1 answering every request with `handler`, until dropped.
pub struct Fake {
    pub base_url: String,
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Fake {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + 'static) -> Self {
        let handler: Handler = Box::new(handler);
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind loopback");
        let port = server.server_addr().to_ip().expect("ip").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log, halt) = (Arc::clone(&seen), Arc::clone(&stop));
        let handle = std::thread::spawn(move || {
            while !halt.load(Ordering::Relaxed) {
                let Ok(Some(mut req)) = server.recv_timeout(Duration::from_millis(20)) else {
                    continue;
                };
                let mut body = String::new();
                let _ = std::io::Read::read_to_string(req.as_reader(), &mut body);
                let s = Seen {
                    method: req.method().as_str().to_owned(),
                    url: req.url().to_owned(),
                    body,
                };
                log.lock().expect("log").push(s.clone());
                let reply = handler(&s);
                std::thread::sleep(reply.delay);
                let mut resp = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                for (k, v) in &reply.headers {
                    resp.add_header(
                        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("header"),
                    );
                }
                let _ = req.respond(resp);
            }
        });
        Fake {
            base_url: format!("http://127.0.0.1:{port}"),
            port,
            seen,
            stop,
            handle: Some(handle),
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// One transaction as the fakes describe it.
#[derive(Clone, Debug)]
pub struct Tx {
    pub hash: [u8; 32],
    pub to: [u8; 20],
    pub from: [u8; 20],
    pub input: Vec<u8>,
    /// (topics, data) per log.
    pub logs: Vec<(Vec<[u8; 32]>, Vec<u8>)>,
    pub success: bool,
    pub consensus_secs: u64,
    pub consensus_nanos: u32,
    pub block_number: u64,
    /// The block's start, whole seconds (the relay's block timestamp).
    pub block_secs: u64,
}

impl Tx {
    /// A successful call whose call data is a selector, a word, then `root` at offset 36.
    pub fn with_root_in_call_data() -> Self {
        let mut input = vec![0x5a, 0x1d, 0x0c, 0x3e];
        input.extend([0u8; 31]);
        input.push(7);
        input.extend(root_bytes());
        Tx {
            hash: [0x4e; 32],
            to: {
                let mut a = [0u8; 20];
                a[17..].copy_from_slice(&[0x2a, 0x1b, 0x3c]);
                a
            },
            from: [0x11; 20],
            input,
            logs: vec![(vec![[0xdd; 32]], vec![0u8; 32])],
            success: true,
            consensus_secs: 1_722_945_601,
            consensus_nanos: 123_456_789,
            block_number: 9_034_117,
            block_secs: 1_722_945_600,
        }
    }

    pub fn hash_hex(&self) -> String {
        hex(&self.hash)
    }

    /// `ContractResultDetails` as the mirror node's OpenAPI description gives it.
    pub fn mirror_json(&self) -> Value {
        let logs: Vec<Value> = self
            .logs
            .iter()
            .enumerate()
            .map(|(i, (topics, data))| {
                json!({
                    "address": hex(&self.to),
                    "bloom": "0x00",
                    "contract_id": "0.0.2759484",
                    "data": hex(data),
                    "index": i,
                    "topics": topics.iter().map(|t| hex(t)).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "access_list": "0x",
            "address": hex(&self.to),
            "amount": 0,
            "block_gas_used": 61_234,
            "block_hash": format!("0x{}", "6c".repeat(48)),
            "block_number": self.block_number,
            "bloom": "0x00",
            "call_result": "0x",
            "chain_id": "0x128",
            "contract_id": "0.0.2759484",
            "created_contract_ids": [],
            "error_message": if self.success { Value::Null } else { json!("0x08c379a0") },
            "failed_initcode": null,
            "from": hex(&self.from),
            "function_parameters": hex(&self.input),
            "gas_consumed": 48_211,
            "gas_limit": 400_000,
            "gas_price": "0x",
            "gas_used": 320_000,
            "hash": self.hash_hex(),
            "logs": logs,
            "max_fee_per_gas": "0x",
            "max_priority_fee_per_gas": "0x",
            "nonce": 12,
            "r": format!("0x{}", "d6".repeat(32)),
            "result": if self.success { "SUCCESS" } else { "CONTRACT_REVERT_EXECUTED" },
            "s": format!("0x{}", "24".repeat(32)),
            "state_changes": [],
            "status": if self.success { "0x1" } else { "0x0" },
            "timestamp": format!("{}.{:09}", self.consensus_secs, self.consensus_nanos),
            "to": hex(&self.to),
            "transaction_index": 3,
            "type": 2,
            "v": 1,
        })
    }

    fn rpc_logs(&self) -> Vec<Value> {
        self.logs
            .iter()
            .enumerate()
            .map(|(i, (topics, data))| {
                json!({
                    "address": hex(&self.to),
                    "blockHash": format!("0x{}", "6c".repeat(32)),
                    "blockNumber": quantity(self.block_number),
                    "data": hex(data),
                    "logIndex": quantity(i as u64),
                    "removed": false,
                    "topics": topics.iter().map(|t| hex(t)).collect::<Vec<_>>(),
                    "transactionHash": self.hash_hex(),
                    "transactionIndex": "0x3",
                })
            })
            .collect()
    }

    /// The `result` of eth_getTransactionByHash.
    pub fn rpc_transaction(&self) -> Value {
        json!({
            "blockHash": format!("0x{}", "6c".repeat(32)),
            "blockNumber": quantity(self.block_number),
            "chainId": "0x128",
            "from": hex(&self.from),
            "gas": "0x61a80",
            "gasPrice": "0x0",
            "hash": self.hash_hex(),
            "input": hex(&self.input),
            "maxFeePerGas": "0x59",
            "maxPriorityFeePerGas": "0x0",
            "nonce": "0xc",
            "r": format!("0x{}", "d6".repeat(32)),
            "s": format!("0x{}", "24".repeat(32)),
            "to": hex(&self.to),
            "transactionIndex": "0x3",
            "type": "0x2",
            "v": "0x1",
            "value": "0x0",
            "accessList": [],
            "yParity": "0x1",
        })
    }

    /// The `result` of eth_getTransactionReceipt.
    pub fn rpc_receipt(&self) -> Value {
        json!({
            "blockHash": format!("0x{}", "6c".repeat(32)),
            "blockNumber": quantity(self.block_number),
            "contractAddress": null,
            "cumulativeGasUsed": "0xef22",
            "effectiveGasPrice": "0x59",
            "from": hex(&self.from),
            "gasUsed": "0xbc53",
            "logs": self.rpc_logs(),
            "logsBloom": format!("0x{}", "00".repeat(256)),
            "status": if self.success { "0x1" } else { "0x0" },
            "to": hex(&self.to),
            "transactionHash": self.hash_hex(),
            "transactionIndex": "0x3",
            "type": "0x2",
        })
    }

    /// The `result` of eth_getBlockByNumber(n, false).
    pub fn rpc_block(&self) -> Value {
        json!({
            "baseFeePerGas": "0x59",
            "difficulty": "0x0",
            "extraData": "0x",
            "gasLimit": "0x1c9c380",
            "gasUsed": "0xef22",
            "hash": format!("0x{}", "6c".repeat(32)),
            "logsBloom": format!("0x{}", "00".repeat(256)),
            "miner": hex(&[0u8; 20]),
            "mixHash": hex(&[0u8; 32]),
            "nonce": "0x0000000000000000",
            "number": quantity(self.block_number),
            "parentHash": format!("0x{}", "5b".repeat(32)),
            "receiptsRoot": hex(&[0u8; 32]),
            "sha3Uncles": hex(&[0u8; 32]),
            "size": "0x2c1",
            "stateRoot": hex(&[0u8; 32]),
            "timestamp": quantity(self.block_secs),
            "totalDifficulty": "0x0",
            "transactions": [self.hash_hex()],
            "transactionsRoot": format!("0x{}", "6c".repeat(32)),
            "uncles": [],
        })
    }
}

pub fn mirror_not_found() -> Reply {
    Reply::json(
        404,
        r#"{"_status":{"messages":[{"message":"No correlating transaction"}]}}"#,
    )
}

/// A mirror node that knows `tx` (by hash, or by `also_id` when given) and nothing else.
pub fn mirror_for(tx: Option<Tx>, also_id: Option<&'static str>) -> Fake {
    Fake::start(move |seen| {
        let Some(tx) = &tx else {
            return mirror_not_found();
        };
        let by_hash = format!("/api/v1/contracts/results/{}", tx.hash_hex());
        let by_id = also_id.map(|id| format!("/api/v1/contracts/results/{id}"));
        if seen.method == "GET" && (seen.url == by_hash || Some(&seen.url) == by_id.as_ref()) {
            Reply::json(200, &tx.mirror_json().to_string())
        } else {
            mirror_not_found()
        }
    })
}

pub fn rpc_answer(id: &Value, result: Value) -> Reply {
    Reply::json(
        200,
        &json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string(),
    )
}

/// A JSON-RPC endpoint that knows `tx` and nothing else.
pub fn rpc_for(tx: Option<Tx>) -> Fake {
    Fake::start(move |seen| {
        let req: Value = serde_json::from_str(&seen.body).unwrap_or(Value::Null);
        let id = req["id"].clone();
        let p0 = req["params"][0].as_str().unwrap_or("").to_ascii_lowercase();
        let Some(tx) = &tx else {
            return rpc_answer(&id, Value::Null);
        };
        match req["method"].as_str() {
            Some("eth_getTransactionByHash") if p0 == tx.hash_hex() => rpc_answer(&id, tx.rpc_transaction()),
            Some("eth_getTransactionReceipt") if p0 == tx.hash_hex() => rpc_answer(&id, tx.rpc_receipt()),
            Some("eth_getBlockByNumber") if p0 == quantity(tx.block_number) => {
                rpc_answer(&id, tx.rpc_block())
            }
            Some(_) => rpc_answer(&id, Value::Null),
            None => Reply::json(
                200,
                &json!({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request"}})
                    .to_string(),
            ),
        }
    })
}

//! Receipt chains (`chain`): every line's root and every previousProofHash
//! link, built with the reference roots.

use super::{Case, case, hv, sample, stray, tweak};
use crate::reference;
use pacspace_proof::{Hash32, NodeEncoding};
use serde_json::{Value, json};

/// `n` linked receipts (bare proof objects) under `enc`, receipt `k` holding
/// `items(k)` item hashes; the first links to `start`.
fn receipts(
    n: usize,
    enc: NodeEncoding,
    items: impl Fn(usize) -> usize,
    start: Value,
    tag: &str,
) -> Vec<Value> {
    let mut prev = start;
    (0..n)
        .map(|k| {
            let leaves: Vec<Hash32> = (0..items(k))
                .map(|j| stray(&format!("chain-{tag}-{k}-{j}")))
                .collect();
            let root = reference::root(&leaves, enc);
            let line = json!({
                "proofHash": hv(&root),
                "contentHash": hv(&leaves[k % leaves.len()]),
                "itemHashes": leaves.iter().map(hv).collect::<Vec<_>>(),
                "previousProofHash": prev,
            });
            prev = hv(&root);
            line
        })
        .collect()
}

fn six(enc: NodeEncoding) -> Vec<Value> {
    receipts(6, enc, |k| k % 3 + 2, Value::Null, "main")
}

fn jsonl(lines: &[Value]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn chain(name: &str, why: &str, text: impl Into<Vec<u8>>) -> Case {
    case(name, why)
        .file("chain.jsonl", text)
        .args(&["chain", "chain.jsonl", "--json"])
}

fn edit(lines: &[Value], f: impl FnOnce(&mut Vec<Value>)) -> Vec<Value> {
    let mut v = lines.to_vec();
    f(&mut v);
    v
}

/// Chains.
pub fn cases() -> Vec<Case> {
    let r = six(NodeEncoding::Hex0x);
    let mut out = vec![
        chain("chain_sample_pass", "The bundled export of three delta.verified events, each linked to the one before.", sample("chain.jsonl"))
            .pass("consistent"),
        chain("chain_six_pass", "Six receipts: every root reproduces and every previousProofHash is the proofHash before it.", jsonl(&r))
            .pass("consistent"),
        chain("chain_single_pass", "One receipt, the tenant's first (previousProofHash null).", jsonl(&r[..1]))
            .pass("consistent"),
        chain("chain_zero_start_pass", "The first receipt's previousProofHash may be the zero hash.",
            jsonl(&receipts(3, NodeEncoding::Hex0x, |_| 2, hv(&Hash32::ZERO), "zero")))
            .pass("consistent"),
        chain("chain_mid_chain_start_pass", "An export that starts mid-chain (the first receipt dropped): the first link cannot be checked and is reported as the start; compare firstProofHash with your own records.",
            jsonl(&r[1..]))
            .pass("consistent"),
        chain("chain_dropped_last_pass", "A chain cut short at the end is still a chain: compare lastProofHash with the last one you stored.", jsonl(&r[..5]))
            .pass("consistent"),
        chain("chain_blank_lines_pass", "Blank lines are skipped.", jsonl(&r).replace('\n', "\n\n"))
            .pass("consistent"),
        chain("chain_crlf_pass", "Lines may end in CRLF.", jsonl(&r).replace('\n', "\r\n"))
            .pass("consistent"),
        chain("chain_hex_encoding_pass", "Six receipts whose roots use node encoding hex, detected on the first.", jsonl(&six(NodeEncoding::Hex)))
            .pass("consistent"),
        chain("chain_bytes_encoding_pass", "Six receipts whose roots use node encoding bytes, detected on the first.", jsonl(&six(NodeEncoding::Bytes)))
            .pass("consistent"),
        chain("chain_one_item_receipts_pass", "Receipts of one item each: every root is its item hash, under any encoding.",
            jsonl(&receipts(4, NodeEncoding::Hex0x, |_| 1, Value::Null, "single")))
            .pass("consistent"),
    ];
    let mixed = vec![
        json!({"event": "delta.verified", "timestamp": "2026-01-01T00:01:00.000Z", "data": {"proof": r[0]}}),
        json!({"data": {"proof": r[1]}}),
        json!({"proof": r[2]}),
        r[3].clone(),
    ];
    out.push(
        chain(
            "chain_mixed_shapes_pass",
            "A line may hold a webhook event, {data:{proof}}, {proof} or the proof itself.",
            jsonl(&mixed),
        )
        .pass("consistent"),
    );
    let opaque: Vec<Value> = (0..3)
        .map(|k| {
            let leaf = stray(&format!("opaque-{k}"));
            json!({"proofHash": format!("rcpt_demo_{k}"), "contentHash": hv(&leaf), "itemHashes": [hv(&leaf)],
                "previousProofHash": if k == 0 { Value::Null } else { format!("rcpt_demo_{}", k - 1).into() }})
        })
        .collect();
    out.push(
        chain(
            "chain_opaque_ids_pass",
            "Opaque receipt ids (rcpt_…) cannot be checked as roots, but their links are compared as text.",
            jsonl(&opaque),
        )
        .pass("consistent"),
    );

    let mut fork = r[1].clone();
    let forked_items = vec![stray("fork-0"), stray("fork-1")];
    fork["itemHashes"] = forked_items.iter().map(hv).collect();
    fork["contentHash"] = hv(&forked_items[0]);
    fork["proofHash"] = hv(&reference::root(&forked_items, NodeEncoding::Hex0x));
    let tampered_root = tweak(&super::h(&r[2]["proofHash"]));
    let mixed_enc: Vec<Value> = {
        let mut first = r[..3].to_vec();
        let tail = receipts(3, NodeEncoding::Bytes, |_| 2, r[2]["proofHash"].clone(), "bytes");
        first.extend(tail);
        first
    };
    let fails: Vec<(&str, &str, Vec<Value>, &str)> = vec![
        (
            "chain_dropped_middle_fail",
            "The third receipt is missing: the fourth does not link to the second.",
            edit(&r, |v| {
                v.remove(2);
            }),
            "chainBreak",
        ),
        (
            "chain_swapped_fail",
            "The third and fourth receipts are swapped.",
            edit(&r, |v| v.swap(2, 3)),
            "chainBreak",
        ),
        (
            "chain_reversed_fail",
            "The receipts in reverse order.",
            edit(&r, |v| v.reverse()),
            "chainBreak",
        ),
        (
            "chain_forked_fail",
            "Two receipts both link to the first: a forked history.",
            vec![r[0].clone(), r[1].clone(), fork.clone()],
            "chainBreak",
        ),
        (
            "chain_duplicated_line_fail",
            "A receipt appears twice.",
            edit(&r, |v| v.insert(2, v[1].clone())),
            "chainBreak",
        ),
        (
            "chain_link_null_midway_fail",
            "A receipt after the first claims to start the chain (previousProofHash null).",
            edit(&r, |v| v[3]["previousProofHash"] = Value::Null),
            "chainBreak",
        ),
        (
            "chain_link_tampered_fail",
            "A previousProofHash has a flipped bit.",
            edit(&r, |v| {
                v[3]["previousProofHash"] = hv(&tweak(&super::h(&v[3]["previousProofHash"])))
            }),
            "chainBreak",
        ),
        (
            "chain_root_tampered_fail",
            "A proofHash is not the root of its itemHashes (the next link follows the tampered value).",
            edit(&r, |v| {
                v[2]["proofHash"] = hv(&tampered_root);
                v[3]["previousProofHash"] = hv(&tampered_root);
            }),
            "rootMismatch",
        ),
        (
            "chain_item_hash_tampered_fail",
            "An itemHash has a flipped bit: its receipt's root no longer reproduces.",
            edit(&r, |v| {
                v[1]["itemHashes"][0] = hv(&tweak(&super::h(&v[1]["itemHashes"][0])))
            }),
            "rootMismatch",
        ),
        (
            "chain_content_hash_missing_fail",
            "A receipt's contentHash is not among its itemHashes.",
            edit(&r, |v| v[1]["contentHash"] = hv(&stray("not-listed"))),
            "contentHashNotInItemHashes",
        ),
        (
            "chain_empty_item_hashes_fail",
            "A receipt lists no itemHashes.",
            edit(&r, |v| v[1]["itemHashes"] = json!([])),
            "emptyItemHashes",
        ),
        (
            "chain_encoding_changed_fail",
            "The later receipts reproduce their roots only under another node encoding than the first ones.",
            mixed_enc,
            "encodingChanged",
        ),
    ];
    for (name, why, lines, error) in fails {
        out.push(chain(name, why, jsonl(&lines)).fail(Some(error), None));
    }
    out.push(
        chain(
            "chain_empty_fail",
            "An empty export holds no receipt: nothing is verified.",
            "",
        )
        .fail(None, None),
    );
    out.push(
        chain(
            "chain_only_blank_lines_fail",
            "An export of blank lines holds no receipt: nothing is verified.",
            "\n\n\n",
        )
        .fail(None, None),
    );
    let mut garbled = jsonl(&r[..2]);
    garbled.push_str("{\"proofHash\": \n");
    out.push(
        chain(
            "chain_not_json_line_fail",
            "Malformed input: a line is not JSON.",
            garbled,
        )
        .bad_input(),
    );
    out.push(
        chain(
            "chain_line_without_proof_fail",
            "Malformed input: a line holds no receipt proof.",
            format!("{}{{\"hello\":1}}\n", jsonl(&r[..2])),
        )
        .bad_input(),
    );
    out.push(
        chain(
            "chain_malformed_hash_fail",
            "Malformed input: a contentHash is not 0x + 64 lowercase hex digits.",
            jsonl(&edit(&r, |v| v[1]["contentHash"] = "0x12".into())),
        )
        .bad_input(),
    );
    out
}

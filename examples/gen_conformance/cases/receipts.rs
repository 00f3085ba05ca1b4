//! Emit responses (`receipt`).

use super::{Case, Failing, case, h, hv, item_hash, sample_json, stray, tweak};
use crate::reference;
use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding};
use serde_json::{Value, json};

/// A `receipt` case over `artefact` (and `deltas`, when given, as `--items`).
pub(super) fn receipt(
    name: &str,
    why: &str,
    artefact: &Value,
    deltas: Option<&Value>,
    extra: &[&str],
) -> Case {
    let mut c = case(name, why)
        .json("artefact.json", artefact)
        .args(&["receipt", "artefact.json", "--json"]);
    if let Some(d) = deltas {
        c = c.json("deltas.json", d).args(&["--items", "deltas.json"]);
    }
    c.args(extra)
}

pub(super) fn hashes(v: &Value) -> Vec<Hash32> {
    v.as_array()
        .map(|a| a.iter().map(h).collect())
        .unwrap_or_default()
}

/// Sets the emit's itemHashes and both root fields consistently under `enc`.
fn reroot_emit(emit: &mut Value, leaves: &[Hash32], enc: NodeEncoding) {
    let root = reference::root(leaves, enc);
    let d = &mut emit["data"];
    d["itemHashes"] = leaves.iter().map(hv).collect();
    d["itemsRoot"] = hv(&root);
    d["receiptId"] = hv(&root);
}

/// Emit responses.
pub fn emit() -> Vec<Case> {
    let emit = sample_json("emit.json");
    let delta = sample_json("emit-delta.json");
    let leaves = hashes(&emit["data"]["itemHashes"]);
    let root = h(&emit["data"]["itemsRoot"]);
    let root_s = root.to_string();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = emit.clone();
        f(&mut v);
        v
    };
    let mut out = vec![
        receipt("emit_pass", "A genuine emit response agrees with itself: itemsRoot and receiptId are the root of its itemHashes.", &emit, None, &[])
            .pass("consistent"),
        receipt("emit_with_delta_pass", "The submitted delta hashes to one of the itemHashes, whose root is itemsRoot and receiptId.", &emit, Some(&delta), &[])
            .pass("verified"),
        receipt("emit_with_stored_receipt_pass", "The stored receiptId is the root recomputed from the itemHashes.", &emit, None, &["--expect-receipt", &root_s])
            .pass("verified"),
        receipt("emit_with_delta_and_stored_receipt_pass", "Both the submitted delta and the stored receiptId reproduce the receipt.", &emit, Some(&delta), &["--expect-receipt", &root_s])
            .pass("verified"),
        receipt("emit_unwrapped_pass", "The data object alone, without the success/data envelope, is accepted.", &emit["data"], Some(&delta), &[])
            .pass("verified"),
        receipt("emit_unknown_fields_pass", "Unknown fields in the envelope and the data are kept and ignored.",
            &with(&|v| {
                v["requestId"] = "req_1".into();
                v["data"]["futureField"] = json!({"x": [1, 2]});
            }), Some(&delta), &[])
            .pass("verified"),
    ];
    for enc in [NodeEncoding::Hex, NodeEncoding::Bytes] {
        let v = with(&|v| reroot_emit(v, &leaves, enc));
        out.push(
            receipt(
                &format!("emit_{enc}_encoding_pass"),
                &format!("The roots are computed under node encoding {enc}, which detection finds."),
                &v,
                Some(&delta),
                &[],
            )
            .pass("verified"),
        );
    }
    let own = item_hash(&delta, ItemMapping::default());
    out.push(
        receipt(
            "emit_single_item_pass",
            "An anchor of one item: the root is the item hash itself.",
            &with(&|v| reroot_emit(v, &[own], NodeEncoding::Hex0x)),
            Some(&delta),
            &[],
        )
        .pass("verified"),
    );
    out.push(
        receipt("emit_opaque_receipt_id_pass", "An opaque receiptId (rcpt_…) cannot be checked against a root and is reported as such; itemsRoot still verifies.",
            &with(&|v| v["data"]["receiptId"] = "rcpt_legacy_0001".into()), Some(&delta), &[])
            .pass("verified"),
    );
    let amount = ItemMapping::documented(AmountKey::Amount, ReferenceIdAbsent::Omit);
    let mut swapped = leaves.clone();
    swapped[1] = item_hash(&delta, amount);
    out.push(
        receipt("emit_amount_key_mapping_pass", "The item was hashed with the amount under \"amount\" instead of \"delta\": a documented mapping, found and reported.",
            &with(&|v| reroot_emit(v, &swapped, NodeEncoding::Hex0x)), Some(&delta), &[])
            .pass("verified"),
    );
    let mut bare = delta.clone();
    if let Some(o) = bare.as_object_mut() {
        o.remove("referenceId");
    }
    let null_ref = ItemMapping::documented(AmountKey::Delta, ReferenceIdAbsent::Null);
    let mut nulled = leaves.clone();
    nulled[1] = item_hash(&bare, null_ref);
    out.push(
        receipt("emit_null_reference_mapping_pass", "A delta sent without referenceId was hashed with \"referenceId\": null: a documented mapping, found and reported.",
            &with(&|v| reroot_emit(v, &nulled, NodeEncoding::Hex0x)), Some(&bare), &[])
            .pass("verified"),
    );

    // Failures.
    let mut reordered = leaves.clone();
    reordered.swap(0, 1);
    let mut changed_delta = delta.clone();
    changed_delta["delta"] = 42.51.into();
    let mut other_customer = delta.clone();
    other_customer["customerId"] = "cust_43".into();
    let mut foreign = leaves.clone();
    foreign[1] = stray("foreign-item");
    let fails: Vec<Failing<'_>> = vec![
        (
            "emit_items_root_tampered_fail",
            "itemsRoot is not the root of the itemHashes under any node encoding.",
            with(&|v| v["data"]["itemsRoot"] = hv(&tweak(&root))),
            None,
            "rootMismatch",
            "itemsRoot",
        ),
        (
            "emit_receipt_id_tampered_fail",
            "receiptId is not the root of the itemHashes.",
            with(&|v| v["data"]["receiptId"] = hv(&tweak(&root))),
            None,
            "receiptIdMismatch",
            "receiptId",
        ),
        (
            "emit_item_hash_tampered_fail",
            "One itemHash has a flipped bit: the roots no longer match.",
            with(&|v| v["data"]["itemHashes"][0] = hv(&tweak(&leaves[0]))),
            None,
            "rootMismatch",
            "itemsRoot",
        ),
        (
            "emit_item_hashes_reordered_fail",
            "Leaves are paired in insertion order: swapping two itemHashes changes the root.",
            with(&|v| v["data"]["itemHashes"] = reordered.iter().map(hv).collect()),
            None,
            "rootMismatch",
            "itemsRoot",
        ),
        (
            "emit_item_hash_dropped_fail",
            "The last itemHash is dropped: the roots no longer match.",
            with(&|v| v["data"]["itemHashes"] = leaves[..2].iter().map(hv).collect()),
            None,
            "rootMismatch",
            "itemsRoot",
        ),
        (
            "emit_item_hash_added_fail",
            "An itemHash is added: the roots no longer match.",
            with(&|v| {
                if let Some(a) = v["data"]["itemHashes"].as_array_mut() {
                    a.push(hv(&stray("added")));
                }
            }),
            None,
            "rootMismatch",
            "itemsRoot",
        ),
        (
            "emit_empty_item_hashes_fail",
            "An emit response with no itemHashes proves nothing.",
            with(&|v| v["data"]["itemHashes"] = json!([])),
            None,
            "emptyItemHashes",
            "itemsRoot",
        ),
        (
            "emit_delta_amount_changed_fail",
            "The submitted amount differs from the one receipted: its item hash is not among the itemHashes.",
            emit.clone(),
            Some(&changed_delta),
            "itemHashNotFound",
            "item hash of delta 0",
        ),
        (
            "emit_delta_customer_changed_fail",
            "The receipt echoes another customerId than the one submitted.",
            emit.clone(),
            Some(&other_customer),
            "fieldMismatch",
            "customerId",
        ),
        (
            "emit_delta_not_in_anchor_fail",
            "A self-consistent receipt whose itemHashes do not include the submitted delta.",
            with(&|v| reroot_emit(v, &foreign, NodeEncoding::Hex0x)),
            Some(&delta),
            "itemHashNotFound",
            "item hash of delta 0",
        ),
        (
            "emit_status_failed_fail",
            "The service reports the delta FAILED.",
            with(&|v| v["data"]["status"] = "FAILED".into()),
            None,
            "statusFailed",
            "status",
        ),
    ];
    for (name, why, v, d, error, check) in fails {
        out.push(receipt(name, why, &v, d, &[]).fail(Some(error), Some(check)));
    }
    let other = stray("stored").to_string();
    out.push(
        receipt(
            "emit_stored_receipt_mismatch_fail",
            "The stored receiptId is not the root of this receipt's itemHashes.",
            &emit,
            None,
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("stored receipt")),
    );
    out.push(
        case("emit_not_json_fail", "Malformed input: the artefact is not JSON.")
            .file("artefact.json", "{\"success\": true, \"data\": {")
            .args(&["receipt", "artefact.json", "--json"])
            .bad_input(),
    );
    let upper = leaves[0].to_string().to_uppercase().replace("0X", "0x");
    out.push(
        receipt(
            "emit_uppercase_item_hash_fail",
            "Malformed input: hashes are 0x + 64 lowercase hex digits.",
            &with(&|v| v["data"]["itemHashes"][0] = upper.clone().into()),
            None,
            &[],
        )
        .bad_input(),
    );
    out.push(
        case(
            "emit_deltas_not_json_fail",
            "Malformed input: the --items file is not JSON.",
        )
        .json("artefact.json", &emit)
        .file("deltas.json", "[{\"customerId\": ")
        .args(&["receipt", "artefact.json", "--json", "--items", "deltas.json"])
        .bad_input(),
    );
    out.push(
        receipt(
            "emit_stored_receipt_malformed_fail",
            "Malformed argument: --expect-receipt is not a 0x hash.",
            &emit,
            None,
            &["--expect-receipt", "0xabc"],
        )
        .bad_input(),
    );
    out
}

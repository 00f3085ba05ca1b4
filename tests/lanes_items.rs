//! Item hashes in bulk equal the one-by-one item hashes and the `sha3`
//! crate's Keccak-256 of `pacspace:item:v1:` + the canonical text, on every
//! Keccak path this CPU has (each forced in turn): canonical texts of every
//! length from 0 to past the four blocks a buffer holds, in an order that
//! mixes block counts; typed deltas under every mapping with texts of one
//! to five blocks; JSON items; the first failure named by position, and a
//! batch still right after a refused item.

mod common;

use common::{for_each_backend, sha3_keccak};
use pacspace_proof::canonical::CanonicalStr;
use pacspace_proof::hashing::bulk::{self, BULK_MIN, ItemBatch};
use pacspace_proof::hashing::{Backend, item_hash_canonical};
use pacspace_proof::{DeltaItem, Hash32, ItemMapping, item_hash};

/// The item hash from its definition, through `sha3`.
fn reference(canonical: &[u8]) -> Hash32 {
    sha3_keccak(&[b"pacspace:item:v1:".as_slice(), canonical].concat())
}

/// Texts of every length 0..=650 (one to five 136-byte blocks with the
/// 17-byte prefix), in an order that interleaves the block counts.
fn texts() -> Vec<Vec<u8>> {
    (0..=650usize)
        .map(|i| (i * 263) % 651)
        .map(|len| (0..len).map(|j| b'a' + ((j * 7 + len) % 26) as u8).collect())
        .collect()
}

#[test]
fn canonical_texts_of_every_length_in_bulk() {
    let texts = texts();
    let want: Vec<Hash32> = texts.iter().map(|t| reference(t)).collect();
    let ran = for_each_backend(|b| {
        let refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
        assert_eq!(bulk::item_hashes_of(&refs), want, "{b} item_hashes_of");
        // Every count around a group and the one-by-one threshold.
        for n in [0, 1, 2, 7, 8, 9, BULK_MIN - 1, BULK_MIN, BULK_MIN + 1, 63, 64, 65] {
            assert_eq!(bulk::item_hashes_of(&refs[..n]), want[..n], "{b} first {n}");
        }
        let mut batch = ItemBatch::new();
        for t in &texts {
            batch.push_canonical(t);
        }
        assert_eq!(batch.len(), texts.len());
        assert_eq!(batch.finish(), want, "{b} ItemBatch");
        for (t, w) in texts.iter().zip(&want) {
            assert_eq!(item_hash_canonical(t), *w, "{b} one by one");
        }
    });
    assert!(ran.contains(&Backend::Scalar));
}

/// Deltas whose texts need one to five blocks: ids and reasons of growing
/// length with escapes and non-ASCII text, amounts JavaScript prints in
/// every form, with and without referenceId and metadata.
fn delta_fields() -> (Vec<String>, Vec<String>) {
    let ids = (0..120)
        .map(|i| {
            let unit = ["c", "é", "\"", "\\", "\u{1}", "\n", "😀", "x"][i % 8];
            format!("cus_{i}_{}", unit.repeat(i * 3 % 150))
        })
        .collect();
    let reasons = (0..120).map(|i| "api_call ".repeat(i % 11)).collect();
    (ids, reasons)
}

fn deltas<'a>(ids: &'a [String], reasons: &'a [String], meta: CanonicalStr<'a>) -> Vec<DeltaItem<'a>> {
    let amounts = [
        0.0,
        -0.0,
        1.0,
        -150.0,
        0.1 + 0.2,
        1e21,
        1e-7,
        12.75,
        5e-324,
        -1.7976931348623157e308,
    ];
    ids.iter()
        .zip(reasons)
        .enumerate()
        .map(|(i, (id, reason))| DeltaItem {
            customer_id: id,
            amount: amounts[i % amounts.len()],
            reason,
            reference_id: (i % 3 != 0).then_some("inv_95121"),
            metadata: (i % 4 == 1).then_some(meta),
        })
        .collect()
}

#[test]
fn typed_deltas_in_bulk_under_every_mapping() {
    let (ids, reasons) = delta_fields();
    let meta = CanonicalStr::new(r#"{"plan":"pro","tags":["a","b"],"units":3}"#).unwrap();
    let ds = deltas(&ids, &reasons, meta);
    for mapping in ItemMapping::ALL {
        let want: Vec<Hash32> = ds
            .iter()
            .map(|d| {
                let mut text = Vec::new();
                d.write_canonical(&mut text, mapping).unwrap();
                reference(&text)
            })
            .collect();
        let blocks: std::collections::BTreeSet<usize> = ds
            .iter()
            .map(|d| {
                let mut text = Vec::new();
                d.write_canonical(&mut text, mapping).unwrap();
                (17 + text.len()) / 136 + 1
            })
            .collect();
        assert!((1..=5).all(|k| blocks.contains(&k)), "{mapping}: {blocks:?}");
        for_each_backend(|b| {
            assert_eq!(
                bulk::delta_item_hashes(&ds, mapping).unwrap(),
                want,
                "{b} {mapping}"
            );
            assert_eq!(
                bulk::delta_item_hashes(&ds[..9], mapping).unwrap(),
                want[..9],
                "{b}"
            );
            let one_by_one: Vec<Hash32> = ds.iter().map(|d| d.item_hash(mapping).unwrap()).collect();
            assert_eq!(one_by_one, want, "{b} {mapping} one by one");
            #[cfg(feature = "parallel")]
            assert_eq!(
                pacspace_proof::parallel::delta_item_hashes(&ds, mapping).unwrap(),
                want,
                "{b} {mapping} parallel"
            );
        });
    }
}

#[test]
fn the_first_failing_delta_is_named_and_a_batch_goes_on_after_one() {
    let (ids, reasons) = delta_fields();
    let meta = CanonicalStr::new(r#"{"k":1}"#).unwrap();
    let good = deltas(&ids, &reasons, meta);
    let mapping = ItemMapping::default();
    let want: Vec<Hash32> = good.iter().map(|d| d.item_hash(mapping).unwrap()).collect();
    for_each_backend(|b| {
        for (bad, later) in [(0, 5), (15, 100), (16, 17), (17, 16), (119, 3)] {
            let mut ds = good.clone();
            ds[bad].amount = f64::NAN;
            ds[later].amount = f64::INFINITY;
            let err = bulk::delta_item_hashes(&ds, mapping).unwrap_err();
            assert_eq!(err.index, bad.min(later), "{b}");
            assert_eq!(
                err.to_string(),
                format!("item {}: {}", err.index, err.error),
                "{b}"
            );
        }
        // A refused item is not added; the others keep their order.
        let mut batch = ItemBatch::new();
        let mut kept = Vec::new();
        for (i, d) in good.iter().enumerate() {
            if i % 10 == 3 {
                let bad = DeltaItem {
                    amount: f64::NEG_INFINITY,
                    ..*d
                };
                assert!(batch.push_delta(&bad, mapping).is_err());
            }
            batch.push_delta(d, mapping).unwrap();
            kept.push(want[i]);
        }
        assert_eq!(batch.finish(), kept, "{b}");
    });
}

#[test]
fn json_items_in_bulk_and_the_first_failure() {
    let items: Vec<serde_json::Value> = (0..200)
        .map(|i| {
            serde_json::json!({
                "customerId": format!("c{i}"),
                "delta": i as f64 * 0.1,
                "reason": "x".repeat(i * 3),
                "metadata": {"n": i, "tags": ["a", i % 2 == 0, null]},
            })
        })
        .collect();
    let want: Vec<Hash32> = items.iter().map(|v| item_hash(v).unwrap()).collect();
    let mut too_deep = serde_json::json!(1);
    for _ in 0..200 {
        too_deep = serde_json::json!([too_deep]);
    }
    for_each_backend(|b| {
        assert_eq!(bulk::json_item_hashes(&items).unwrap(), want, "{b}");
        let mut bad = items.clone();
        bad[77] = too_deep.clone();
        let err = bulk::json_item_hashes(&bad).unwrap_err();
        assert_eq!(err.index, 77, "{b}");
        assert_eq!(err.error, item_hash(&too_deep).unwrap_err(), "{b}");
        #[cfg(feature = "parallel")]
        {
            assert_eq!(
                pacspace_proof::parallel::item_hashes(&items).unwrap(),
                want,
                "{b}"
            );
            assert_eq!(
                pacspace_proof::parallel::item_hashes(&bad).unwrap_err().index,
                77,
                "{b}"
            );
        }
    });
}

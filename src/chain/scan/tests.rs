//! The scanner against serde: same facts, same errors.
use super::*;
use crate::{NodeEncoding, items_root, keccak256};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;

fn templates() -> Vec<String> {
    let a = keccak256(b"a");
    let b = keccak256(b"b");
    let r = items_root(&[a, b], NodeEncoding::Hex0x);
    vec![
        format!(
            r#"{{"event":"delta.verified","timestamp":"2026-03-01T00:00:00.000Z","data":{{"receiptId":"{r}","deltaIndex":0,"status":"VERIFIED","proof":{{"proofHash":"{r}","contentHash":"{a}","itemHashes":["{a}","{b}"],"previousProofHash":null}}}}}}"#
        ),
        format!(
            r#"{{"proof":{{"proofHash":"{r}","contentHash":"{b}","itemHashes":["{a}","{b}"],"previousProofHash":"{a}"}}, "x":[1,-2.5e3,0.1E+2,true,false,null,{{"y":"é"}},[]]}}"#
        ),
        format!(
            " {{ \"data\" : {{ \"proof\" : {{ \"itemHashes\" : [ \"{a}\" , \"{b}\" ] , \"contentHash\" : \"{a}\" ,\t\"proofHash\" : \"rcpt_1\" }} , \"n\":{{}} }} }} "
        ),
        format!(r#"{{"proofHash":"{a}","contentHash":"{a}","itemHashes":["{a}"],"previousProofHash":null}}"#),
    ]
}

/// The line read both ways, after `before` (whose list the reader then
/// remembers) and alone.
fn agree(before: &[u8], line: &[u8]) {
    if let Some(d) = crate::chain::readers_disagree(&[before, line]) {
        panic!("{d}");
    }
}

/// Every line one edit away from a template (a byte replaced, inserted
/// or deleted; bytes that matter to JSON) reads the same both ways.
#[test]
fn one_edit_away_from_the_usual_lines_both_readers_agree() {
    let alphabet: &[&[u8]] = &[
        b"\"",
        b"\\",
        b"{",
        b"}",
        b"[",
        b"]",
        b":",
        b",",
        b" ",
        b"\t",
        b"\r",
        b"0",
        b"1",
        b"-",
        b".",
        b"e",
        b"E",
        b"+",
        b"n",
        b"t",
        b"a",
        b"x",
        b"A",
        b"\x01",
        b"\x7f",
        "é".as_bytes(),
        b"\xff",
    ];
    let mut scanned = 0;
    for t in templates() {
        let t = t.as_bytes();
        agree(b"", t);
        for i in 0..=t.len() {
            let mut edits: Vec<Vec<u8>> = Vec::new();
            for c in alphabet {
                edits.push([&t[..i], c, &t[i..]].concat());
                if i < t.len() {
                    edits.push([&t[..i], c, &t[i + 1..]].concat());
                }
            }
            if i < t.len() {
                edits.push([&t[..i], &t[i + 1..]].concat());
            }
            for e in &edits {
                agree(b"", e);
                // And after the template, whose list is then the known one.
                agree(t, e);
                if core::str::from_utf8(e)
                    .ok()
                    .and_then(|s| scan_line(s, b""))
                    .is_some()
                {
                    scanned += 1;
                }
            }
        }
    }
    // The scanner read many of them itself (the rest went to serde).
    assert!(scanned > 1000, "{scanned}");
}

#[test]
fn the_usual_shapes_are_scanned_and_the_others_left_to_serde() {
    let t = templates();
    let found = scan_line(&t[0], b"").unwrap();
    assert_eq!(found.previous, None);
    assert!(!found.known_list);
    let again = scan_line(&t[0], found.item_hashes.as_bytes()).unwrap();
    assert!(again.known_list);
    assert_eq!(again.item_hashes, found.item_hashes);
    assert_eq!(
        scan_line(&t[1], b"").unwrap().previous,
        Some(keccak256(b"a").to_string().as_str())
    );
    assert_eq!(scan_line(&t[2], b"").unwrap().proof_hash, "rcpt_1");
    // A bare proof, escapes, duplicates, both places, deep nesting: serde's.
    assert!(scan_line(&t[3], b"").is_none());
    assert!(scan_line(&t[0].replace("VERIFIED", "VERI\\u0046IED"), b"").is_none());
    assert!(scan_line(&t[0].replace("\"status\"", "\"proof\":{},\"status\""), b"").is_none());
    assert!(scan_line(&t[1].replace("\"x\"", "\"data\""), b"").is_none());
    let deep = format!("{}1{}", "[".repeat(70), "]".repeat(70));
    assert!(scan_line(&t[1].replace("[1,", &format!("[{deep},")), b"").is_none());
    let shallow = format!("{}1{}", "[".repeat(20), "]".repeat(20));
    assert!(scan_line(&t[1].replace("[1,", &format!("[{shallow},")), b"").is_some());
    // A known text that is not an array is not trusted to end where it does.
    let found = scan_line(&t[1], b"1").unwrap();
    assert!(!found.known_list);
}

#[test]
fn lists_decode_as_serde_decodes_them() {
    let a = keccak256(b"a");
    for text in [
        format!("[\"{a}\"]"),
        format!("[ \"{a}\" ,\"{a}\" ]"),
        "[]".into(),
        "[ ]".into(),
        format!("[\"{a}\",]"),
        format!("[\"{a}\"] "),
        format!("[\"{}\"]", a.to_string().to_uppercase()),
        "[1]".into(),
        "{}".into(),
    ] {
        let serde: Option<Vec<Hash32>> = serde_json::from_str(&text).ok();
        match decode_hashes(&text) {
            Some(v) => assert_eq!(Some(v), serde, "{text}"),
            // Only the trailing space (never in a raw value) is left to serde needlessly.
            None => assert!(serde.is_none() || text.ends_with(' '), "{text}"),
        }
    }
}

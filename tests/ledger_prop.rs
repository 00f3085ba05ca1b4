//! Property tests of the layout-agnostic search: the root placed at any word
//! of random call data, log data or topics is found exactly there, and a
//! root one bit off is never found.

use pacspace_proof::Hash32;
use pacspace_proof::ledger::{Evidence, Location, Log, TimeKind, Timestamp, find_root};
use proptest::prelude::*;

fn evidence(call_data: Vec<u8>, logs: Vec<Log>) -> Evidence {
    Evidence {
        hash: None,
        to: None,
        success: true,
        status_text: "SUCCESS".into(),
        time: Timestamp::new(1_700_000_000, 0).unwrap(),
        time_kind: TimeKind::Consensus,
        call_data,
        logs,
        block_number: None,
        chain_id: None,
        partial: false,
    }
}

fn flip(h: &Hash32, bit: usize) -> Hash32 {
    let mut b = h.0;
    b[(bit / 8) % 32] ^= 1 << (bit % 8);
    Hash32(b)
}

/// `words` random words with `tail` extra random bytes after them.
fn words(max: usize) -> impl Strategy<Value = (Vec<[u8; 32]>, Vec<u8>)> {
    (
        prop::collection::vec(any::<[u8; 32]>(), 1..max),
        prop::collection::vec(any::<u8>(), 0..31),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn call_data_word(root in any::<[u8; 32]>(), selector in any::<[u8; 4]>(),
                      (ws, tail) in words(24), k in any::<prop::sample::Index>(), bit in 0usize..256) {
        let root = Hash32::from_bytes(root);
        let k = k.index(ws.len());
        let mut data = selector.to_vec();
        for (i, w) in ws.iter().enumerate() {
            data.extend(if i == k { root.0 } else { *w });
        }
        data.extend(&tail);
        let ev = evidence(data, vec![Log { topics: vec![ws[0]], data: ws[0].to_vec() }]);
        prop_assert_eq!(find_root(&root, &ev), vec![Location::CallData { offset: 4 + 32 * k }]);
        prop_assert!(find_root(&flip(&root, bit), &ev).is_empty());
    }

    #[test]
    fn call_data_without_the_selector_alignment_is_not_a_word(root in any::<[u8; 32]>(), shift in 1usize..32,
                                                              (ws, _) in words(8)) {
        // The root at 4 + 32k + shift is not a word of the call data.
        let root = Hash32::from_bytes(root);
        let mut data = vec![0u8; 4 + shift];
        data.extend(root.0);
        for w in &ws { data.extend(w); }
        let ev = evidence(data, vec![]);
        prop_assert!(find_root(&root, &ev).is_empty());
    }

    #[test]
    fn log_data_word(root in any::<[u8; 32]>(), (ws, tail) in words(16), k in any::<prop::sample::Index>(),
                     before in 0usize..4, bit in 0usize..256) {
        let root = Hash32::from_bytes(root);
        let k = k.index(ws.len());
        let mut data = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            data.extend(if i == k { root.0 } else { *w });
        }
        data.extend(&tail);
        let mut logs: Vec<Log> = (0..before).map(|i| Log { topics: vec![ws[i % ws.len()]], data: tail.clone() }).collect();
        logs.push(Log { topics: vec![], data });
        let ev = evidence(vec![1, 2, 3, 4], logs);
        prop_assert_eq!(find_root(&root, &ev), vec![Location::LogData { log: before, offset: 32 * k }]);
        prop_assert!(find_root(&flip(&root, bit), &ev).is_empty());
    }

    #[test]
    fn topic(root in any::<[u8; 32]>(), (ws, _) in words(5), k in any::<prop::sample::Index>(),
             log in 0usize..3, bit in 0usize..256) {
        let root = Hash32::from_bytes(root);
        let k = k.index(ws.len());
        let mut topics = ws.clone();
        topics[k] = root.0;
        let mut logs: Vec<Log> = (0..log).map(|_| Log { topics: ws.clone(), data: ws[0].to_vec() }).collect();
        logs.push(Log { topics, data: vec![] });
        let ev = evidence(ws.concat(), logs);
        prop_assert_eq!(find_root(&root, &ev), vec![Location::Topic { log, topic: k }]);
        prop_assert!(find_root(&flip(&root, bit), &ev).is_empty());
    }
}

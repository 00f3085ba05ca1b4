//! The chain check of a JSONL stream gives the same report, or the same
//! first error, on one thread and on several (an input of many chunks, read
//! into facts on worker threads and applied in line order), as a
//! `ChainVerifier` fed one line at a time.
#![cfg(feature = "parallel")]

use pacspace_proof::chain::{
    ChainInputError, ChainReport, ChainVerifier, DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl,
};
use pacspace_proof::{Hash32, NodeEncoding, Verdict, items_root, keccak256};

/// A genuine chain of `n` webhooks in batches of `k` items.
fn chain(n: usize, k: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<Hash32> = None;
    for b in 0..n.div_ceil(k) {
        let leaves: Vec<Hash32> = (0..k).map(|i| keccak256(format!("{b}/{i}").as_bytes())).collect();
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        let items: Vec<String> = leaves.iter().map(|h| format!("\"{h}\"")).collect();
        for (i, content) in leaves.iter().enumerate().take(n - out.len().min(n)) {
            let prev = previous.map_or("null".to_string(), |p| format!("\"{p}\""));
            out.push(format!(
                r#"{{"event":"delta.verified","data":{{"receiptId":"{root}","deltaIndex":{i},"proof":{{"proofHash":"{root}","contentHash":"{content}","itemHashes":[{}],"previousProofHash":{prev}}}}}}}"#,
                items.join(",")
            ));
            previous = Some(root);
        }
    }
    out.truncate(n);
    out
}

/// The reference: one line at a time.
fn one_by_one(text: &str) -> Result<ChainReport, ChainInputError> {
    let mut v = ChainVerifier::new();
    for line in text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        v.push_line(line.strip_suffix('\r').unwrap_or(line).as_bytes())?;
    }
    Ok(v.finish())
}

/// The stream checked with `threads` threads; progress must end at the input's length.
fn streamed(text: &str, threads: usize, limit: usize) -> Result<ChainReport, ChainInputError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut seen = Vec::new();
    let r = pool.install(|| verify_chain_jsonl(text.as_bytes(), limit, |b| seen.push(b)));
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "progress goes forward");
    if r.is_ok() {
        assert_eq!(seen.last().copied(), Some(text.len() as u64));
    }
    r
}

/// The line with the first digit of `key`'s hash changed.
fn flip(line: &str, key: &str) -> String {
    let at = line.find(&format!("\"{key}\":\"0x")).unwrap() + key.len() + 6;
    let digit = if &line[at..at + 1] == "0" { "1" } else { "0" };
    format!("{}{digit}{}", &line[..at], &line[at + 1..])
}

fn join(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn many_chunks_give_the_same_report_on_any_number_of_threads() {
    let mut lines = chain(4000, 7);
    let genuine = join(&lines);
    assert!(genuine.len() > 1 << 21, "several chunks: {} bytes", genuine.len());
    for threads in [1, 2, 3] {
        let r = streamed(&genuine, threads, DEFAULT_MAX_LINE_BYTES).unwrap();
        assert_eq!(r.verdict, Verdict::Verified, "{r}");
        assert_eq!(Ok(r), one_by_one(&genuine));
    }
    // Failures of every kind, far apart; blank lines, CRLF and other shapes.
    lines[1234] = flip(&lines[1234], "previousProofHash");
    lines[2222] = flip(&lines[2222], "proofHash");
    lines[2500] = flip(&lines[2500], "contentHash");
    lines[3001] = lines[3001].replace("\"previousProofHash\":\"0x", "\"previousProofHash\":\"0xab");
    lines[3100] = lines[3100].replace("delta.verified", "delta\\u002everified");
    lines[3200] = format!("{}\r", lines[3200]);
    lines.insert(3300, "   ".into());
    let text = join(&lines);
    let want = one_by_one(&text).unwrap();
    assert!(want.failure_count >= 3, "{want}");
    for threads in [1, 2, 3] {
        assert_eq!(
            streamed(&text, threads, DEFAULT_MAX_LINE_BYTES).as_ref(),
            Ok(&want),
            "{threads} threads"
        );
    }
}

#[test]
fn the_first_bad_line_is_named_on_any_number_of_threads() {
    let lines = chain(3000, 5);
    let limit = 2000;
    let with = |edits: &[(usize, String)]| {
        let mut ls = lines.clone();
        for (i, l) in edits {
            ls[*i] = l.clone();
        }
        join(&ls)
    };
    let long = format!("{{\"pad\":\"{}\"}}", "x".repeat(5000));
    let very_long = format!("{{\"pad\":\"{}\"}}", "x".repeat(200_000));
    let cases = [
        (
            with(&[(2000, "{not json".into())]),
            ChainInputError::Json {
                line: 2001,
                message: String::new(),
            },
        ),
        (
            with(&[(1999, "{\"x\":1}".into())]),
            ChainInputError::NoProof { line: 2000 },
        ),
        (
            with(&[(1800, long.clone())]),
            ChainInputError::LineTooLong { line: 1801, limit },
        ),
        (
            with(&[(1800, very_long.clone())]),
            ChainInputError::LineTooLong { line: 1801, limit },
        ),
        // The earlier line wins, whatever is wrong with the later one.
        (
            with(&[(1700, "[".into()), (1701, long.clone())]),
            ChainInputError::Json {
                line: 1701,
                message: String::new(),
            },
        ),
        (
            with(&[(1700, "[".into()), (1800, very_long)]),
            ChainInputError::Json {
                line: 1701,
                message: String::new(),
            },
        ),
        (
            with(&[(1700, long), (1800, "[".into())]),
            ChainInputError::LineTooLong { line: 1701, limit },
        ),
    ];
    for (text, want) in &cases {
        let reference = match one_by_one(text) {
            Err(ChainInputError::Json { line, message }) => Some((line, message)),
            _ => None,
        };
        for threads in [1, 2, 3] {
            let got = streamed(text, threads, limit).unwrap_err();
            match (&got, want) {
                (ChainInputError::Json { line, message }, ChainInputError::Json { line: l, .. }) => {
                    assert_eq!(line, l, "{threads} threads");
                    // serde's message, as the line-by-line check gives it.
                    assert_eq!(Some((*line, message.clone())), reference, "{threads} threads");
                }
                _ => assert_eq!(&got, want, "{threads} threads"),
            }
        }
    }
}

//! The chain check runs in constant memory: 200,000 generated JSONL lines
//! (tens of MB, produced lazily by the reader, never stored) are checked
//! with the same peak heap as 2,000 lines. The heap is measured by a
//! counting global allocator in this test binary, which holds this one test
//! so nothing else allocates meanwhile.

use pacspace_proof::chain::{DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::{Hash32, NodeEncoding, Verdict, items_root};
use peak_alloc::PeakAlloc;
use std::io::{BufRead, Read};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// A reader that makes line `i` of a genuine chain only when asked for it.
struct LazyChain {
    total: u64,
    next: u64,
    previous: Option<Hash32>,
    line: Vec<u8>,
    pos: usize,
    produced: u64,
}

impl LazyChain {
    fn new(total: u64) -> Self {
        LazyChain {
            total,
            next: 0,
            previous: None,
            line: Vec::with_capacity(512),
            pos: 0,
            produced: 0,
        }
    }

    fn leaf(i: u64, k: u8) -> Hash32 {
        let mut b = [k; 32];
        b[..8].copy_from_slice(&i.to_be_bytes());
        Hash32::from_bytes(b)
    }

    fn refill(&mut self) {
        use std::io::Write;
        let i = self.next;
        self.next += 1;
        let leaves = [Self::leaf(i, 1), Self::leaf(i, 2), Self::leaf(i, 3)];
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        self.line.clear();
        let prev = match self.previous {
            Some(p) => format!("\"{p}\""),
            None => "null".into(),
        };
        let _ = writeln!(
            self.line,
            r#"{{"event":"delta.verified","data":{{"receiptId":"{root}","proof":{{"proofHash":"{root}","contentHash":"{}","itemHashes":["{}","{}","{}"],"previousProofHash":{prev}}}}}}}"#,
            leaves[1], leaves[0], leaves[1], leaves[2]
        );
        self.previous = Some(root);
        self.pos = 0;
        self.produced += self.line.len() as u64;
    }
}

impl Read for LazyChain {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for LazyChain {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.line.len() && self.next < self.total {
            self.refill();
        }
        Ok(&self.line[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.line.len());
    }
}

/// Checks `lines` generated lines; returns (peak heap bytes during the check, bytes read).
fn peak_for(lines: u64) -> (usize, u64) {
    let mut reader = LazyChain::new(lines);
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let report = verify_chain_jsonl(&mut reader, DEFAULT_MAX_LINE_BYTES, |_| {}).expect("readable");
    let peak = HEAP.peak_usage().saturating_sub(base);
    assert_eq!(report.verdict, Verdict::Verified, "{report}");
    assert_eq!(report.receipts, lines);
    assert_eq!(report.node_encoding, Some(NodeEncoding::Hex0x));
    (peak, reader.produced)
}

#[test]
fn chain_check_heap_does_not_grow_with_the_number_of_lines() {
    let (small_peak, small_bytes) = peak_for(2_000);
    let (big_peak, big_bytes) = peak_for(200_000);
    eprintln!(
        "chain memory: 2,000 lines ({small_bytes} bytes) peak heap {small_peak} bytes; \
         200,000 lines ({big_bytes} bytes) peak heap {big_peak} bytes"
    );
    assert!(big_bytes > 50_000_000, "input is {big_bytes} bytes");
    // Same peak whatever the length (a few KiB of slack for allocator noise),
    // and a tiny fraction of the input: lines are not held.
    assert!(
        big_peak <= small_peak + 16 * 1024,
        "peak grew: {small_peak} -> {big_peak}"
    );
    assert!(big_peak < 256 * 1024, "peak {big_peak} bytes");
    assert!((big_peak as u64) * 100 < big_bytes);
}

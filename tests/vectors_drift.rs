//! Drift guard for the in-repository known-answer vectors.
//!
//! `tests/data/merkle-v1.json` is the project's pinned copy of the
//! known-answer vectors. Where the upstream file
//! `../shared/vectors/merkle-v1.json` (relative to the crate root) exists, the
//! two must be byte-identical: a difference means the pinned behaviour moved
//! and the copy, the specification (`docs/spec.md`) and the code must be
//! reviewed together. Where the upstream file is absent (a clone of this
//! repository alone, a packaged crate), the guard says so on stderr and passes:
//! the in-repository copy is then the reference.

use std::io::Write;
use std::path::{Path, PathBuf};

const IN_REPO: &str = "tests/data/merkle-v1.json";
const UPSTREAM: &str = "../shared/vectors/merkle-v1.json";

/// The first byte offset at which `a` and `b` differ (the shorter length when
/// one is a prefix of the other), or `None` when they are identical.
fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => Some(i),
        None if a.len() == b.len() => None,
        None => Some(a.len().min(b.len())),
    }
}

/// 1-based line and column of byte `offset` in `bytes`.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    (line, col)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn in_repo_vectors_match_upstream() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let ours_path = root.join(IN_REPO);
    let upstream_path = root.join(UPSTREAM);
    let ours = read(&ours_path);
    assert!(!ours.is_empty(), "{} is empty", ours_path.display());

    if !upstream_path.is_file() {
        // Written to the stderr handle rather than with `eprintln!`, which the
        // test harness captures: the skip must be visible in a normal run.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED vectors drift guard: {UPSTREAM} not found (the in-repository copy {IN_REPO} is the reference)"
        );
        return;
    }
    let upstream = read(&upstream_path);
    if let Some(at) = first_difference(&ours, &upstream) {
        let (line, col) = line_col(&ours, at);
        panic!(
            "vectors drift: {} ({} bytes) differs from {} ({} bytes) first at byte {at} \
             (line {line}, column {col} of the in-repository copy). The pinned behaviour moved: \
             review the change, update docs/spec.md and the code, then copy the file byte for byte \
             (cp {UPSTREAM} {IN_REPO}).",
            ours_path.display(),
            ours.len(),
            upstream_path.display(),
            upstream.len(),
        );
    }
}

#[test]
fn difference_finder_reports_the_first_differing_byte() {
    assert_eq!(first_difference(b"abc", b"abc"), None);
    assert_eq!(first_difference(b"abc", b"abd"), Some(2));
    assert_eq!(first_difference(b"ab", b"abc"), Some(2));
    assert_eq!(first_difference(b"abc", b"ab"), Some(2));
    assert_eq!(first_difference(b"", b""), None);
    assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
    assert_eq!(line_col(b"ab\ncd", 0), (1, 1));
}

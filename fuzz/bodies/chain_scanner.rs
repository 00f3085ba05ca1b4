//! The chain line's hand scanner against serde: the input's lines (at most
//! 64) are read in order by the scanner, remembering the lines before, and
//! each alone by serde and by a fresh scanner; every line must give the same
//! fact or the same error all three ways.

use pacspace_proof::chain::readers_disagree;

pub fn run(data: &[u8]) {
    let lines: Vec<&[u8]> = data.split(|b| *b == b'\n').take(64).collect();
    if let Some(d) = readers_disagree(&lines) {
        panic!("the chain line readers disagree: {d}");
    }
}

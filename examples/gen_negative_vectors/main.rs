//! Writes the mutation-generated negative vectors to
//! `tests/data/negative-proofs-v1.json`: `cargo run --example gen_negative_vectors`.
//!
//! Every vector is a genuine proof (built by the naive reference in
//! `tests/reference`) with one deliberate change, and names the error a
//! verifier must raise for it, as the reference classifies it.
//! `tests/negative_vectors.rs` fails if the file drifts from what this writes.

#[path = "../../tests/reference/mod.rs"]
mod reference;
mod vectors;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(vectors::FILE);
    let text = vectors::generate();
    std::fs::write(&path, &text)?;
    println!("wrote {} ({} bytes)", path.display(), text.len());
    Ok(())
}

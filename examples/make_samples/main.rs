//! Writes the bundled receipt samples to `examples/receipts/`:
//! `cargo run --example make_samples`.
//!
//! Every file is built with this library, so the hashes, roots, chain links
//! and the webhook signature (under the demo secret) are genuine.
//! `tests/receipts_samples.rs` fails if the files drift from what this writes.

mod samples;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(samples::DIR);
    std::fs::create_dir_all(&dir)?;
    for s in samples::samples() {
        let path = dir.join(s.name);
        std::fs::write(&path, &s.bytes)?;
        println!("wrote {} ({} bytes)", path.display(), s.bytes.len());
    }
    Ok(())
}

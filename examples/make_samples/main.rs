//! Writes the bundled receipt samples to `examples/receipts/` and the audit
//! sample export to `examples/audit/`: `cargo run --example make_samples`.
//!
//! Every file is built with this library, so the hashes, roots, chain links
//! and the webhook signature (under the demo secret) are genuine.
//! `tests/receipts_samples.rs` and `tests/audit_samples.rs` fail if the files
//! drift from what this writes.

#[allow(dead_code)] // builders used by the tests and the benchmark generator
mod audit;
mod samples;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(samples::DIR);
    std::fs::create_dir_all(&dir)?;
    for s in samples::samples() {
        let path = dir.join(s.name);
        std::fs::write(&path, &s.bytes)?;
        println!("wrote {} ({} bytes)", path.display(), s.bytes.len());
    }
    let dir = root.join(audit::AUDIT_DIR);
    std::fs::create_dir_all(&dir)?;
    for f in audit::audit_files() {
        let path = dir.join(f.name);
        std::fs::write(&path, &f.bytes)?;
        println!("wrote {} ({} bytes)", path.display(), f.bytes.len());
    }
    Ok(())
}

//! Writes the conformance cases to `conformance/cases/`:
//! `cargo run --example gen_conformance`.
//!
//! The directory is replaced as a whole, so a case removed here disappears
//! there. `tests/conformance_cases.rs` fails if the files drift from what
//! this writes; `cli/tests/conformance.rs` runs every case against the CLI.

mod cases;
#[path = "../../tests/reference/mod.rs"]
mod reference;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(cases::DIR);
    let all = cases::all();
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let mut files = 0;
    for c in &all {
        let case_dir = dir.join(&c.name);
        std::fs::create_dir_all(&case_dir)?;
        for (name, bytes) in cases::render(c) {
            std::fs::write(case_dir.join(name), bytes)?;
            files += 1;
        }
    }
    let failing = all.iter().filter(|c| c.name.ends_with("_fail")).count();
    println!(
        "wrote {} cases ({} passing, {failing} _fail) in {files} files under {}",
        all.len(),
        all.len() - failing,
        dir.display()
    );
    Ok(())
}

//! The conformance cases under `conformance/cases/` are exactly what
//! `cargo run --example gen_conformance` writes: no case missing, added or
//! changed by hand. (`cli/tests/conformance.rs` runs them against the CLI.)

#[path = "../examples/gen_conformance/cases/mod.rs"]
#[allow(dead_code)]
mod cases;
mod reference;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn on_disk(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        files.insert(name, std::fs::read(&path).expect("read"));
    }
    files
}

#[test]
fn the_cases_on_disk_are_what_the_generator_writes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(cases::DIR);
    let all = cases::all();
    let regenerate = "run `cargo run --example gen_conformance`";
    let mut listed: Vec<String> = std::fs::read_dir(&root)
        .expect("conformance/cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut names: Vec<String> = all.iter().map(|c| c.name.clone()).collect();
    names.sort();
    assert_eq!(
        listed, names,
        "the case directories differ from the generator's; {regenerate}"
    );
    for c in &all {
        let want: BTreeMap<String, Vec<u8>> = cases::render(c).into_iter().collect();
        let got = on_disk(&root.join(&c.name));
        assert!(
            got == want,
            "conformance/cases/{} differs from the generator's; {regenerate}",
            c.name
        );
    }
}

#[test]
fn the_suite_covers_every_artefact() {
    let all = cases::all();
    assert!(all.len() >= 150, "{} cases", all.len());
    for prefix in [
        "proof_",
        "multi_",
        "emit_",
        "batch_",
        "status_",
        "webhook_event_",
        "webhook_sdk_",
        "verify_answer_",
        "sig_",
        "chain_",
    ] {
        let of = |fail: bool| {
            all.iter()
                .filter(|c| c.name.starts_with(prefix) && c.name.ends_with("_fail") == fail)
                .count()
        };
        assert!(
            of(false) >= 1 && of(true) >= 1,
            "{prefix}: passing and failing cases"
        );
    }
}

//! The conformance cases under `conformance/cases/`, built deterministically.
//!
//! Each case is a directory: its input files, a `cmd` file (the verb and its
//! arguments, one per line, paths relative to the case directory), an
//! optional `env` file (`NAME=VALUE` lines), an `expected.json` and a
//! one-line `README.md` saying why. `conformance/PROTOCOL.md` is the contract.
//!
//! Receipt cases start from the genuine samples in `examples/receipts/` and
//! change them; proofs and chains are built with the naive reference in
//! `tests/reference`; webhook signatures are computed with HMAC-SHA256
//! directly. The expected outcome of every case follows from how it was
//! built, never from running the verifier.
//!
//! Shared by `cargo run --example gen_conformance` (writes the directories)
//! and `tests/conformance_cases.rs` (requires the files on disk to be exactly
//! what this builds).

mod audits;
mod batch;
mod bundles;
mod chains;
mod events;
mod multiproofs;
mod proofs;
mod receipts;
mod signatures;

use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::{Hash32, ItemMapping, keccak256};
use serde_json::Value;

/// Where the cases live, relative to the crate root.
pub const DIR: &str = "conformance/cases";

/// What a verifier must answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// Exit code: 0 pass, 1 fail, 2 bad input.
    pub exit: u8,
    /// The assurance level the case reaches (docs/spec.md section 15):
    /// `consistent`, `verified`, `anchored` (from recorded ledger answers)
    /// or `not_verified`; none for bad input.
    pub level: Option<&'static str>,
    /// An error kind the JSON output must name (a failure `kind`, a
    /// signature `reason` or a proof `errorKind`).
    pub error: Option<String>,
    /// A check the JSON output must list as failed.
    pub check: Option<String>,
    /// A field a failed check's failure must name (`failure.field`).
    pub field: Option<String>,
    /// Values the JSON output must hold: JSON pointer and value.
    pub values: Vec<(String, Value)>,
}

/// One conformance case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Directory name; ends in `_fail` exactly when the case must not pass.
    pub name: String,
    /// One line: why the case passes or fails.
    pub why: String,
    /// Input files: name and exact bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The verb and its arguments.
    pub cmd: Vec<String>,
    /// Environment variables the verifier is run with.
    pub env: Vec<(String, String)>,
    /// The expected answer.
    pub expected: Expected,
}

/// A new case; its outcome is set by [`Case::pass`], [`Case::fail`] or
/// [`Case::bad_input`].
pub fn case(name: &str, why: &str) -> Case {
    Case {
        name: name.into(),
        why: why.into(),
        files: Vec::new(),
        cmd: Vec::new(),
        env: Vec::new(),
        expected: Expected {
            exit: 255,
            level: None,
            error: None,
            check: None,
            field: None,
            values: Vec::new(),
        },
    }
}

impl Case {
    /// Adds an input file with these exact bytes.
    pub fn file(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((name.into(), bytes.into()));
        self
    }

    /// Adds an input file holding `v` as pretty JSON.
    pub fn json(self, name: &str, v: &Value) -> Self {
        self.file(name, pretty(v))
    }

    /// Appends arguments to the command.
    pub fn args<S: AsRef<str>>(mut self, args: &[S]) -> Self {
        self.cmd.extend(args.iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.into(), value.into()));
        self
    }

    /// The case passes (exit 0) and reaches `level`.
    pub fn pass(mut self, level: &'static str) -> Self {
        self.expected = Expected {
            exit: 0,
            level: Some(level),
            error: None,
            check: None,
            field: None,
            values: Vec::new(),
        };
        self
    }

    /// The case fails (exit 1); the output names `error` and lists `check`
    /// as failed, when given.
    pub fn fail(mut self, error: Option<&str>, check: Option<&str>) -> Self {
        self.expected = Expected {
            exit: 1,
            level: Some("not_verified"),
            error: error.map(str::to_owned),
            check: check.map(str::to_owned),
            field: None,
            values: Vec::new(),
        };
        self
    }

    /// The input is refused as malformed (exit 2).
    pub fn bad_input(mut self) -> Self {
        self.expected = Expected {
            exit: 2,
            level: None,
            error: None,
            check: None,
            field: None,
            values: Vec::new(),
        };
        self
    }
}

/// A failing `receipt` case: name, why, the artefact, the submitted deltas,
/// the error kind and the failed check.
pub type Failing<'a> = (&'a str, &'a str, Value, Option<&'a Value>, &'a str, &'a str);

/// Every case, in a fixed order.
pub fn all() -> Vec<Case> {
    let mut out = Vec::new();
    out.extend(proofs::single());
    out.extend(multiproofs::multi());
    out.extend(receipts::emit());
    out.extend(batch::batch());
    out.extend(batch::status());
    out.extend(events::webhook_events());
    out.extend(events::verify_answers());
    out.extend(signatures::cases());
    out.extend(chains::cases());
    out.extend(bundles::bundles());
    out.extend(audits::audits());
    let out = with_levels(out);
    validate(&out);
    out
}

/// Makes every case say which level its expectation is about: a passing
/// case runs with `--require` set to the level it reaches, and each passing
/// case that reaches only `consistent` gets a twin run under the default
/// requirement (`verified`), which must fail at level `consistent`.
fn with_levels(cases: Vec<Case>) -> Vec<Case> {
    let mut out = Vec::with_capacity(cases.len() * 2);
    for mut c in cases {
        let Some(level) = c.expected.level.filter(|_| c.expected.exit == 0) else {
            out.push(c);
            continue;
        };
        let twin = (level == "consistent").then(|| {
            let stem = c.name.strip_suffix("_pass").unwrap_or(&c.name);
            let mut t = c.clone();
            t.name = format!("{stem}_default_requirement_fail");
            t.why = format!(
                "{} It reaches only consistent, so it fails the default --require verified.",
                c.why
            );
            t.expected = Expected {
                exit: 1,
                level: Some("consistent"),
                error: None,
                check: None,
                field: None,
                values: Vec::new(),
            };
            t
        });
        // `audit` takes no --require: it passes when every delta is verified.
        if c.cmd.first().is_some_and(|v| v != "audit") {
            c.cmd.extend(["--require".to_string(), level.to_string()]);
        }
        out.push(c);
        out.extend(twin);
    }
    out
}

/// The rules every case obeys; a violation is a bug in the generator.
fn validate(cases: &[Case]) {
    let mut names = std::collections::BTreeSet::new();
    for c in cases {
        assert!(names.insert(c.name.clone()), "{}: duplicate name", c.name);
        assert!(
            c.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{}: name is lowercase ASCII, digits and _",
            c.name
        );
        assert!(c.expected.exit <= 2, "{}: outcome not set", c.name);
        assert_eq!(
            c.name.ends_with("_fail"),
            c.expected.exit != 0,
            "{}: a name ends in _fail exactly when the case must not pass",
            c.name
        );
        assert!(
            !c.why.contains('\n') && c.why.ends_with('.'),
            "{}: one sentence",
            c.name
        );
        assert!(!c.cmd.is_empty(), "{}: a command", c.name);
        for (f, _) in &c.files {
            assert!(
                !["cmd", "env", "expected.json", "README.md"].contains(&f.as_str()),
                "{}: reserved file name {f}",
                c.name
            );
        }
    }
}

/// The files of one case's directory, relative to it, in name order.
pub fn render(c: &Case) -> Vec<(String, Vec<u8>)> {
    let mut out = c.files.clone();
    let mut cmd = String::new();
    for a in &c.cmd {
        cmd.push_str(a);
        cmd.push('\n');
    }
    out.push(("cmd".into(), cmd.into_bytes()));
    if !c.env.is_empty() {
        let env: String = c.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        out.push(("env".into(), env.into_bytes()));
    }
    let e = &c.expected;
    let q = |v: &Option<String>| {
        v.as_ref()
            .map_or("null".to_string(), |s| Value::from(s.as_str()).to_string())
    };
    // `field` and `values` are written only when set: the older cases keep
    // their five keys.
    let mut more = String::new();
    if let Some(f) = &e.field {
        more += &format!(",\n  \"field\": {}", Value::from(f.as_str()));
    }
    if !e.values.is_empty() {
        let values: serde_json::Map<String, Value> = e.values.iter().cloned().collect();
        more += &format!(",\n  \"values\": {}", Value::Object(values));
    }
    let expected = format!(
        "{{\n  \"verdict\": \"{}\",\n  \"exit\": {},\n  \"level\": {},\n  \"error\": {},\n  \"check\": {}{more}\n}}\n",
        if e.exit == 0 { "pass" } else { "fail" },
        e.exit,
        q(&e.level.map(str::to_owned)),
        q(&e.error),
        q(&e.check),
    );
    out.push(("expected.json".into(), expected.into_bytes()));
    out.push(("README.md".into(), format!("{}\n", c.why).into_bytes()));
    out.sort();
    out
}

/// Pretty JSON with a final newline.
pub fn pretty(v: &Value) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(v).unwrap_or_else(|e| panic!("{e}"));
    text.push('\n');
    text.into_bytes()
}

/// The text of a bundled sample in `examples/receipts/`.
pub fn sample(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/receipts")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A bundled sample, parsed.
pub fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A hash held in a JSON string.
pub fn h(v: &Value) -> Hash32 {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a hash: {v}"))
}

/// `h` with its last bit flipped.
pub fn tweak(h: &Hash32) -> Hash32 {
    let mut b = h.0;
    b[31] ^= 1;
    Hash32(b)
}

/// A hash that belongs to nothing: keccak256 of a label.
pub fn stray(label: &str) -> Hash32 {
    keccak256(format!("pacspace:conformance:{label}").as_bytes())
}

/// The item hash of a delta object under `mapping`.
pub fn item_hash(delta: &Value, mapping: ItemMapping) -> Hash32 {
    SubmittedDelta::from_value(delta, 0)
        .ok()
        .and_then(|d| d.item_hash(mapping).ok())
        .unwrap_or_else(|| panic!("not a delta: {delta}"))
}

/// `Value` of a hash.
pub fn hv(h: &Hash32) -> Value {
    Value::from(h.to_string())
}

/// A reference-implementation error name as a JSON error kind
/// (`RootMismatch` → `rootMismatch`).
pub fn kind(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

//! Runs every case in `conformance/cases/` against the built
//! `pacspace-verify` (or the verifier named by `$PACSPACE_CONFORMANCE_VERIFIER`),
//! following `conformance/PROTOCOL.md`: the exit code, and in the `--json`
//! output the named error, the failed check, the verdict and the assurance
//! level reached.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The variable a case may name with `--secret-env` to test a missing secret.
const UNSET: &str = "PACSPACE_CONFORMANCE_UNSET_SECRET";

fn cases_dir() -> PathBuf {
    common::repo_root().join("conformance/cases")
}

fn read(dir: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(name)).ok()
}

/// Every string held under `key` anywhere in `v`.
fn strings_under<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == key
                    && let Some(s) = x.as_str()
                {
                    out.push(s);
                }
                strings_under(x, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| strings_under(x, key, out)),
        _ => {}
    }
}

/// Whether the output names error kind `error` (a failure `kind`, a
/// signature `reason` or a proof `errorKind`).
fn names_error(out: &Value, error: &str) -> bool {
    let mut found = Vec::new();
    for key in ["kind", "reason", "errorKind"] {
        strings_under(out, key, &mut found);
    }
    found.contains(&error)
}

/// Whether the output lists check `name` as failed.
fn check_failed(out: &Value, name: &str) -> bool {
    out["checks"]
        .as_array()
        .is_some_and(|cs| cs.iter().any(|c| c["name"] == name && c["outcome"] == "fail"))
}

/// Whether some failed check's failure names `field` (`failure.field`).
fn field_named(out: &Value, field: &str) -> bool {
    out["checks"].as_array().is_some_and(|cs| {
        cs.iter()
            .any(|c| c["outcome"] == "fail" && c["failure"]["field"] == field)
    })
}

/// The protocol's verdict word for the output's own: `audit` prints its
/// report's verdict (`verified` when it passes), the other verbs `pass` or `fail`.
fn verdict_word(verb: &str, json: &Value) -> Value {
    match (verb, json["verdict"].as_str()) {
        ("audit", Some("verified")) => Value::from("pass"),
        ("audit", Some(_)) => Value::from("fail"),
        _ => json["verdict"].clone(),
    }
}

/// Runs one case; `Err` says what did not conform.
fn run_case(verifier: Option<&Path>, dir: &Path) -> Result<(), String> {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let cmd = read(dir, "cmd").ok_or("no cmd file")?;
    let args: Vec<String> = cmd.lines().map(str::to_owned).collect();
    let env: Vec<(String, String)> = read(dir, "env")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let expected: Value = serde_json::from_str(&read(dir, "expected.json").ok_or("no expected.json")?)
        .map_err(|e| format!("expected.json: {e}"))?;
    let verdict = expected["verdict"].as_str().ok_or("expected.json: no verdict")?;
    let exit = expected["exit"].as_i64().ok_or("expected.json: no exit")?;
    if name.ends_with("_fail") != (verdict == "fail") || (verdict == "pass") != (exit == 0) {
        return Err(format!("verdict {verdict} and exit {exit} do not fit the name"));
    }
    if read(dir, "README.md").is_none_or(|r| r.trim().is_empty()) {
        return Err("no README.md".into());
    }
    let out = common::run_cli_in(verifier, dir, &args, &env, &[UNSET]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code().map_or(-1, i64::from);
    if code != exit {
        return Err(format!(
            "exit {code}, expected {exit}\nstdout: {stdout}\nstderr: {stderr}"
        ));
    }
    if exit == 2 {
        return Ok(());
    }
    let json: Value =
        serde_json::from_str(&stdout).map_err(|e| format!("--json output is not JSON: {e}\n{stdout}"))?;
    if let Some(error) = expected["error"].as_str()
        && !names_error(&json, error)
    {
        return Err(format!("the output does not name error {error}\n{stdout}"));
    }
    if let Some(check) = expected["check"].as_str()
        && !check_failed(&json, check)
    {
        return Err(format!(
            "the output does not list check {check:?} as failed\n{stdout}"
        ));
    }
    if let Some(field) = expected["field"].as_str()
        && !field_named(&json, field)
    {
        return Err(format!("no failed check names field {field:?}\n{stdout}"));
    }
    if let Some(values) = expected["values"].as_object() {
        for (pointer, want) in values {
            if json.pointer(pointer) != Some(want) {
                return Err(format!(
                    "{pointer} is {:?}, expected {want}\n{stdout}",
                    json.pointer(pointer)
                ));
            }
        }
    }
    let want = expected["level"].as_str().ok_or("expected.json: no level")?;
    if json["level"] != want {
        return Err(format!("level {}, expected {want}\n{stdout}", json["level"]));
    }
    let verb = args.first().map_or("", String::as_str);
    if verdict_word(verb, &json) != verdict {
        return Err(format!(
            "verdict {}, expected {verdict}\n{stdout}",
            json["verdict"]
        ));
    }
    Ok(())
}

#[test]
fn every_conformance_case() {
    let verifier = std::env::var_os("PACSPACE_CONFORMANCE_VERIFIER").map(PathBuf::from);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("conformance/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 150, "{} cases", dirs.len());
    let failing = dirs
        .iter()
        .filter(|d| d.to_string_lossy().ends_with("_fail"))
        .count();
    let mut problems = Vec::new();
    for dir in &dirs {
        if let Err(e) = run_case(verifier.as_deref(), dir) {
            problems.push(format!("{}: {e}", dir.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} cases ({failing} _fail) do not conform:\n\n{}",
        problems.len(),
        dirs.len(),
        problems.join("\n\n")
    );
}

#[test]
fn the_runner_notices_a_wrong_answer() {
    // A passing case whose expectations are turned around must be reported.
    let dir = cases_dir().join("proof_n3_i2_pass");
    let tmp = std::env::temp_dir().join(format!("pacspace-conformance-{}", std::process::id()));
    let flipped = tmp.join("proof_n3_i2_fail");
    std::fs::create_dir_all(&flipped).expect("temp dir");
    for f in ["cmd", "proof.json", "README.md"] {
        std::fs::copy(dir.join(f), flipped.join(f)).expect("copy");
    }
    std::fs::write(
        flipped.join("expected.json"),
        r#"{"verdict":"fail","exit":1,"level":"not_verified","error":"rootMismatch","check":null}"#,
    )
    .expect("write");
    let result = run_case(None, &flipped);
    std::fs::remove_dir_all(&tmp).ok();
    let e = result.expect_err("a genuine proof expected to fail is a non-conforming answer");
    assert!(e.starts_with("exit 0, expected 1"), "{e}");
}

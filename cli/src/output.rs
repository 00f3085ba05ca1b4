//! The output convention every verb follows.
//!
//! Text: the verb's findings, one check a line (`ok`, `FAIL`, `--`), then
//! `not checked:` lines, a `level:` line and a final `verdict:` line.
//!
//! JSON (`--json`): one object, described by `docs/schema/<verb>.json`:
//! `schemaVersion`, `verb`, and for the verbs that give a verdict
//! `verdict` (`pass` when the level reached is at least the required one,
//! `fail` otherwise), `level`, `required`, `checks[]` and `notChecked[]`;
//! then the verb's own fields.
//!
//! Exit codes: 0 the required level was reached (or the verb's work is
//! done), 1 it was not, 2 bad input or usage, 3 the ledger
//! could not be asked (undetermined) when `anchored` was required.

use pacspace_proof::Level;
use pacspace_proof::receipt::{Basis, Check, Outcome};
use serde::Serialize;
use serde_json::{Map, Value};
use std::process::ExitCode;

/// Version of the JSON shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The levels a verdict can be required to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Required {
    /// The artefact agrees with itself.
    Consistent,
    /// Your own data (deltas, stored receiptId or root) reproduced it.
    Verified,
    /// Verified, and the root was found on the public ledger.
    Anchored,
}

impl Required {
    /// The library level this requirement names.
    pub fn level(self) -> Level {
        match self {
            Required::Consistent => Level::Consistent,
            Required::Verified => Level::Verified,
            Required::Anchored => Level::Anchored,
        }
    }
}

/// The options of every verb that gives a verdict.
#[derive(Debug, Clone, clap::Args)]
pub struct VerdictOpts {
    /// The level the verdict requires: exit 0 when it is reached, 1 when not.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Required::Verified)]
    pub require: Required,
    /// Print one JSON object (schema: docs/schema/<verb>.json).
    #[arg(long)]
    pub json: bool,
}

/// The `--json` option of the verbs that give no verdict.
#[derive(Debug, Clone, clap::Args)]
pub struct JsonOpt {
    /// Print one JSON object (schema: docs/schema/<verb>.json).
    #[arg(long)]
    pub json: bool,
}

/// How one check went.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Passed; what matched.
    Pass(String),
    /// Failed: the failure as JSON (`kind` and its fields) and in words.
    Fail {
        /// `{"kind": …, …}`.
        failure: Value,
        /// The failure in words.
        message: String,
    },
    /// Could not be made; why not.
    NotCheckable(String),
}

/// One named check, in the shape shared by every verb.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What was checked.
    pub name: String,
    /// What the check compared.
    pub basis: Basis,
    /// How it went.
    pub status: Status,
}

impl Finding {
    /// A passed check.
    pub fn pass(name: &str, basis: Basis, detail: String) -> Self {
        Finding {
            name: name.into(),
            basis,
            status: Status::Pass(detail),
        }
    }

    /// A failed check; `failure` is `{"kind": …}` plus its fields.
    pub fn fail(name: &str, basis: Basis, failure: Value, message: String) -> Self {
        Finding {
            name: name.into(),
            basis,
            status: Status::Fail { failure, message },
        }
    }

    /// A check that could not be made.
    pub fn not_checkable(name: &str, basis: Basis, why: String) -> Self {
        Finding {
            name: name.into(),
            basis,
            status: Status::NotCheckable(why),
        }
    }

    /// A library check in this shape.
    pub fn from_check(check: &Check) -> Self {
        let status = match &check.outcome {
            Outcome::Pass { detail } => Status::Pass(detail.clone()),
            Outcome::Fail { failure } => Status::Fail {
                failure: serde_json::to_value(failure)
                    .unwrap_or_else(|_| serde_json::json!({ "kind": "unserialisable" })),
                message: failure.to_string(),
            },
            Outcome::NotCheckable { why } => Status::NotCheckable(why.clone()),
        };
        Finding {
            name: check.name.clone(),
            basis: check.basis,
            status,
        }
    }

    /// Whether the check failed.
    pub fn failed(&self) -> bool {
        matches!(self.status, Status::Fail { .. })
    }

    /// `{"name", "outcome", "basis", "detail" | "failure" | "why"}`; a
    /// failure carries its words as `failure.message`.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// One indented text line: `ok`, `FAIL` or `--`, then name and words.
    pub fn line(&self) -> String {
        match &self.status {
            Status::Pass(detail) => format!("  ok    {}: {detail}", self.name),
            Status::Fail { message, .. } => {
                // Most failures name their field already: do not repeat it.
                let prefix = format!("{}: ", self.name);
                let text = message.strip_prefix(&prefix).unwrap_or(message);
                format!("  FAIL  {}: {text}", self.name)
            }
            Status::NotCheckable(why) => format!("  --    {}: not checkable: {why}", self.name),
        }
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Check", 4)?;
        st.serialize_field("name", &self.name)?;
        match &self.status {
            Status::Pass(detail) => {
                st.serialize_field("outcome", "pass")?;
                st.serialize_field("basis", &self.basis)?;
                st.serialize_field("detail", detail)?;
            }
            Status::Fail { failure, message } => {
                let mut failure = match failure {
                    Value::Object(m) => m.clone(),
                    other => Map::from_iter([("kind".to_string(), other.clone())]),
                };
                failure.insert("message".into(), message.clone().into());
                st.serialize_field("outcome", "fail")?;
                st.serialize_field("basis", &self.basis)?;
                st.serialize_field("failure", &failure)?;
            }
            Status::NotCheckable(why) => {
                st.serialize_field("outcome", "notCheckable")?;
                st.serialize_field("basis", &self.basis)?;
                st.serialize_field("why", why)?;
            }
        }
        st.end()
    }
}

/// The text lines of `findings`, one a line.
pub fn finding_lines(findings: &[Finding]) -> String {
    findings.iter().map(|f| f.line() + "\n").collect()
}

/// `6 checks: 5 ok, 1 failed, 0 not checkable`.
pub fn tally(findings: &[Finding]) -> String {
    let failed = findings.iter().filter(|f| f.failed()).count();
    let open = findings
        .iter()
        .filter(|f| matches!(f.status, Status::NotCheckable(_)))
        .count();
    format!(
        "{} check(s): {} ok, {failed} failed, {open} not checkable",
        findings.len(),
        findings.len() - failed - open
    )
}

/// What `level` means, in words (`failed`: whether a check failed).
pub fn level_words(level: Level, failed: bool) -> &'static str {
    match level {
        Level::NotVerified if failed => "a check failed",
        Level::NotVerified => "nothing could be checked",
        Level::Consistent => {
            "it agrees with itself, but nothing of yours reproduced it: no deltas you sent, no receiptId or root you stored"
        }
        Level::Verified => "your own data reproduced the item hash(es) and the root",
        Level::Anchored => "verified, and the root's bytes were found on the public ledger",
    }
}

/// The result of a verb that gives a verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The verb's name, as typed.
    pub verb: &'static str,
    /// The level reached.
    pub level: Level,
    /// The level required (`--require`).
    pub required: Level,
    /// Every check, in order.
    pub checks: Vec<Finding>,
    /// What was not established, in words.
    pub not_checked: Vec<String>,
    /// The verb's text before the `not checked:` lines (ends with a newline).
    pub body: String,
    /// The verb's own JSON fields.
    pub fields: Map<String, Value>,
    /// Added to a failing verdict line (e.g. what the verb can reach at best).
    pub fail_hint: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VerdictJson<'a> {
    schema_version: u32,
    verb: &'a str,
    verdict: &'a str,
    level: Level,
    required: Level,
    checks: &'a [Finding],
    not_checked: &'a [String],
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
}

impl Verdict {
    /// Whether the level reached is at least the required one.
    pub fn passed(&self) -> bool {
        self.level >= self.required
    }

    /// The JSON object (schema: `docs/schema/<verb>.json`), its fields in
    /// the documented order.
    pub fn to_json(&self) -> Result<String, String> {
        let out = VerdictJson {
            schema_version: SCHEMA_VERSION,
            verb: self.verb,
            verdict: if self.passed() { "pass" } else { "fail" },
            level: self.level,
            required: self.required,
            checks: &self.checks,
            not_checked: &self.not_checked,
            fields: &self.fields,
        };
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
    }

    /// The text: body, `not checked:` lines, `level:` and `verdict:`.
    pub fn to_text(&self) -> String {
        let mut out = self.body.clone();
        for n in &self.not_checked {
            out += &format!("not checked: {n}\n");
        }
        let failed = self.checks.iter().any(Finding::failed);
        out += &format!("level: {} ({})\n", self.level, level_words(self.level, failed));
        if self.passed() {
            out += &format!(
                "verdict: PASS (level {} reached; required {})",
                self.level, self.required
            );
        } else {
            out += &format!(
                "verdict: FAIL (level {} is below the required {}",
                self.level, self.required
            );
            if let Some(hint) = &self.fail_hint {
                out += &format!("; {hint}");
            }
            out += ")";
        }
        out
    }

    /// Prints the result; exit 0 when the required level was reached, 1 when not.
    pub fn print(&self, json: bool) -> Result<ExitCode, String> {
        if json {
            emit(self.to_json()?)?;
        } else {
            emit(self.to_text())?;
        }
        Ok(if self.passed() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainJson<'a> {
    schema_version: u32,
    verb: &'a str,
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
}

/// Prints the JSON of a verb that gives no verdict: `schemaVersion`,
/// `verb`, then `fields`.
pub fn print_plain_json(verb: &str, fields: &Map<String, Value>) -> Result<(), String> {
    let out = PlainJson {
        schema_version: SCHEMA_VERSION,
        verb,
        fields,
    };
    emit(serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?)
}

/// Writes one line to standard output; a closed pipe or full disk is an error
/// (exit 2), never a panic.
pub fn emit(line: impl std::fmt::Display) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}

/// `value`'s fields when it serialises to an object, less `drop`.
pub fn fields_of(value: &impl Serialize, drop: &[&str]) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(mut m)) => {
            for k in drop {
                m.remove(*k);
            }
            m
        }
        _ => Map::new(),
    }
}

//! `wire-delta`: the delta the official SDK sends for a queued usage summary.

use crate::input::read_text;
use crate::output::{JsonOpt, emit, print_plain_json};
use clap::{Args, ValueHint};
use pacspace_proof::canonical::{CanonicalOptions, JsonValue, Strings, canonical_json_with};
use pacspace_proof::item::{SummaryOptions, wire_delta};
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `wire-delta`.
#[derive(Debug, Args)]
pub struct WireDeltaArgs {
    /// The summary as queued (`queue_summary`): one object or an array
    /// (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// The coordinator's submission profile, sent as `metadata.summaryProfile`.
    #[arg(long, value_name = "PROFILE", default_value = "daily")]
    pub profile: String,
    /// The coordinator's `defaultReason`, sent when a summary has no reason.
    #[arg(long, value_name = "REASON", default_value = "usage_summary")]
    pub default_reason: String,
    #[command(flatten)]
    pub out: JsonOpt,
}

/// Prints the wire delta (an array for an array) as canonical JSON, lone
/// surrogates escaped: usable as `receipt --items` (`--json`:
/// `{"wireDelta": …}`).
pub fn run(args: WireDeltaArgs) -> Result<ExitCode, String> {
    let text = read_text(&args.file)?;
    let queued = JsonValue::parse(&text).map_err(|e| format!("input is not valid JSON: {e}"))?;
    let opts = SummaryOptions {
        profile: &args.profile,
        default_reason: &args.default_reason,
    };
    let sent = match &queued {
        JsonValue::Array(items) => JsonValue::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, s)| wire_delta(s, &opts).map_err(|e| format!("array element {i}: {e}")))
                .collect::<Result<_, _>>()?,
        ),
        one => wire_delta(one, &opts).map_err(|e| e.to_string())?,
    };
    let out = CanonicalOptions {
        strings: Strings::Js,
        ..CanonicalOptions::RFC8785
    };
    let text = canonical_json_with(&sent, out).map_err(|e| e.to_string())?;
    if args.out.json {
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            // Lone surrogates cannot live in a serde_json value: keep the text.
            Err(_) => Value::String(text),
        };
        let mut fields = Map::new();
        fields.insert("wireDelta".into(), value);
        print_plain_json("wire-delta", &fields)?;
    } else {
        emit(text)?;
    }
    Ok(ExitCode::SUCCESS)
}

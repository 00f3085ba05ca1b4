//! `wire-delta`: the delta the official SDK sends for a queued usage summary.

use crate::input::{emit, read_input};
use clap::Args;
use pacspace_proof::canonical::{CanonicalOptions, JsonValue, Strings, canonical_json_with};
use pacspace_proof::item::{SummaryOptions, wire_delta};
use std::path::PathBuf;

/// Arguments of `wire-delta`.
#[derive(Debug, Args)]
pub struct WireDeltaArgs {
    /// The summary as queued (`queue_summary`): one object or an array
    /// (`-` or absent: standard input).
    pub file: Option<PathBuf>,
    /// The coordinator's submission profile, sent as `metadata.summaryProfile`.
    #[arg(long, value_name = "PROFILE", default_value = "daily")]
    pub profile: String,
    /// The coordinator's `defaultReason`, sent when a summary has no reason.
    #[arg(long, value_name = "REASON", default_value = "usage_summary")]
    pub default_reason: String,
}

/// Prints the wire delta (an array for an array) as canonical JSON, lone
/// surrogates escaped: usable as `receipt --items`.
pub fn run(args: WireDeltaArgs) -> Result<(), String> {
    let text = read_input(&args.file)?;
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
    emit(canonical_json_with(&sent, out).map_err(|e| e.to_string())?)
}

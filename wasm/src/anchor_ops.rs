//! The ledger-anchor decision on JSON text: is a root's 32 bytes in a
//! successful Hedera transaction, by the answers of the sources a page (or
//! any caller) fetched itself? A pure function: no network here, the same
//! decision as `pacspace-verify anchor --ledger-answers` (it is
//! `pacspace_proof::ledger::decide`).

use crate::ops::{BadInput, hash, parse_json};
use pacspace_proof::Level;
use pacspace_proof::ledger::{
    AnchorPolicy, AnchorReport, AnchorVerdict, Network, SourceAnswer, SourceKind, Timestamp, decide,
    sha256_hex,
};
use serde::Serialize;
use serde_json::{Map, Value};

/// The decision as JavaScript receives it: the anchor report, then the level
/// reached and what was not checked.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Decision<'a> {
    #[serde(flatten)]
    report: &'a AnchorReport,
    level: Level,
    not_checked: Vec<String>,
}

/// What the caller passed beside the answers: the policy and the level its
/// own verification of this root reached.
struct Options {
    policy: AnchorPolicy,
    level: Level,
}

fn string_field<'a>(o: &'a Map<String, Value>, key: &str, what: &str) -> Result<Option<&'a str>, BadInput> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("{what}.{key} must be a string, not {other}")),
    }
}

fn level_named(name: &str) -> Result<Level, BadInput> {
    match name {
        "not_verified" => Ok(Level::NotVerified),
        "consistent" => Ok(Level::Consistent),
        "verified" => Ok(Level::Verified),
        "anchored" => Ok(Level::Anchored),
        other => Err(format!(
            "policy.level must be not_verified, consistent, verified or anchored, not {other:?}"
        )),
    }
}

/// Reads `policy`: `{network?, minSources?, contract?, notBefore?,
/// notBeforeToleranceSecs?, level?}`; `network` defaults to `fallback`.
fn options(text: Option<&str>, fallback: Option<Network>) -> Result<Options, BadInput> {
    let mut policy = AnchorPolicy::new(fallback.unwrap_or(Network::Mainnet));
    let mut level = Level::NotVerified;
    let Some(text) = text else {
        return Ok(Options { policy, level });
    };
    let Value::Object(o) = parse_json(text, "policy")? else {
        return Err("policy must be an object".into());
    };
    for (key, v) in &o {
        match (key.as_str(), v) {
            (_, Value::Null) => {}
            ("network", Value::String(s)) => {
                policy.network = s.parse().map_err(|e| format!("policy.network: {e}"))?
            }
            ("network", Value::Number(n)) => {
                policy.network = n
                    .to_string()
                    .parse()
                    .map_err(|e| format!("policy.network: {e}"))?
            }
            ("minSources", Value::Number(n)) => {
                let k = n
                    .as_u64()
                    .and_then(|k| usize::try_from(k).ok())
                    .ok_or_else(|| format!("policy.minSources: {n} is not a count"))?;
                policy.min_sources = Some(k);
            }
            ("contract", Value::String(s)) => {
                policy.contract = Some(s.parse().map_err(|e| format!("policy.contract: {e}"))?)
            }
            ("notBefore", Value::String(s)) => {
                policy.not_before =
                    Some(Timestamp::parse_rfc3339(s).map_err(|e| format!("policy.notBefore: {e}"))?)
            }
            ("notBeforeToleranceSecs", Value::Number(n)) => {
                policy.not_before_tolerance_secs = n
                    .as_u64()
                    .ok_or_else(|| format!("policy.notBeforeToleranceSecs: {n} is not a number of seconds"))?
            }
            ("level", Value::String(s)) => level = level_named(s)?,
            (key, _) => {
                return Err(format!(
                    "policy.{key}: unknown option, or not of the expected type"
                ));
            }
        }
    }
    Ok(Options { policy, level })
}

/// One recorded answer: `{kind, url, method?, askedAt, status, body,
/// bodySha256?, error?}`. A `bodySha256` must be the SHA-256 of `body` (the
/// body was changed after it was recorded otherwise); absent, it is computed.
fn answer(v: &Value, i: usize) -> Result<SourceAnswer, BadInput> {
    let what = format!("answers[{i}]");
    let Value::Object(o) = v else {
        return Err(format!("{what} must be an object"));
    };
    let kind = match string_field(o, "kind", &what)? {
        Some("mirror") => SourceKind::Mirror,
        Some("rpc") => SourceKind::Rpc,
        _ => return Err(format!("{what}.kind must be \"mirror\" or \"rpc\"")),
    };
    let url = string_field(o, "url", &what)?.ok_or_else(|| format!("{what}.url is missing"))?;
    let asked_at = string_field(o, "askedAt", &what)?.ok_or_else(|| format!("{what}.askedAt is missing"))?;
    Timestamp::parse_rfc3339(asked_at).map_err(|e| format!("{what}.askedAt: {e}"))?;
    let status = match o.get("status") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(
            n.as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .ok_or_else(|| format!("{what}.status: {n} is not an HTTP status"))?,
        ),
        Some(other) => return Err(format!("{what}.status must be a number or null, not {other}")),
    };
    let body = string_field(o, "body", &what)?.unwrap_or_default();
    let computed = sha256_hex(body.as_bytes());
    if let Some(recorded) = string_field(o, "bodySha256", &what)?
        && !recorded.eq_ignore_ascii_case(&computed)
    {
        return Err(format!(
            "{what} from {url}: the body's SHA-256 is {computed}, but {recorded} was recorded \
             (the body was changed after it was received)"
        ));
    }
    Ok(SourceAnswer {
        kind,
        url: url.into(),
        method: string_field(o, "method", &what)?.map(Into::into),
        asked_at: asked_at.into(),
        status,
        body: body.into(),
        body_sha256: computed,
        error: string_field(o, "error", &what)?.map(Into::into),
    })
}

/// The answers: an array of them, or an object holding `answers` (a
/// `pacspace-ledger-answers/v1` file, or a bundle's `ledger`) whose
/// `network` is the default network.
fn answers(text: &str) -> Result<(Vec<SourceAnswer>, Option<Network>), BadInput> {
    let v = parse_json(text, "answers")?;
    let (list, network) = match &v {
        Value::Array(list) => (list, None),
        Value::Object(o) => match o.get("answers") {
            Some(Value::Array(list)) => {
                let network = match string_field(o, "network", "answers")? {
                    Some(n) => Some(n.parse().map_err(|e| format!("answers.network: {e}"))?),
                    None => None,
                };
                (list, network)
            }
            _ => {
                return Err(
                    "answers must be an array of answers, or an object with an `answers` array".into(),
                );
            }
        },
        _ => return Err("answers must be an array of answers, or an object with an `answers` array".into()),
    };
    let list = list
        .iter()
        .enumerate()
        .map(|(i, a)| answer(a, i))
        .collect::<Result<_, _>>()?;
    Ok((list, network))
}

/// Decides whether `root` is anchored in transaction `tx` by the recorded
/// `answers` (JSON text: an array of `{kind, url, method?, askedAt, status,
/// body, bodySha256?, error?}`, or an object with such an `answers` array and
/// a `network`), under `policy` (`{network?, minSources?, contract?,
/// notBefore?, notBeforeToleranceSecs?, level?}`). Returns the anchor
/// report's JSON text with `level` and `notChecked`.
///
/// `level` is the level of the root for you: the decision finds the root on
/// the ledger but compares nothing of yours, so it lifts the level your own
/// verification reached (`policy.level`, e.g. `verifyBundle(b).level`) from
/// `verified` to `anchored`, and otherwise leaves it as it was.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ledger/");
/// let answers = std::fs::read_to_string(format!("{dir}answers.json")).unwrap();
/// let root = "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630";
/// let tx = "0x63b07c01299e4e79a12fef333705de81576e2dd09053dc64bafb307bbce087a8";
/// let r = pacspace_proof_wasm::anchor_ops::decide_anchor(root, tx, &answers, Some(r#"{"level":"verified"}"#)).unwrap();
/// assert!(r.contains(r#""verdict":"anchored""#) && r.contains(r#""level":"anchored""#), "{r}");
/// let other = root.replace("eace", "eacf");
/// let r = pacspace_proof_wasm::anchor_ops::decide_anchor(&other, tx, &answers, None).unwrap();
/// assert!(r.contains(r#""verdict":"not_anchored""#), "{r}");
/// ```
pub fn decide_anchor(
    root: &str,
    tx: &str,
    answers_text: &str,
    policy: Option<&str>,
) -> Result<String, BadInput> {
    let root = hash(root, "root")?;
    let (list, network) = answers(answers_text)?;
    let opts = options(policy, network)?;
    let report = decide(&root, tx, &list, &opts.policy);
    let anchored = report.verdict == AnchorVerdict::Anchored;
    let level = match opts.level {
        Level::Verified | Level::Anchored if anchored => Level::Anchored,
        Level::Anchored => Level::Verified,
        other => other,
    };
    let mut not_checked = Vec::new();
    if opts.level < Level::Verified {
        not_checked.push(
            "your data: the decision looks for the root on the ledger only; verifyReceipt or verifyBundle says \
             whether the root is the one of your deltas (pass the level it reached as policy.level)"
                .to_string(),
        );
    }
    if !anchored {
        not_checked.push(format!(
            "the public ledger: the root was not found anchored ({})",
            report.verdict
        ));
    }
    if opts.policy.contract.is_none() {
        not_checked.push(
            "the contract: no contract address was required (policy.contract), any recipient was accepted"
                .into(),
        );
    }
    if opts.policy.not_before.is_none() {
        not_checked.push("the anchor time against the receipt's time: no policy.notBefore was given".into());
    }
    let out = Decision {
        report: &report,
        level,
        not_checked,
    };
    serde_json::to_string(&out).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630";
    const TX: &str = "0x63b07c01299e4e79a12fef333705de81576e2dd09053dc64bafb307bbce087a8";

    fn sample() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/ledger/answers.json"
        ))
        .unwrap()
    }

    fn decision(root: &str, answers: &str, policy: Option<&str>) -> Value {
        serde_json::from_str(&decide_anchor(root, TX, answers, policy).unwrap()).unwrap()
    }

    #[test]
    fn sample_is_anchored_and_lifts_only_a_verified_level() {
        let d = decision(ROOT, &sample(), Some(r#"{"level":"verified"}"#));
        assert_eq!(d["verdict"], "anchored");
        assert_eq!(d["level"], "anchored");
        assert_eq!(d["network"], "testnet");
        let d = decision(ROOT, &sample(), Some(r#"{"level":"consistent"}"#));
        assert_eq!(
            (d["verdict"].as_str(), d["level"].as_str()),
            (Some("anchored"), Some("consistent"))
        );
        assert!(d["notChecked"][0].as_str().unwrap().starts_with("your data"));
    }

    #[test]
    fn bare_array_and_changed_answers() {
        let file: Value = serde_json::from_str(&sample()).unwrap();
        let list = file["answers"].to_string();
        // Without the file's network the default is mainnet: the mirror answer is for testnet's chain.
        let d = decision(ROOT, &list, Some(r#"{"network":"testnet","level":"verified"}"#));
        assert_eq!(d["verdict"], "anchored");
        // A changed body with its recorded digest is refused, naming the answer.
        let tampered = sample().replacen("eace00df", "eace00e0", 1);
        let e = decide_anchor(ROOT, TX, &tampered, None).unwrap_err();
        assert!(
            e.starts_with("answers[0] from https://testnet-mirror.example"),
            "{e}"
        );
        // The same change with the digest left out: read, and the root is no longer found.
        let mut f = file.clone();
        for a in f["answers"].as_array_mut().unwrap() {
            let body = a["body"].as_str().unwrap().replace("eace00df", "eace00e0");
            a["body"] = Value::String(body);
            a.as_object_mut().unwrap().remove("bodySha256");
        }
        let d = decision(ROOT, &f.to_string(), Some(r#"{"level":"verified"}"#));
        assert_eq!(
            (d["verdict"].as_str(), d["level"].as_str()),
            (Some("not_anchored"), Some("verified"))
        );
    }

    #[test]
    fn bad_policy_and_answers() {
        assert!(
            decide_anchor(ROOT, TX, "{}", None)
                .unwrap_err()
                .starts_with("answers must be")
        );
        assert!(
            decide_anchor("0x1", TX, "[]", None)
                .unwrap_err()
                .starts_with("root: ")
        );
        let e = decide_anchor(ROOT, TX, "[]", Some(r#"{"minSorces":2}"#)).unwrap_err();
        assert!(e.starts_with("policy.minSorces"), "{e}");
        let e = decide_anchor(ROOT, TX, "[]", Some(r#"{"level":"sure"}"#)).unwrap_err();
        assert!(e.starts_with("policy.level"), "{e}");
        let d = decision(ROOT, "[]", None);
        assert_eq!(
            (d["verdict"].as_str(), d["level"].as_str()),
            (Some("undetermined"), Some("not_verified"))
        );
        assert!(d["lookUpByHand"].as_str().unwrap().contains(ROOT));
    }
}

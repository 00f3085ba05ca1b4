//! The anchor decision: a pure function of the root, the transaction
//! reference, the recorded source answers and the policy.

use super::agree::{Source, compare, describe_locations};
use super::answers::{SourceAnswer, SourceKind};
use super::evidence::{Evidence, NoAnswer, Reading, TimeKind};
use super::find::{Location, find_root};
use super::judge::{check, judge};
use super::mirror::{mirror_url, read_mirror};
use super::network::Network;
use super::policy::AnchorPolicy;
use super::report::{AnchorReport, AnchorVerdict, CheckOutcome, SourceReport};
use super::rpc::{Exchange, RpcMethod, read_rpc};
use super::txref::TxRef;
use crate::Hash32;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The plain instruction given when nothing can be concluded.
fn by_hand(tx: &str, root: &Hash32, network: Network) -> String {
    let example = match TxRef::parse(tx) {
        Ok(t) => format!(
            ", for example at {}",
            mirror_url(network.default_mirror_base(), &t)
        ),
        Err(_) => String::new(),
    };
    format!(
        "look up transaction {tx} on Hedera {network} (chain id {}){example}; check that it succeeded and \
         that the 32 bytes {root} appear as one 32-byte word of its call data after the 4-byte selector \
         (at offset 4 + 32k), as one of its log topics, or as a 32-byte word of one of its logs' data",
        network.chain_id()
    )
}

/// Groups answers by source (kind and URL), in order of first appearance.
fn group(answers: &[SourceAnswer]) -> Vec<(SourceKind, &str, Vec<&SourceAnswer>)> {
    let mut index: BTreeMap<(SourceKind, &str), usize> = BTreeMap::new();
    let mut groups: Vec<(SourceKind, &str, Vec<&SourceAnswer>)> = Vec::new();
    for a in answers {
        let key = (a.kind, a.url.as_str());
        match index.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some(g) => g.2.push(a),
            None => {
                index.insert(key, groups.len());
                groups.push((a.kind, a.url.as_str(), alloc::vec![a]));
            }
        }
    }
    groups
}

fn exchange(a: &SourceAnswer) -> Result<Exchange<'_>, NoAnswer> {
    let prefix = a.method.as_deref().map(|m| format!("{m}: ")).unwrap_or_default();
    match (&a.error, a.status) {
        (Some(e), _) => Err(NoAnswer::NotAsked(format!("{prefix}{e}"))),
        (None, None) => Err(NoAnswer::NotAsked(format!("{prefix}no HTTP status recorded"))),
        (None, Some(code)) => Ok((code, a.body.as_str())),
    }
}

fn read_group(kind: SourceKind, answers: &[&SourceAnswer], tx: &TxRef) -> Reading {
    let result = match kind {
        SourceKind::Mirror => match answers {
            [one] => exchange(one).map(|(code, body)| read_mirror(code, body, tx)),
            _ => Err(NoAnswer::RepeatedExchange),
        },
        SourceKind::Rpc => read_rpc_group(answers, tx),
    };
    result.unwrap_or_else(Reading::NoAnswer)
}

fn read_rpc_group(answers: &[&SourceAnswer], tx: &TxRef) -> Result<Reading, NoAnswer> {
    let mut slots: [Option<&SourceAnswer>; 3] = [None; 3];
    for a in answers {
        let Some(name) = a.method.as_deref() else {
            // A source that could not be asked at all is recorded without a method.
            return Err(match &a.error {
                Some(e) => NoAnswer::NotAsked(e.clone()),
                None => NoAnswer::Inconsistent("a JSON-RPC answer without its method".to_string()),
            });
        };
        let i = RpcMethod::from_name(name)
            .and_then(|m| RpcMethod::ALL.iter().position(|x| *x == m))
            .ok_or_else(|| NoAnswer::Inconsistent(format!("unexpected JSON-RPC method {name:?}")))?;
        match slots.get_mut(i) {
            Some(slot @ None) => *slot = Some(a),
            _ => return Err(NoAnswer::RepeatedExchange),
        }
    }
    let mut ex: [Option<Exchange<'_>>; 3] = [None; 3];
    for (slot, out) in slots.iter().zip(ex.iter_mut()) {
        if let Some(a) = slot {
            *out = Some(exchange(a)?);
        }
    }
    let [t, r, b] = ex;
    Ok(read_rpc(tx, t, r, b))
}

fn reading_text(s: &Source<'_>) -> String {
    match &s.reading {
        Reading::Known(ev) => {
            let to = ev.to.map(|a| format!("; to {a}")).unwrap_or_default();
            let block = ev
                .block_number
                .map(|b| format!("; block {b}"))
                .unwrap_or_default();
            let word = if ev.success { "succeeded" } else { "failed" };
            format!(
                "transaction {word} ({}), {}{to}{block}; time {}",
                ev.status_text,
                describe_locations(&s.locations),
                ev.time.seconds_nanos()
            )
        }
        Reading::Unknown { why } => format!("unknown transaction: {why}"),
        Reading::NoAnswer(e) => format!("no usable answer: {e}"),
    }
}

fn source_report(s: &Source<'_>) -> SourceReport {
    let first = s.answers.first();
    SourceReport {
        kind: s.kind,
        url: s.url.to_string(),
        answered: s.reading.answered(),
        found: s.reading.answered().then_some(!s.locations.is_empty()),
        where_: s.locations.first().map(Location::kind),
        location: s.locations.first().copied(),
        status: first.and_then(|a| a.status),
        asked_at: first.map(|a| a.asked_at.clone()),
        body_sha256: first.map(|a| a.body_sha256.clone()),
        reading: reading_text(s),
        answers: s.answer_refs(),
    }
}

/// Decides whether `root` is anchored in transaction `tx` from the sources'
/// recorded answers, under `policy`. Pure: no network, no clock.
///
/// - Fewer than the required number of sources answering: `undetermined`,
///   with what to look up by hand.
/// - Answering sources that disagree (transaction known, success, where the
///   root is, `to`, block, time, chain id): `not_anchored`, both answers as evidence.
/// - Unknown transaction, failed transaction, root absent, another contract
///   than `policy.contract`, a time before `policy.not_before` less the
///   tolerance, a chain id of another network: `not_anchored`.
/// - Otherwise `anchored`.
///
/// ```
/// use pacspace_proof::{Hash32, ledger::{decide, AnchorPolicy, AnchorVerdict, Network, SourceAnswer, SourceKind, Timestamp}};
/// let root = Hash32::from_bytes([0xab; 32]);
/// let tx = format!("0x{}", "11".repeat(32));
/// let body = format!(r#"{{"function_parameters":"0x12345678{}","logs":[],"result":"SUCCESS",
///     "status":"0x1","timestamp":"1700000000.000000001","to":"0x{}","hash":"{tx}","block_number":9}}"#,
///     "ab".repeat(32), "00".repeat(19) + "2a");
/// let asked = Timestamp::new(1_700_000_100, 0).unwrap();
/// let answers = [SourceAnswer::answered(SourceKind::Mirror, "http://127.0.0.1:9/m", None, asked, 200, body)];
/// let report = decide(&root, &tx, &answers, &AnchorPolicy::new(Network::Testnet));
/// assert_eq!(report.verdict, AnchorVerdict::Anchored);
/// assert_eq!(report.finding.unwrap(), format!("the root's bytes are in transaction {tx}'s call data at offset 4"));
/// ```
pub fn decide(root: &Hash32, tx: &str, answers: &[SourceAnswer], policy: &AnchorPolicy) -> AnchorReport {
    let network = policy.network;
    let mut r = AnchorReport {
        verdict: AnchorVerdict::Undetermined,
        root: *root,
        tx: tx.trim().chars().take(200).collect(),
        network,
        chain_id: network.chain_id(),
        consensus_timestamp: None,
        consensus_time: None,
        time_kind: None,
        to: None,
        block_number: None,
        location: None,
        finding: None,
        min_sources: 0,
        sources_answered: 0,
        sources: Vec::new(),
        checks: Vec::new(),
        disagreements: Vec::new(),
        look_up_by_hand: None,
    };
    let txref = match TxRef::parse(tx) {
        Ok(t) => t,
        Err(e) => {
            r.checks.push(check("input", CheckOutcome::Fail, e.to_string()));
            r.look_up_by_hand = Some(by_hand(&r.tx, root, network));
            return r;
        }
    };
    r.tx = txref.to_string();
    let sources: Vec<Source<'_>> = group(answers)
        .into_iter()
        .map(|(kind, url, answers)| {
            let mut reading = read_group(kind, &answers, &txref);
            let mut locations = Vec::new();
            if let Reading::Known(ev) = &reading {
                locations = find_root(root, ev);
                if ev.partial && locations.is_empty() {
                    reading = Reading::NoAnswer(NoAnswer::PartialWithoutRoot);
                }
            }
            Source {
                kind,
                url,
                answers,
                reading,
                locations,
            }
        })
        .collect();
    r.sources = sources.iter().map(source_report).collect();
    r.min_sources = policy.min_sources_for(sources.len());
    let answered: Vec<&Source<'_>> = sources.iter().filter(|s| s.reading.answered()).collect();
    r.sources_answered = answered.len();
    let quorum = format!(
        "{} of {} sources answered; {} required",
        answered.len(),
        sources.len(),
        r.min_sources
    );
    let [first, rest @ ..] = answered.as_slice() else {
        r.checks.push(check("quorum", CheckOutcome::Fail, quorum));
        r.look_up_by_hand = Some(by_hand(&r.tx, root, network));
        return r;
    };
    if answered.len() < r.min_sources {
        r.checks.push(check("quorum", CheckOutcome::Fail, quorum));
        r.look_up_by_hand = Some(by_hand(&r.tx, root, network));
        return r;
    }
    r.checks.push(check("quorum", CheckOutcome::Pass, quorum));
    for other in rest {
        r.disagreements
            .extend(compare(first, other, policy.block_time_skew_secs));
    }
    if !r.disagreements.is_empty() {
        let fields: Vec<&str> = r.disagreements.iter().map(|d| d.field).collect();
        let detail = format!(
            "the sources that answered disagree on: {} (both answers are listed as evidence)",
            fields.join(", ")
        );
        r.checks.push(check("agreement", CheckOutcome::Fail, detail));
        r.verdict = AnchorVerdict::NotAnchored;
        return r;
    }
    let agreement = if rest.is_empty() {
        check(
            "agreement",
            CheckOutcome::NotChecked,
            "only one source answered".to_string(),
        )
    } else {
        check(
            "agreement",
            CheckOutcome::Pass,
            format!("all {} answering sources say the same", answered.len()),
        )
    };
    r.checks.push(agreement);
    let known: Vec<(&Source<'_>, &Evidence)> = answered
        .iter()
        .filter_map(|s| match &s.reading {
            Reading::Known(ev) => Some((*s, ev)),
            _ => None,
        })
        .collect();
    let chosen = known
        .iter()
        .find(|(_, ev)| ev.time_kind == TimeKind::Consensus)
        .or(known.first());
    let Some(&(src, ev)) = chosen else {
        let why = match &first.reading {
            Reading::Unknown { why } => why.clone(),
            _ => String::new(),
        };
        let detail = format!("no answering source knows transaction {}: {why}", r.tx);
        r.checks
            .push(check("transactionKnown", CheckOutcome::Fail, detail));
        r.verdict = AnchorVerdict::NotAnchored;
        return r;
    };
    judge(&mut r, src, ev, policy);
    r
}

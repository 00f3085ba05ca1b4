//! TypeScript types of the plain objects the bindings return: the serde
//! output of the Rust types (`Report`, `Proof`, …), written out for `.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `0x` + 64 lowercase hex digits. */
export type Hash = string;
/** How an internal node joins its children (docs/spec.md, section 5). */
export type NodeEncodingName = "hex0x" | "hex" | "bytes";
/** A balance delta as submitted; other keys are carried into the canonical JSON of `itemHash`. */
export interface Item {
  customerId: string;
  delta?: number;
  amount?: number;
  reason: string;
  referenceId?: string | null;
  metadata?: unknown;
  [key: string]: unknown;
}
export interface PathStep { hash: Hash; position: "left" | "right"; }
/** An inclusion proof, as `pacspace-verify prove` prints it. */
export interface Proof {
  index: number;
  count: number;
  itemHash: Hash;
  itemsRoot: Hash;
  path: PathStep[];
  nodeEncoding?: NodeEncodingName;
}
/** What a verdict may claim, weakest first. */
export type Level = "not_verified" | "consistent" | "verified" | "anchored";
/** As `pacspace-verify verify-proof --json` prints it, with the level reached. */
export interface ProofVerdict {
  verified: boolean;
  index: number;
  count: number;
  itemHash: Hash;
  itemsRoot: Hash;
  nodeEncoding: NodeEncodingName;
  error: string | null;
  /** The failure's kind, as `pacspace-verify verify-proof --json` names it. */
  errorKind: "emptyTree" | "indexOutOfRange" | "pathLength" | "wrongSide" | "paddingSibling" | "rootMismatch" | "fieldMismatch" | null;
  /** `verified` against your `expectRoot`, `consistent` against the proof's own root. */
  level: Level;
  notChecked: string[];
}
export type SignatureFailure =
  | { reason: "noV1Value" }
  | { reason: "tooManyValues"; found: number }
  | { reason: "invalidHex"; index: number }
  | { reason: "invalidTimestamp" }
  | { reason: "mismatch"; tried: number }
  | { reason: "staleTimestamp"; timestamp: number; now: number; tolerance: number };
/** Signature headers as received, and the clock to judge them by. */
export interface WebhookHeaders {
  secret: string;
  /** `X-PacSpace-Signature`. */
  signature: string;
  /** `X-PacSpace-Timestamp`. */
  timestamp: string;
  /** The current time, Unix seconds, e.g. `Math.floor(Date.now() / 1000)`. */
  nowUnixSecs: number;
  /** Default 300. */
  toleranceSecs?: number;
}
export interface SignatureVerdict {
  valid: boolean;
  index: number | null;
  timestamp: number | null;
  ageSecs: number | null;
  failure: SignatureFailure | null;
  error: string | null;
  /** `consistent` when valid (nothing of yours but the secret was compared), else `not_verified`. */
  level: Level;
  notChecked: string[];
}
export type Failure =
  | { kind: "emptyItemHashes" }
  | { kind: "itemHashNotFound"; item: number; computed: Hash; searched: number }
  | { kind: "itemHashMismatch"; field: string; expected: Hash; found: Hash }
  | { kind: "contentHashNotInItemHashes"; contentHash: Hash; searched: number }
  | { kind: "rootMismatch"; field: string; claimed: Hash; computed: Hash }
  | { kind: "receiptIdMismatch"; field: string; expected: Hash; found: string }
  | { kind: "fieldMismatch"; field: string; expected: string; found: string }
  | { kind: "missingField"; field: string }
  | { kind: "countMismatch"; field: string; expected: number; found: number }
  | { kind: "statusFailed"; field: string; error: string | null }
  | { kind: "unexpectedEvent"; event: string }
  | { kind: "chainBreak"; line: number; expected: string; found: string | null }
  | { kind: "encodingChanged"; line: number; first: NodeEncodingName; found: NodeEncodingName }
  | ({ kind: "signature" } & SignatureFailure);
/** What a passed check compared. */
export type Basis = "artefact" | "root" | "ownItem" | "ownRoot" | "ownReceipt" | "ownField" | "ledger";
export type Check = { name: string; basis: Basis } & (
  | { outcome: "pass"; detail: string }
  | { outcome: "fail"; failure: Failure }
  | { outcome: "notCheckable"; why: string }
);
export type EncodingFinding =
  | { finding: "detected"; value: NodeEncodingName }
  | { finding: "noneReproduced" }
  | { finding: "undecidable"; value: { leaves: number } }
  | { finding: "notApplicable" };
export interface ItemMapping {
  amountKey: "delta" | "amount";
  absentReferenceId: "omit" | "null";
  adjusts: "omit" | "include";
  keyOrder: "code-units" | "js-object";
  strings: "refuse" | "js";
}
export interface MappingFinding { item: number; mapping: ItemMapping | null; }
export type Verdict = "verified" | "notVerified" | "unverifiable";
export type ArtefactKind = "emit" | "batch" | "deltaStatus" | "webhook" | "verifyAnswer";
/** A verification report: every check by name, the encoding and mapping used, one verdict. */
export interface Report {
  artefact: ArtefactKind;
  verdict: Verdict;
  level: Level;
  nodeEncoding: NodeEncodingName;
  encoding: EncodingFinding;
  mappings: MappingFinding[];
  checks: Check[];
  notes: string[];
  /** What the report did not establish, in plain words. */
  notChecked: string[];
}
/** The receipt fields a bundle's items were checked against. */
export interface BundleReceipt {
  source: "emit" | "batch" | "deltaStatus" | "verifyAnswer" | "webhook" | string;
  receiptId: string;
  anchorId?: string;
  receivedAt?: string;
  status?: string;
  previousProofHash?: string;
  [key: string]: unknown;
}
export interface BundleItem { index: number; itemHash: Hash; delta: Item; [key: string]: unknown; }
export interface RecordedAnswer {
  kind: string; url: string; method?: string; askedAt: string; status: number | null;
  body: string; bodySha256: string; error?: string; [key: string]: unknown;
}
/** A proof bundle, `pacspace-proof-bundle/v1` (docs/schema/bundle-v1.json). */
export interface Bundle {
  format: string;
  receipt: BundleReceipt;
  root: Hash;
  leafCount: number;
  nodeEncoding: NodeEncodingName;
  itemMapping: ItemMapping;
  items: BundleItem[];
  inclusion:
    | { kind: "itemHashes"; itemHashes: Hash[] }
    | { kind: "path"; path: PathStep[] }
    | { kind: "multiProof"; siblings: Hash[] };
  ledger?: { network: string; transaction: string; answers: RecordedAnswer[] };
  createdBy?: string;
  seal?: { fields: Record<string, string>; root: Hash };
  [key: string]: unknown;
}
/** One source's recorded answer, as `pacspace-verify anchor --save-ledger-answers` writes it. */
export interface SourceAnswer {
  kind: "mirror" | "rpc"; url: string; method?: string; askedAt: string; status: number | null;
  body: string; /** Computed when absent; when given it must be the body's SHA-256. */ bodySha256?: string;
  error?: string;
}
/** The rules of `decideAnchor`. */
export interface AnchorPolicy {
  /** `mainnet`, `testnet`, 295 or 296; default: the answers file's network, else mainnet. */
  network?: string | number;
  /** How many sources must answer (default 1 with one source, 2 with more). */
  minSources?: number;
  /** The transaction must be to this address. */
  contract?: string;
  /** RFC 3339: an anchor time earlier than this (less the tolerance) is a failure. */
  notBefore?: string;
  notBeforeToleranceSecs?: number;
  /** The level your own verification of this root reached; lifted from `verified` to `anchored`. */
  level?: Level;
}
export interface AnchorSource {
  kind: "mirror" | "rpc"; url: string; answered: boolean; found: boolean | null;
  where: "calldata" | "topic" | "logdata" | null; status: number | null; askedAt: string | null;
  bodySha256: string | null; reading: string; [key: string]: unknown;
}
/** The ledger's decision: the anchor report of `pacspace-verify anchor --json`. */
export interface AnchorReport {
  verdict: "anchored" | "not_anchored" | "undetermined";
  root: Hash;
  tx: string;
  network: "mainnet" | "testnet";
  chainId: number;
  consensusTimestamp: string | null;
  consensusTime: string | null;
  timeKind: string | null;
  to: string | null;
  blockNumber: number | null;
  finding: string | null;
  minSources: number;
  sourcesAnswered: number;
  sources: AnchorSource[];
  checks: Array<{ name: string; outcome: "pass" | "fail" | "notChecked"; detail: string }>;
  disagreements?: unknown[];
  lookUpByHand?: string;
}
/** `decideAnchor`'s answer: the anchor report, with the level and what was not checked. */
export interface AnchorDecision extends AnchorReport {
  /** `policy.level` lifted to `anchored` when the root was found and that level was `verified`. */
  level: Level;
  notChecked: string[];
}
export interface BundleOptions {
  /** Positions of the deltas to keep (default: all anchored ones). */
  only?: number[];
  /** Compact paths (default) or the receipt's whole list of item hashes. */
  inclusion?: "compact" | "itemHashes";
  /** A `pacspace-ledger-answers/v1` file, as an object or its text. */
  ledgerAnswers?: object | string;
  createdBy?: string;
}
/** What did not match in a bundle; `field` is the field blamed, e.g. `items[0].delta`. */
export type BundleFailure = { kind: string; field: string; [key: string]: unknown };
export type BundleCheck = { name: string; field: string; basis: Basis } & (
  | { outcome: "pass"; detail: string }
  | { outcome: "fail"; failure: BundleFailure }
  | { outcome: "notCheckable"; why: string }
);
/** One level of an item's path: the sibling joined, its side, and the node it gives. */
export interface PathNode { sibling: Hash; position: "left" | "right"; padding: boolean; node: Hash; }
export interface ItemPath { index: number; itemHash: Hash; steps: PathNode[]; reaches: Hash; }
/** A bundle's verification report. */
export interface BundleReport {
  format: string;
  verdict: Verdict;
  level: Level;
  receipt: BundleReceipt;
  root: Hash;
  leafCount: number;
  nodeEncoding: NodeEncodingName;
  itemMapping: ItemMapping;
  items: BundleItem[];
  paths: ItemPath[];
  ledger: { network: string; transaction: string; answers: Array<{ kind: string; url: string; askedAt: string; status: number | null; bodySha256: string }> } | null;
  checks: BundleCheck[];
  notes: string[];
  notChecked: string[];
  /** The ledger's decision from the bundle's recorded answers, when it carries ledger evidence
   * that could be put to it (level `anchored` when found and the items verified). */
  anchor?: AnchorReport;
}
"#;

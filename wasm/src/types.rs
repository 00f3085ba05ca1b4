//! TypeScript types of the plain objects the bindings return: the serde
//! output of the Rust types (`Report`, `Proof`, …), written out for `.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `0x` + 64 lowercase hex digits. */
export type Hash = string;
/** How an internal node joins its children (SPEC section 4). */
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
/** As `pacspace-verify verify-proof --json` prints it. */
export interface ProofVerdict {
  verified: boolean;
  index: number;
  count: number;
  itemHash: Hash;
  itemsRoot: Hash;
  nodeEncoding: NodeEncodingName;
  error: string | null;
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
export type Check = { name: string } & (
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
  nodeEncoding: NodeEncodingName;
  encoding: EncodingFinding;
  mappings: MappingFinding[];
  checks: Check[];
  notes: string[];
}
"#;

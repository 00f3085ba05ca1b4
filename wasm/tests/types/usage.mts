// Compiled with `tsc --noEmit -p tests/types` against the generated .d.ts: the declared types
// admit the documented use and reject misuse (each @ts-expect-error must be an error).
import init, {
  Tree, canonicalJson, createBundle, decideAnchor, itemHash, itemsRoot, prove, verifyBundle, verifyProof, verifyReceipt,
  verifyReceiptText, verifyWebhookDelivery, verifyWebhookSignature,
} from '../../pkg/index.js';
import type {
  AnchorDecision, Bundle, BundleCheck, BundleReport, Check, EncodingFinding, Failure, Item, Level, NodeEncodingName, Proof,
  ProofVerdict, Report, SignatureVerdict,
} from '../../pkg/index.js';

await init();

const item: Item = { customerId: 'c', delta: 5, reason: 'r' };
const h: string = itemHash(item);
const root: string = itemsRoot([item, h], 'bytes');
const proof: Proof = prove([h, h], 1);
const verdict: ProofVerdict = verifyProof(proof, root, 'hex');
const ok: boolean = verdict.verified;
const err: string | null = verdict.error;
const tree = new Tree([h, h, h], 'hex0x');
const enc: NodeEncodingName = tree.nodeEncoding;
const p2: Proof = tree.prove(2);
tree.free();

const report: Report = verifyReceipt({ success: true, data: {} }, [item], root);
const text: string = verifyReceiptText('{}');
const v: 'verified' | 'notVerified' | 'unverifiable' = report.verdict;
function describe(c: Check): string {
  switch (c.outcome) {
    case 'pass': return c.detail;
    case 'notCheckable': return c.why;
    case 'fail': return failureField(c.failure);
  }
}
function failureField(f: Failure): string {
  return f.kind === 'rootMismatch' ? f.claimed : f.kind === 'signature' ? f.reason : f.kind;
}
function encodingName(e: EncodingFinding): string {
  return e.finding === 'detected' ? e.value : e.finding === 'undecidable' ? String(e.value.leaves) : e.finding;
}
const headers = { secret: 's', signature: 'v1=00', timestamp: '1', nowUnixSecs: 1 };
const sig: SignatureVerdict = verifyWebhookSignature(new Uint8Array([1]), headers);
const age: number | null = sig.ageSecs;
const delivery: Report = verifyWebhookDelivery('{}', headers, item, null);

const bundle: Bundle = createBundle({ success: true, data: {} }, item, { only: [0], inclusion: 'itemHashes' });
const bundleReport: BundleReport = verifyBundle(bundle);
const reached: Level = bundleReport.level;
const missing: string[] = bundleReport.notChecked;
const bundleAnchor: 'anchored' | 'not_anchored' | 'undetermined' | undefined = bundleReport.anchor?.verdict;
const proofLevel: Level = verdict.level;
const receiptLevel: Level = report.level;
function blamed(c: BundleCheck): string {
  return c.outcome === 'fail' ? c.failure.field : c.field;
}
const firstNode: string | undefined = bundleReport.paths[0]?.steps[0]?.node;

// @ts-expect-error an unknown inclusion form
createBundle('{}', item, { inclusion: 'all' });
// @ts-expect-error a level is not a verdict
const notLevel: Level = 'verified_ish';
// @ts-expect-error an unknown node encoding
itemsRoot([h], 'sha256');
// @ts-expect-error the clock is required
verifyWebhookSignature('{}', { secret: 's', signature: 'v1=00', timestamp: '1' });
// @ts-expect-error the verdict is not a boolean
const wrong: boolean = report.verdict;

export const used = [
  canonicalJson(1), ok, err, enc, p2, text, v, describe, encodingName, age, delivery, wrong,
  reached, missing, bundleAnchor, proofLevel, receiptLevel, blamed, firstNode, notLevel,
];

// decideAnchor: answers as a recorded file, an array, or text; the level it lifts.
const decision: AnchorDecision = decideAnchor(root, '0x' + '11'.repeat(32), [], { network: 'testnet', minSources: 1, level: verdict.level });
const anchoredOrNot: 'anchored' | 'not_anchored' | 'undetermined' = decision.verdict;
const lifted: Level = decision.level;
const where: string | null = decision.sources[0]?.where ?? null;
decideAnchor(root, 'tx', { network: 'testnet', answers: [{ kind: 'mirror', url: 'u', askedAt: 't', status: 200, body: '{}' }] });
decideAnchor(root, 'tx', '[]');
const kind: string | null = verdict.errorKind;
// @ts-expect-error a level that does not exist
decideAnchor(root, 'tx', [], { level: 'sure' });
// @ts-expect-error the answers are required
decideAnchor(root, 'tx');

import type { Commitment } from "../commitments/extract.js";
import { normalizeForMatch } from "../ingest/clean.js";
import { docStem } from "../ingest/metadata.js";

/** One hand-labelled quantity (`tests/eval/commitments.jsonl`). */
export interface CommitmentLabel {
  id: string;
  file: string;
  sentence: string;
  quantity: string;
  unit: string;
  object: string;
  object_alt?: string[];
  kind: "plan" | "result";
  place: string | null;
  deadline: string | null;
  responsible?: string | null;
}

export interface CommitmentScore {
  labels: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Of the matched items: the object is the label's or one of its alternatives (normalised). */
  objectExact: number;
  /** …or one contains the other, or they share half their character bigrams. */
  objectPartial: number;
  placeExact: number;
  placePartial: number;
  deadline: number;
  responsible: number;
}

const stem = docStem;
/**
 * Whether an extracted item's sentence is the labelled one: it holds the label's opening, or the
 * words right before the labelled number (a label may run across a heading: "三、…完善。硬化农村公路22公里").
 */
function sameSentence(extracted: string, label: CommitmentLabel): boolean {
  const ours = normalizeForMatch(extracted);
  const theirs = normalizeForMatch(label.sentence);
  if (ours.includes(theirs.slice(0, 12))) return true;
  // (…or is the part of the label's window that holds the number: a list line read up to its "；" — "投资680万元；"
  // of "投资680万元；2026年10月底前完工")
  if (ours.length >= 6 && theirs.includes(ours) && ours.includes(normalizeForMatch(label.quantity))) return true;
  const at = theirs.indexOf(normalizeForMatch(label.quantity));
  return at >= 6 && ours.includes(theirs.slice(at - 6, at + label.quantity.length));
}
const norm = (s: string | null | undefined) => (s ? normalizeForMatch(s) : "");
const bigrams = (s: string) => new Set([...s].slice(0, -1).map((c, i) => c + s[i + 1]));
function near(a: string, b: string): boolean {
  if (!a || !b) return a === b;
  if (a.includes(b) || b.includes(a)) return true;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size)) >= 0.5;
}

/**
 * Extracted items against labels: an item matches a label of the same file, number, unit and
 * kind whose sentence it holds; the fields are then compared on the matched pairs.
 */
export function scoreCommitments(items: Commitment[], labels: CommitmentLabel[]): CommitmentScore {
  const files = new Set(labels.map((l) => stem(l.file)));
  const extracted = items.filter((c) => files.has(c.docId));
  const used = new Set<string>();
  const pairs: Array<[Commitment, CommitmentLabel]> = [];
  for (const c of extracted) {
    const hit = labels.find(
      (l) =>
        !used.has(l.id) &&
        stem(l.file) === c.docId &&
        l.quantity === c.quantity &&
        l.unit.replace("％", "%") === c.unit &&
        l.kind === c.kind &&
        sameSentence(c.sentence, l),
    );
    if (!hit) continue;
    used.add(hit.id);
    pairs.push([c, hit]);
  }
  const share = (f: (c: Commitment, l: CommitmentLabel) => boolean) =>
    pairs.filter(([c, l]) => f(c, l)).length / Math.max(1, pairs.length);
  const objects = (l: CommitmentLabel) => [l.object, ...(l.object_alt ?? [])].map(norm);
  return {
    labels: labels.length,
    extracted: extracted.length,
    matched: pairs.length,
    precision: pairs.length / Math.max(1, extracted.length),
    recall: pairs.length / Math.max(1, labels.length),
    objectExact: share((c, l) => objects(l).includes(norm(c.object))),
    objectPartial: share((c, l) => objects(l).some((o) => near(norm(c.object), o))),
    placeExact: share((c, l) => norm(c.place) === norm(l.place)),
    placePartial: share((c, l) => near(norm(c.place), norm(l.place))),
    deadline: share((c, l) => norm(c.deadline) === norm(l.deadline)),
    responsible: share((c, l) => norm(c.responsible) === norm(l.responsible ?? null)),
  };
}

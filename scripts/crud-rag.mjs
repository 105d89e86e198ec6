// @ts-check
// Builds tests/eval/crud-rag/ from a local snapshot of the public CRUD-RAG benchmark
// (IAAR-Shanghai/CRUD_RAG): a small news corpus and a question set, so the project is measured on
// Chinese text that is not a township plan. Only question groups whose news id ends in 0–7 are read;
// ids ending 8–f are kept for an independent check and never opened here.
//
//   node scripts/crud-rag.mjs /path/to/CRUD_RAG [--groups 170] [--absent 50] [--distractors 900] [--holdout 60] [--holdout-absent 20]
//
// questions.jsonl is the dev set; holdout.jsonl holds questions of other groups (their articles are
// in the same corpus), kept to be run once at the end of a piece of work.
//
// The snapshot may be a git directory without a work tree (files are read with `git show`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    groups: { type: "string", default: "170" },
    absent: { type: "string", default: "50" },
    distractors: { type: "string", default: "900" },
    holdout: { type: "string", default: "60" },
    "holdout-absent": { type: "string", default: "20" },
  },
});
const src = positionals[0];
if (!src) {
  process.stderr.write(
    "usage: node scripts/crud-rag.mjs /path/to/CRUD_RAG [--groups N] [--absent N] [--distractors N]\n",
  );
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "tests/eval/crud-rag");

/** @param {string} path */
const read = (path) =>
  existsSync(join(src, path))
    ? readFileSync(join(src, path), "utf8")
    : execFileSync("git", ["-C", src, "show", `HEAD:${path}`], { maxBuffer: 1 << 30 }).toString("utf8");
const norm = (/** @type {string} */ s) => s.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");

// a fixed-seed shuffle, so the same snapshot always gives the same set
let seed = 20261130;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
/** @template T @param {T[]} xs @returns {T[]} */
const shuffle = (xs) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** @type {Record<string, {key_info: string[], question: string[], answers: string[]}>} */
const all = JSON.parse(read("src/quest_eval/QuestAnswer1Doc_quest_gt_save.json"));
const dev = Object.entries(all).filter(([id]) => /[0-7]$/i.test(id));
process.stderr.write(`${Object.keys(all).length} groups, ${dev.length} with ids ending 0–7\n`);

// the news articles: one per line in the data files
const files = execFileSync("git", ["-C", src, "ls-tree", "-r", "--name-only", "HEAD", "data/80000_docs"])
  .toString("utf8")
  .split("\n")
  .filter(Boolean);
/** @type {string[]} */
const articles = [];
const seen = new Set();
let missing = 0;
for (const f of files) {
  let text = "";
  try {
    text = read(f);
  } catch {
    missing++; // a snapshot may lack its largest files
    continue;
  }
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t.length < 80 || seen.has(t)) continue;
    seen.add(t);
    articles.push(t);
  }
}
process.stderr.write(
  `${articles.length} distinct articles (${missing} of ${files.length} data files absent from this snapshot)\n`,
);
const normed = articles.map(norm);

// each group's article: the one that holds all its answers and key facts
/** @type {Array<{id: string, group: typeof dev[number][1], article: number}>} */
const matched = [];
for (const [id, group] of dev) {
  const needles = [...group.answers, ...group.key_info]
    .map(norm)
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  if (!needles.length) continue;
  // the article holding most of them (at least 60 %, and two): answers are sometimes reworded
  let best = -1;
  let bestHits = 0;
  const lead = needles.slice(0, 2);
  for (let i = 0; i < normed.length; i++) {
    if (!lead.some((n) => normed[i].includes(n))) continue;
    const hits = needles.filter((n) => normed[i].includes(n)).length;
    if (hits > bestHits) [best, bestHits] = [i, hits];
  }
  if (best >= 0 && bestHits >= Math.max(2, Math.ceil(needles.length * 0.6))) matched.push({ id, group, article: best });
}
process.stderr.write(`${matched.length} groups matched to their article\n`);

const order = shuffle(matched);
const inCorpus = order.slice(0, Number(values.groups));
// out of corpus: groups whose article is in no file of the snapshot (or was left out above)
const matchedIds = new Set(matched.map((m) => m.id));
const unmatched = shuffle(dev.filter(([id]) => !matchedIds.has(id)).map(([id, group]) => ({ id, group, article: -1 })));
const absent = [...order.slice(Number(values.groups)), ...unmatched].slice(0, Number(values.absent));
// held out: the next groups of the same shuffled order (their articles join the corpus), and groups
// no article of the snapshot holds that the dev set did not take
const devTaken = Number(values.groups) + Number(values.absent);
const heldIn = order.slice(devTaken, devTaken + Number(values.holdout));
const heldAbsent = unmatched.slice(
  Math.max(0, devTaken - order.length),
  Math.max(0, devTaken - order.length) + Number(values["holdout-absent"]),
);
const used = new Set(order.map((m) => m.article));
const distractors = shuffle(articles.map((_, i) => i).filter((i) => !used.has(i))).slice(0, Number(values.distractors));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "corpus"), { recursive: true });
const name = (/** @type {number} */ i) => `news-${String(i).padStart(5, "0")}.txt`;
for (const i of [...inCorpus.map((m) => m.article), ...heldIn.map((m) => m.article), ...distractors])
  writeFileSync(join(out, "corpus", name(i)), `${articles[i]}\n`);

/**
 * Whether an article is about a question: at least 15 % of the question's character bigrams
 * (question words left out) stand in it. A question naming nothing ("是什么原因导致的？") passes.
 */
function about(/** @type {string} */ question, /** @type {string} */ text) {
  const runs = question.replace(
    /是什么|什么|哪一天|哪一年|哪个|哪些|哪里|多少|是否|为什么|怎么|如何|谁|吗|呢|哪|几/g,
    "|",
  );
  const grams = new Set();
  for (const run of runs.match(/[\u4e00-\u9fff]+/g) ?? [])
    for (let i = 0; i + 1 < run.length; i++) grams.add(run.slice(i, i + 2));
  if (grams.size < 5) return true;
  let found = 0;
  for (const g of grams) if (text.includes(g)) found++;
  return found / grams.size >= 0.15;
}

/** Up to two questions of a group whose short answer stands verbatim in the article, with the text around it as evidence. */
function pick(/** @type {typeof matched[number]} */ m) {
  const text = articles[m.article];
  const out = [];
  for (let q = 0; q < m.group.question.length && out.length < 2; q++) {
    const answer = m.group.answers[q] ?? "";
    const at = text.indexOf(answer);
    if (answer.length < 1 || answer.length > 20 || at < 0) continue;
    // a short answer (a date) can stand in an article about something else: the question's own
    // words must be there too
    if (!about(m.group.question[q] ?? "", text)) continue;
    // the text around the answer, inside its sentence (a window across a sentence end may span two chunks)
    const start = Math.max(...["。", "！", "？", "；"].map((p) => text.lastIndexOf(p, at - 1) + 1));
    const ends = ["。", "！", "？", "；"].map((p) => text.indexOf(p, at + answer.length)).filter((i) => i >= 0);
    const end = ends.length ? Math.min(...ends) : text.length;
    const evidence = text
      .slice(Math.max(start, at - 12), Math.min(end, at + answer.length + 12))
      .replace(/\s+/g, " ")
      .trim();
    out.push({ q, question: m.group.question[q], answer, evidence });
  }
  return out;
}

/** Question lines: up to two per group in the corpus, the first of each group out of it. */
function questionLines(/** @type {typeof matched} */ inside, /** @type {typeof matched} */ outside) {
  const lines = [];
  for (const m of inside) {
    for (const p of pick(m))
      lines.push({
        id: `crud-${m.id}-${p.q}`,
        question: p.question,
        answerable: true,
        evidence: [p.evidence],
        answer_contains: [p.answer],
        kind: "news",
      });
  }
  for (const m of outside) {
    const q = m.group.question[0];
    if (q)
      lines.push({
        id: `crud-${m.id}`,
        question: q,
        answerable: false,
        evidence: [],
        answer_contains: [],
        kind: "not-in-corpus",
      });
  }
  return lines;
}
for (const [file, lines] of [
  ["questions.jsonl", questionLines(inCorpus, absent)],
  ["holdout.jsonl", questionLines(heldIn, heldAbsent)],
]) {
  writeFileSync(join(out, file), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  process.stderr.write(`${file}: ${lines.length} questions (${lines.filter((l) => l.answerable).length} answerable)\n`);
}
process.stderr.write(`${inCorpus.length + heldIn.length + distractors.length} articles written to ${out}\n`);

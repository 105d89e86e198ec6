import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..");
const QUESTION = "荫田镇2021年完成了多少个改厕任务？";
const TIMEOUT = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of the child: the default settings (hashed embedder), info-level logs. They are
 * set explicitly, not just unset, because the CLI fills unset ones from a .env in its cwd.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(CORPUS_DIR|INDEX_DIR|OLLAMA_|OPENAI_|EMBED_|NODE_OPTIONS|VITEST)/.test(k)) delete env[k];
  }
  Object.assign(env, {
    LOG_LEVEL: "info",
    EMBEDDINGS: "hashed",
    HASHED_DIM: "512",
    HNSW_EF: "128",
    TOP_K: "8",
    MAX_QUESTION_CHARS: "500",
    NO_COLOR: "1",
  });
  return env;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
      cwd: REPO,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
  });
}

const lines = (s: string) => s.split("\n").filter((l) => l.trim());

let root: string;
let corpus: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "plan-qa-cli-"));
  corpus = join(root, "corpus");
  await mkdir(corpus);
  for (const f of await readdir(join(REPO, "corpus")))
    await writeFile(join(corpus, f), await readFile(join(REPO, "corpus", f)));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ask = (index: string, ...rest: string[]) =>
  cli(["ask", "--json", "--corpus", corpus, "--index", join(root, index), ...rest]);

function parseOne(stdout: string): Record<string, unknown> {
  const out = lines(stdout);
  expect(out, "stdout must be exactly one line of JSON").toHaveLength(1);
  const parsed: unknown = JSON.parse(out[0]!);
  expect(parsed).toBeTypeOf("object");
  expect(Array.isArray(parsed)).toBe(false);
  return parsed as Record<string, unknown>;
}

describe("plan-qa CLI (real process)", () => {
  it(
    "ask --json prints one JSON object with the answer and citations; logs go to stderr",
    async () => {
      const run = await ask("idx-main", QUESTION);
      expect(run.code, run.stderr).toBe(0);
      const j = parseOne(run.stdout);
      expect(Object.keys(j)).toEqual(
        expect.arrayContaining(["question", "answer", "refused", "citations", "passages", "latencyMs"]),
      );
      expect(j.question).toBe(QUESTION);
      expect(j.refused).toBe(false);
      expect(j.answer).toBeTypeOf("string");
      expect(j.answer as string).toContain("650");
      expect(j.latencyMs).toBeTypeOf("number");
      expect(j.latencyMs as number).toBeGreaterThanOrEqual(0);

      const citations = j.citations as Array<Record<string, unknown>>;
      expect(citations.length).toBeGreaterThan(0);
      for (const c of citations) {
        expect(c.n).toBeTypeOf("number");
        expect(c.docId).toBeTypeOf("string");
        expect(c.title).toBeTypeOf("string");
        expect(c.sectionPath).toBeTypeOf("string");
        expect(c.text).toBeTypeOf("string");
      }
      expect(citations.map((c) => c.n)).toEqual(citations.map((_, i) => i + 1));
      expect(citations.some((c) => (c.docId as string).includes("荫田镇"))).toBe(true);
      expect(citations.some((c) => (c.text as string).includes("650"))).toBe(true);

      const passages = j.passages as Array<Record<string, unknown>>;
      expect(passages.length).toBeGreaterThanOrEqual(5);
      passages.forEach((p, i) => {
        expect(p.rank).toBe(i + 1);
        expect(p.docId).toBeTypeOf("string");
        expect(p.title).toBeTypeOf("string");
        expect(p.sectionPath).toBeTypeOf("string");
        expect((p.text as string).length).toBeGreaterThan(0);
        expect(p.score).toBeTypeOf("number");
      });
      const scores = passages.map((p) => p.score as number);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);

      // progress and log lines only on stderr
      expect(run.stdout).not.toMatch(/\[(info|warn|debug)\]/);
      const err = lines(run.stderr);
      expect(err.length).toBeGreaterThan(0);
      expect(err.some((l) => /building index/.test(l))).toBe(true);
      expect(err.every((l) => /^\[(debug|info|warn|error)\] /.test(l))).toBe(true);
      expect(run.stderr).not.toContain("    at ");

      // the repo's own data/ was not used
      expect((await readdir(join(root, "idx-main"))).sort()).toEqual(
        expect.arrayContaining(["manifest.json", "chunks.json"]),
      );
    },
    TIMEOUT,
  );

  it(
    "a second ask loads the saved index (no rebuild) and gives the same answer",
    async () => {
      const first = await ask("idx-reuse", QUESTION);
      expect(first.code).toBe(0);
      const second = await ask("idx-reuse", QUESTION);
      expect(second.code).toBe(0);
      expect(second.stderr).not.toMatch(/build/);
      const a = parseOne(first.stdout);
      const b = parseOne(second.stdout);
      expect(b.answer).toBe(a.answer);
      expect(b.citations).toEqual(a.citations);
    },
    TIMEOUT,
  );

  it(
    "an empty question is refused with a Chinese message, exit 0",
    async () => {
      const run = await ask("idx-empty", "");
      expect(run.code).toBe(0);
      const j = parseOne(run.stdout);
      expect(j.refused).toBe(true);
      expect(j.answer as string).toMatch(/[\u4e00-\u9fff]/);
      expect(j.citations).toEqual([]);
      expect(run.stderr).not.toContain("    at ");
    },
    TIMEOUT,
  );

  it(
    "an emoji-only question is refused with a Chinese message, exit 0",
    async () => {
      const run = await ask("idx-emoji", "😀🎉👍");
      expect(run.code).toBe(0);
      const j = parseOne(run.stdout);
      expect(j.question).toBe("😀🎉👍");
      expect(j.refused).toBe(true);
      expect(j.answer as string).toMatch(/[\u4e00-\u9fff]/);
      expect(j.citations).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "an unknown command exits non-zero with a one-line message naming it, no stack trace",
    async () => {
      const run = await cli(["frobnicate", "--corpus", corpus, "--index", join(root, "idx-unknown")]);
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe("");
      const err = lines(run.stderr);
      expect(err[0]).toMatch(/frobnicate/);
      expect(err.filter((l) => l.includes("frobnicate"))).toHaveLength(1);
      expect(run.stderr).not.toContain("    at ");
      // nothing was built for a command that does not exist
      await expect(readdir(join(root, "idx-unknown"))).rejects.toThrow();
    },
    TIMEOUT,
  );

  it(
    "an unknown option exits non-zero with exactly one line, no stack trace",
    async () => {
      const run = await cli(["ask", "--bogus", "--corpus", corpus, "--index", join(root, "idx-bogus"), QUESTION]);
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe("");
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/bogus/);
      expect(run.stderr).not.toContain("    at ");
    },
    TIMEOUT,
  );

  it(
    'a corrupt index (manifest.json = "{") is rebuilt with one line and still answers 650',
    async () => {
      const index = join(root, "idx-corrupt");
      const first = await ask("idx-corrupt", QUESTION);
      expect(first.code).toBe(0);
      await writeFile(join(index, "manifest.json"), "{");
      const run = await ask("idx-corrupt", QUESTION);
      expect(run.code, run.stderr).toBe(0);
      const rebuildLines = lines(run.stderr).filter((l) => /rebuild/i.test(l));
      expect(rebuildLines).toHaveLength(1);
      expect(rebuildLines[0]).toMatch(/manifest/);
      expect(run.stderr).not.toContain("    at ");
      const j = parseOne(run.stdout);
      expect(j.refused).toBe(false);
      expect(j.answer as string).toContain("650");
      // the manifest is whole again
      const manifest = JSON.parse(await readFile(join(index, "manifest.json"), "utf8")) as { chunkCount: number };
      expect(manifest.chunkCount).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe("ingest then ask on documents in every format (the issue's done-when, through the real CLI)", () => {
  it(
    "ingest prints the inferred metadata table; ask answers from the docx table, the pdf and the html page",
    async () => {
      const fx = join(root, "fixtures");
      await mkdir(fx);
      for (const f of await readdir(join(REPO, "tests", "fixtures")))
        await writeFile(join(fx, f), await readFile(join(REPO, "tests", "fixtures", f)));
      const index = join(root, "fx-index");
      const ingest = await cli(["ingest", "--corpus", fx, "--index", index]);
      expect(ingest.code, ingest.stderr).toBe(0);
      for (const cell of ["柳溪镇", "金山镇", "桃源乡", "石门乡", "docx", "pdf", "html", "gb18030"])
        expect(ingest.stdout).toContain(cell);
      expect(ingest.stdout).toMatch(/4 documents .*0 skipped/);
      for (const [q, n] of [
        ["镇卫生院住院楼改造投资多少万元？", "980"],
        ["金山镇2023年发放了多少低保资金？", "208"],
      ] as const) {
        const r = await cli(["ask", "--json", "--corpus", fx, "--index", index, q]);
        const json = JSON.parse(r.stdout) as { answer: string; refused: boolean; citations: Array<{ text: string }> };
        expect(json.refused).toBe(false);
        expect(json.answer).toContain(n);
        expect(json.citations[0]!.text).toContain(n);
        expect(r.stderr).not.toMatch(/building|rebuilding/); // the index ingest wrote is used as is
      }
    },
    TIMEOUT * 2,
  );
});

describe("options are checked before anything runs", () => {
  it.each([
    [["ask"], /缺少问题/],
    [["commitments", "--format", "xml"], /--format must be table, csv or json, not "xml"/],
    [["commitments", "--year", "abc"], /--year must be a year such as 2021, not "abc"/],
    [["commitments", "--kind", "maybe"], /--kind must be plan or result/],
    [["feedback", "--limit", "abc"], /--limit must be a whole number/],
  ])("%j exits 2 with one line saying what is wrong, then the usage", async (args, why) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toMatch(why);
    expect(r.stderr).toContain("用法 (usage)");
  });
  it("accepts the table's own words for --kind (计划/完成)", async () => {
    const r = await cli([
      "commitments",
      "--corpus",
      corpus,
      "--index",
      join(root, "idx-kind"),
      "--kind",
      "完成",
      "--format",
      "csv",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("650");
  });
});

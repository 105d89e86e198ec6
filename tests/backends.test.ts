import { appendFile, cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanQA, type PlanQA } from "../src/app.js";
import { runEval } from "../src/channels/cli/eval.js";
import { loadConfig } from "../src/config.js";
import { createLogger, silentLogger } from "../src/log.js";
import { connectPostgres, migrate } from "../src/pg/db.js";
import { PgFeedbackStore } from "../src/pg/feedback.js";
import { ingestToPostgres } from "../src/pg/ingest.js";
import { HashedNgramEmbeddings } from "../src/search/embeddings.js";
import { CORPUS, REPO } from "./helpers/core.js";
import { type RunningPglite, startPglite } from "./helpers/services.js";

// One contract, two backends: the local index (files, hnswlib, in-memory BM25) and PostgreSQL +
// pgvector reached by node-postgres over TCP (PGlite served by pglite-socket on loopback).
let pg: RunningPglite;
let dir: string;
const cores: Record<"local" | "postgres", PlanQA> = {} as never;

beforeAll(async () => {
  pg = await startPglite();
  dir = await mkdtemp(join(tmpdir(), "planqa-backends-"));
  const base = { CORPUS_DIR: CORPUS, LOG_LEVEL: "silent" };
  cores.local = (await createPlanQA(loadConfig({ ...base, INDEX_DIR: join(dir, "index") }), silentLogger)).qa;
  cores.postgres = (
    await createPlanQA(loadConfig({ ...base, INDEX_BACKEND: "postgres", DATABASE_URL: pg.url }), silentLogger, {
      ingest: true,
    })
  ).qa;
}, 120_000);

afterAll(async () => {
  await cores.postgres?.close();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each(["local", "postgres"] as const)("the %s backend", (name) => {
  const qa = () => cores[name];

  it("answers with the document's number and a citation to its section", async () => {
    const a = await qa().ask("荫田镇2021年完成了多少个改厕任务？");
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("650");
    expect(a.citations[0]!.title).toBe("荫田镇2021年度工作总结及2022年工作计划");
    expect(a.citations[0]!.text).toContain("650");
  });

  it("refuses a township and a year the corpus does not cover, by name", async () => {
    const town = await qa().ask("青山镇2021年改厕多少户？");
    expect(town.refused).toBe(true);
    expect(town.reason).toBe("unknown-township");
    expect(town.answer).toContain("青山镇");
    const year = await qa().ask("东山镇2019年修了多少公里路？");
    expect(year.refused).toBe(true);
    expect(year.reason).toBe("uncovered-year");
  });

  it("lists the documents and townships, and the commitments table", async () => {
    expect(
      qa()
        .documents()
        .map((d) => d.title),
    ).toEqual(cores.local.documents().map((d) => d.title));
    expect(qa().townships().sort()).toEqual(["东山镇", "荫田镇"]);
    const items = await qa().commitments({ township: "荫田镇", year: 2021, kind: "result" });
    expect(items.length).toBeGreaterThan(5);
    expect(items.map((c) => c.sentence)).toEqual(
      (await cores.local.commitments({ township: "荫田镇", year: 2021, kind: "result" })).map((c) => c.sentence),
    );
  });

  it("gives a document's chunks in order, the same on both backends", async () => {
    const doc = qa().documents()[0]!;
    const chunks = await qa().backend.documentChunks(doc.docId);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.ord)).toEqual([...chunks.map((c) => c.ord)].sort((a, b) => a - b));
    expect(chunks.map((c) => c.text)).toEqual((await cores.local.backend.documentChunks(doc.docId)).map((c) => c.text));
  });

  it("pages the commitments table the way slicing the whole list would", async () => {
    const filters = [
      {},
      { township: "荫田" },
      { township: "东山镇", year: 2022 },
      { kind: "plan" as const },
      { township: "青山镇" },
      { year: 2021, topic: "改厕" },
    ];
    for (const f of filters) {
      const all = await qa().commitments(f);
      expect(all.map((c) => c.sentence)).toEqual((await cores.local.commitments(f)).map((c) => c.sentence));
      for (const [offset, limit] of [
        [0, 8],
        [3, 5],
        [all.length - 1, 10],
        [all.length + 2, 4],
      ] as const) {
        const page = await qa().commitmentPage(f, Math.max(0, offset), limit);
        expect(page.total).toBe(all.length);
        expect(page.items.map((c) => c.id)).toEqual(
          all.slice(Math.max(0, offset), Math.max(0, offset) + limit).map((c) => c.id),
        );
      }
    }
  });

  it("follows a conversation: a follow-up is read in the context of the previous question", async () => {
    await qa().ask("荫田镇2021年完成了多少个改厕任务？", { conversationId: `c-${name}` });
    const f = await qa().ask("东山镇呢？", { conversationId: `c-${name}` });
    expect(f.interpretedAs).toContain("东山镇");
  });
});

describe("postgres against local", () => {
  it("retrieves the same top passages for the dev questions", async () => {
    const lines = (await readFile(join(REPO, "tests/eval/questions.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .slice(0, 40);
    let same = 0;
    for (const line of lines) {
      const { question } = JSON.parse(line) as { question: string };
      const [a, b] = await Promise.all([cores.local.ask(question), cores.postgres.ask(question)]);
      if (a.answer === b.answer && a.citations.map((c) => c.text).join() === b.citations.map((c) => c.text).join())
        same++;
    }
    expect(same / lines.length).toBeGreaterThanOrEqual(0.95);
  });

  // the same scoring code on both; the vector candidates differ (pgvector's HNSW is approximate, the
  // local filtered search exact) and fusion weighs the vector side by how far it agrees with BM25,
  // so one ranking may swap: at most one question apart on any metric
  it("scores the dev eval within one question of local on every quality metric", async () => {
    const file = join(REPO, "tests/eval/questions.jsonl");
    const [l, p] = [(await runEval(cores.local, file)).metrics, (await runEval(cores.postgres, file)).metrics];
    for (const k of [
      "hitAt1",
      "hitAt5",
      "mrr",
      "answerContains",
      "citesEvidence",
      "unanswerableRefused",
      "falseRefusals",
    ] as const) {
      expect(Math.abs(l[k] - p[k]), k).toBeLessThanOrEqual(1 / l.answerable + 1e-9);
    }
  }, 60_000);
});

describe("postgres ingest", () => {
  it("replaces only changed documents, removes deleted ones, and keeps serving the old version when an ingest fails", async () => {
    const db = await startPglite();
    const corpus = await mkdtemp(join(tmpdir(), "planqa-pgcorpus-"));
    const pool = await connectPostgres(db.url, { log: silentLogger });
    try {
      await cp(CORPUS, corpus, { recursive: true });
      await migrate(pool, silentLogger);
      expect(await migrate(pool, silentLogger)).toEqual([]); // applied once
      const ingest = (embeddings = new HashedNgramEmbeddings(256)) =>
        ingestToPostgres(pool, { corpusDir: corpus, embeddings, log: silentLogger });
      const first = await ingest();
      expect(first.status).toBe("built");
      expect(first.docs).toHaveLength(5);
      const again = await ingest();
      expect(again.status).toBe("loaded");
      expect(again.written).toEqual([]);

      const file = "东山镇2022年工作计划.txt";
      await appendFile(join(corpus, file), "\n七、新增事项\n全年新建村级停车场17个。\n");
      const changed = await ingest();
      expect(changed.status).toBe("updated");
      expect(changed.written).toEqual([file]);
      expect(changed.reused).toHaveLength(4);
      const qa = (
        await createPlanQA(
          loadConfig({ INDEX_BACKEND: "postgres", DATABASE_URL: db.url, CORPUS_DIR: corpus }),
          silentLogger,
        )
      ).qa;
      expect((await qa.ask("东山镇2022年计划新建多少个停车场？")).answer).toContain("17");

      // an ingest that dies while writing a document: the previous version is still served
      await writeFile(join(corpus, file), (await readFile(join(corpus, file), "utf8")).replace("17个", "99个"));
      const broken = new HashedNgramEmbeddings(256);
      broken.embedDocuments = async () => {
        throw new Error("embedding service went away");
      };
      await expect(ingest(broken)).rejects.toThrow(/went away/);
      const still = await qa.ask("东山镇2022年计划新建多少个停车场？");
      expect(still.answer).toContain("17");
      expect(still.answer).not.toContain("99");

      await unlink(join(corpus, "镇2026年度工作计划.txt"));
      const removed = await ingest();
      expect(removed.removed).toEqual(["镇2026年度工作计划.txt"]);
      expect(removed.written).toEqual([file]);
      expect(removed.docs).toHaveLength(4);
      await qa.close();
    } finally {
      await pool.end();
      await db.stop();
      await rm(corpus, { recursive: true, force: true });
    }
  }, 120_000);

  it("an unreachable server or a wrong URL is one line naming the host, without the password", async () => {
    const cfg = loadConfig({
      INDEX_BACKEND: "postgres",
      DATABASE_URL: "postgresql://u:secret@127.0.0.1:1/x",
      CORPUS_DIR: CORPUS,
      DB_CONNECT_TIMEOUT_S: "2",
    });
    const lines: string[] = [];
    const err = await createPlanQA(
      cfg,
      createLogger("warn", (l) => lines.push(l)),
    ).catch((e: unknown) => e as Error);
    // retried with backoff for DB_CONNECT_TIMEOUT_S, one line per attempt, then the one-line error
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(
      /postgres postgresql:\/\/127\.0\.0\.1:1\/x: not reachable yet \(attempt 1: .*\); retrying in 0\.5 s/,
    );
    expect(lines.join("\n")).not.toContain("secret");
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/cannot connect to postgresql:\/\/127\.0\.0\.1:1\/x: connection refused/);
    expect((err as Error).message).not.toContain("secret");
    expect(() => loadConfig({ INDEX_BACKEND: "postgres" })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
});

describe("postgres feedback for the console", () => {
  it("lists votes by channel and day, and marks one handled", async () => {
    const pool = await connectPostgres(pg.url, { poolSize: 2, log: silentLogger });
    await migrate(pool, silentLogger);
    const store = new PgFeedbackStore(pool);
    const a = await store.recordAnswer({
      channel: "wechat",
      chatHash: "h1",
      question: "低保多少钱",
      answer: "610元",
      citations: [],
      refused: false,
    });
    await store.vote(a, "h1", "down");
    const b = await store.recordAnswer({
      channel: "telegram",
      chatHash: "h2",
      question: "改厕多少户",
      answer: "650个",
      citations: [],
      refused: false,
    });
    await store.vote(b, "h2", "up");
    expect((await store.list({ channel: "wechat" })).map((r) => r.question)).toEqual(["低保多少钱"]);
    expect(await store.list({ from: "2999-01-01" })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await store.list({ to: today })).length).toBe(2);
    expect(await store.markHandled(a)).toBe(true);
    expect(await store.markHandled("unknown")).toBe(false);
    expect((await store.list({ handled: true })).map((r) => r.answerId)).toEqual([a]);
    await store.close();
  });
});

import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { formatWithSources } from "../../answer/extractive.js";
import type { IndexReport, LocalPlanQA, PlanQA } from "../../app.js";
import { formatCommitments, planVsResultLines } from "../../commitments/query.js";
import type { Config } from "../../config.js";
import { type Answer, type Chunk, DOC_KINDS, type DocKind } from "../../domain/types.js";
import { userMessageOf } from "../../errors.js";
import { PlainBm25Baseline } from "../../eval/baseline.js";
import { type EvalMetrics, parseQuestions } from "../../eval/metrics.js";
import type { FeedbackSink, Vote } from "../../feedback/store.js";
import { SIDECAR_FILE, type Sidecar, SidecarSchema } from "../../ingest/metadata.js";
import type { Logger } from "../../log.js";
import { analyzeQuestion } from "../../retrieve/question.js";
import { runEval } from "../cli/eval.js";
import { Html, html, page } from "./html.js";

export interface ConsoleDeps {
  config: Pick<Config, "CORPUS_DIR" | "MAX_FILE_MB" | "CONSOLE_MAX_FILES" | "CONSOLE_TOKEN">;
  log: Logger;
  /** The core as it stands, and the report of opening it. */
  core: { qa: PlanQA; report: IndexReport };
  /** Open the core again after the corpus changed (a local index is rebuilt incrementally). */
  reopen(onFile: (file: string, index: number, total: number) => void): Promise<{ qa: PlanQA; report: IndexReport }>;
  /** The feedback store of the bots (opened on first use). */
  feedback?: () => Promise<FeedbackSink>;
  /** Where shipped question sets are looked for (tests/eval of a checkout). */
  evalDir?: string;
}

/** Files the console accepts, by extension (what the loaders read). */
const UPLOAD_TYPES = new Set([".txt", ".md", ".docx", ".pdf", ".html", ".htm"]);
const COOKIE = "planqa_console";
/** Finished jobs kept for their result pages and downloads. */
const MAX_JOBS = 50;
/** Sessions kept at once (a token is typed rarely; the oldest session goes first). */
const MAX_SESSIONS = 1000;

interface Job {
  id: string;
  title: string;
  progress: string;
  done: boolean;
  result: Html | null;
  /** Records of an eval run, for download. */
  records?: string;
}

/** Why an uploaded file name cannot be stored in the corpus folder, or null when it can. */
export function badFileName(name: string): string | null {
  if (!name || name.length > 160) return "文件名为空或太长";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (NUL included) are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return "文件名含有控制字符";
  if (/[\\/]/.test(name) || isAbsolute(name) || name === "." || name === ".." || name.startsWith("."))
    return "文件名不能包含路径";
  if (name === SIDECAR_FILE) return "与元数据文件同名";
  if (!UPLOAD_TYPES.has(extname(name).toLowerCase())) return "不支持的文件类型（支持 .txt .md .docx .pdf .html）";
  return null;
}

/**
 * The staff console: documents, hit test, eval, feedback and commitments over the same core as
 * the bots. Server-rendered HTML; progress pages refresh themselves, so no script is needed.
 */
export function createConsoleApp(deps: ConsoleDeps): { app: Hono; close(): Promise<void> } {
  const { config, log } = deps;
  let state = deps.core;
  const corpus = resolve(config.CORPUS_DIR);
  const sessions = new Set<string>();
  const jobs = new Map<string, Job>();
  let queue: Promise<unknown> = Promise.resolve();
  const app = new Hono();

  app.onError((err, c) => {
    log.error(`console: ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.message : String(err)}`);
    return c.html(
      page("出错了", "", html`<p class="bad">${userMessageOf(err, "处理请求时出错，请稍后再试。")}</p>`),
      500,
    );
  });

  // a POST from another site is refused: the console's forms post to themselves only
  app.use("*", async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("origin");
      const host = c.req.header("host");
      const site = c.req.header("sec-fetch-site");
      let sameOrigin = true;
      if (origin) {
        try {
          sameOrigin = new URL(origin).host === host;
        } catch {
          sameOrigin = false;
        }
      }
      if (!sameOrigin || site === "cross-site" || site === "same-site") return c.text("跨站请求已拒绝。", 403);
    }
    await next();
  });

  // with a token: asked once, then a session cookie (HttpOnly, SameSite=Strict)
  if (config.CONSOLE_TOKEN) {
    const token = Buffer.from(config.CONSOLE_TOKEN);
    app.get("/login", (c) => c.html(loginPage(null)));
    app.post("/login", async (c) => {
      const body = await c.req.parseBody();
      const given = Buffer.from(String(body.token ?? ""));
      if (given.length !== token.length || !timingSafeEqual(given, token))
        return c.html(loginPage("令牌不正确。"), 401);
      const sid = randomBytes(24).toString("hex");
      sessions.add(sid);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value!);
      setCookie(c, COOKIE, sid, { httpOnly: true, sameSite: "Strict", path: "/" });
      return c.redirect("/files", 303);
    });
    app.use("*", async (c, next) => {
      const sid = getCookie(c, COOKIE);
      if (!sid || !sessions.has(sid))
        return c.req.method === "GET" ? c.redirect("/login", 303) : c.text("需要登录。", 401);
      await next();
    });
  }

  app.get("/", (c) => c.redirect("/files", 303));
  app.get("/favicon.ico", (c) => c.body(null, 204));

  // ---- 文件 -----------------------------------------------------------------------------------
  app.get("/files", (c) =>
    c.html(
      page(
        "文件",
        "/files",
        filesBody(state, c.req.query("notice") ?? null, config.CONSOLE_MAX_FILES, config.MAX_FILE_MB),
      ),
    ),
  );

  app.post(
    "/files/upload",
    bodyLimit({
      maxSize: config.MAX_FILE_MB * 1024 * 1024 * config.CONSOLE_MAX_FILES + 64 * 1024,
      onError: (c) =>
        c.html(
          page(
            "文件",
            "/files",
            html`<p class="bad">上传内容超过大小上限（${config.CONSOLE_MAX_FILES} 个文件，每个不超过 ${config.MAX_FILE_MB} MB）。</p>`,
          ),
          413,
        ),
    }),
    async (c) => {
      const body = await c.req.parseBody({ all: true });
      const files = ([] as unknown[]).concat(body.files ?? []).filter((f): f is File => f instanceof File && !!f.name);
      if (!files.length) return c.html(page("文件", "/files", html`<p class="bad">请先选择要上传的文件。</p>`), 400);
      if (files.length > config.CONSOLE_MAX_FILES)
        return c.html(
          page("文件", "/files", html`<p class="bad">一次最多上传 ${config.CONSOLE_MAX_FILES} 个文件。</p>`),
          400,
        );
      const rejected: Array<[string, string]> = [];
      const stored: string[] = [];
      for (const f of files) {
        const bad =
          badFileName(f.name) ??
          (f.size > config.MAX_FILE_MB * 1024 * 1024 ? `文件太大（上限 ${config.MAX_FILE_MB} MB）` : null);
        const target = resolve(corpus, f.name);
        if (bad || relative(corpus, target).startsWith("..") || !target.startsWith(corpus)) {
          rejected.push([f.name, bad ?? "文件名不能包含路径"]);
          continue;
        }
        await writeFile(target, Buffer.from(await f.arrayBuffer()));
        stored.push(f.name);
      }
      log.info(`console: upload ${stored.length} file(s), ${rejected.length} refused`);
      const before = new Set(state.qa.documents().map((d) => d.file));
      const id = startJob("上传并更新索引", async (progress) => {
        const report = await reingest(progress);
        // a stored file that could not be read is named with its reason and taken out again
        const failed = report.skipped.filter((s) => stored.includes(s.file));
        for (const s of failed) await unlink(join(corpus, s.file)).catch(() => undefined);
        if (failed.length) await reingest(progress);
        const added = state.qa.documents().filter((d) => stored.includes(d.file));
        return html`<div class="box"><p class="ok">索引已更新。</p>
          ${added.length ? html`<p>已加入 ${added.length} 个文件：</p><ul>${added.map((d) => html`<li>${d.title}（${d.file}${before.has(d.file) ? "，已替换" : ""}）</li>`)}</ul>` : ""}
          ${failed.length || rejected.length ? html`<p class="bad">未能加入：</p><ul>${[...failed.map((s) => [s.file, s.message] as [string, string]), ...rejected].map(([n, why]) => html`<li class="bad">${n}：${why}</li>`)}</ul>` : ""}
          <p><a href="/files">返回文件列表</a></p></div>
          <h2>现有文件</h2>${filesBody(state, null, config.CONSOLE_MAX_FILES, config.MAX_FILE_MB)}`;
      });
      return c.redirect(`/jobs/${id}`, 303);
    },
  );

  app.post("/files/delete", async (c) => {
    const file = String((await c.req.parseBody()).file ?? "");
    const doc = state.qa.documents().find((d) => d.file === file);
    if (!doc) return c.html(page("文件", "/files", html`<p class="bad">没有这个文件。</p>`), 404);
    await unlink(join(corpus, doc.file));
    await editSidecar((s) => void delete s.documents[doc.file]);
    const id = startJob(`删除 ${doc.title}`, async (progress) => {
      await reingest(progress);
      return html`<div class="box"><p class="ok">已删除 ${doc.title}，索引已更新。</p><p><a href="/files">返回文件列表</a></p></div>`;
    });
    return c.redirect(`/jobs/${id}`, 303);
  });

  app.get("/files/edit", (c) => {
    const doc = state.qa.documents().find((d) => d.file === c.req.query("file"));
    if (!doc) return c.html(page("文件", "/files", html`<p class="bad">没有这个文件。</p>`), 404);
    return c.html(
      page(
        `修改元数据：${doc.title}`,
        "/files",
        html`<form method="post" action="/files/edit" class="box">
          <input type="hidden" name="file" value="${doc.file}">
          <p><label for="title">标题</label><input type="text" id="title" name="title" value="${doc.title}" size="50"></p>
          <p><label for="township">乡镇</label><input type="text" id="township" name="township" value="${doc.township ?? ""}"></p>
          <p><label for="years">年份</label><input type="text" id="years" name="years" value="${doc.years.join(",")}" placeholder="2022,2023"></p>
          <p><label for="kind">类型</label><select id="kind" name="kind">${DOC_KINDS.map((k) => html`<option${new Html(doc.kinds[0] === k ? " selected" : "")}>${k}</option>`)}</select></p>
          <button type="submit">保存</button></form>
          <p class="muted">保存在 ${SIDECAR_FILE}，优先于推断的结果。</p>`,
      ),
    );
  });

  app.post("/files/edit", async (c) => {
    const b = await c.req.parseBody();
    const doc = state.qa.documents().find((d) => d.file === String(b.file ?? ""));
    if (!doc) return c.html(page("文件", "/files", html`<p class="bad">没有这个文件。</p>`), 404);
    const years = String(b.years ?? "")
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
    const kind = String(b.kind ?? "") as DocKind;
    if (years.some((y) => !Number.isInteger(y) || y < 1990 || y > 2100) || (kind && !DOC_KINDS.includes(kind))) {
      return c.html(
        page("文件", "/files", html`<p class="bad">年份应为 1990–2100 的四位数字，用逗号分隔；类型从列表中选择。</p>`),
        400,
      );
    }
    await editSidecar((s) => {
      const entry = { ...(s.documents[doc.file] ?? {}) };
      const title = String(b.title ?? "").trim();
      const township = String(b.township ?? "").trim();
      if (title) entry.title = title;
      entry.township = township || null;
      if (years.length) entry.years = years;
      if (kind) entry.kinds = [kind];
      s.documents[doc.file] = entry;
    });
    const id = startJob(`更新 ${doc.title} 的元数据`, async (progress) => {
      await reingest(progress);
      return html`<div class="box"><p class="ok">元数据已保存，索引已更新。</p><p><a href="/files">返回文件列表</a></p></div>`;
    });
    return c.redirect(`/jobs/${id}`, 303);
  });

  app.get("/files/doc", async (c) => {
    const doc = state.qa.documents().find((d) => d.file === c.req.query("file") || d.docId === c.req.query("doc"));
    if (!doc) return c.html(page("文件", "/files", html`<p class="bad">没有这个文件。</p>`), 404);
    const chunks = await state.qa.backend.documentChunks(doc.docId);
    return c.html(page(doc.title, "/files", docBody(chunks)));
  });

  // ---- 进度 -----------------------------------------------------------------------------------
  app.get("/jobs/:id", (c) => {
    const job = jobs.get(c.req.param("id"));
    if (!job) return c.html(page("任务", "", html`<p class="bad">没有这个任务。</p>`), 404);
    if (!job.done)
      return c.html(
        page(job.title, "", html`<p role="status">正在处理：${job.progress || "排队中…"}</p>`, { refresh: 1 }),
      );
    return c.html(page(job.title, "", html`<p role="status">完成</p>${job.result ?? ""}`));
  });

  // ---- 问答测试 -------------------------------------------------------------------------------
  app.get("/ask", async (c) => {
    const q = (c.req.query("q") ?? "").trim();
    const form = html`<form method="get" action="/ask" class="box"><label for="q">问题</label><input type="text" id="q" name="q" value="${q}" size="60" maxlength="500"><button type="submit">提问</button></form>`;
    if (!q) return c.html(page("问答测试", "/ask", form));
    const a = await state.qa.ask(q);
    return c.html(page("问答测试", "/ask", html`${form}${askBody(q, a, state.qa.townships())}`));
  });

  // ---- 评测 -----------------------------------------------------------------------------------
  const shipped = () => shippedSets(deps.evalDir);
  app.get("/eval", (c) =>
    c.html(
      page(
        "评测",
        "/eval",
        html`<form method="post" action="/eval" enctype="multipart/form-data" class="box">
          <p><label for="questions">问题集</label><input type="file" id="questions" name="questions" accept=".jsonl,application/jsonl"></p>
          ${shipped().length ? html`<p><label for="shipped">或选择自带的评测集</label><select id="shipped" name="shipped"><option value="">（不选）</option>${shipped().map((s) => html`<option value="${s}">${s}</option>`)}</select></p>` : ""}
          <button type="submit">运行评测</button></form>
          <p class="muted">格式与命令行 npm run eval 相同：每行一个 JSON（id, question, answerable, evidence, answer_contains）。</p>`,
      ),
    ),
  );

  app.post(
    "/eval",
    bodyLimit({ maxSize: 20 * 1024 * 1024, onError: (c) => c.text("问题集太大（上限 20 MB）。", 413) }),
    async (c) => {
      const body = await c.req.parseBody();
      let text = "";
      let name = "";
      if (body.questions instanceof File && body.questions.size) {
        text = await body.questions.text();
        name = body.questions.name;
      } else if (typeof body.shipped === "string" && shipped().includes(body.shipped)) {
        text = await readFile(join(deps.evalDir!, body.shipped), "utf8");
        name = body.shipped;
      }
      if (!text.trim())
        return c.html(
          page(
            "评测",
            "/eval",
            html`<p class="bad">请上传问题集（JSONL）或选择一个自带问题集。</p><p><a href="/eval">返回</a></p>`,
          ),
          400,
        );
      try {
        parseQuestions(text);
      } catch (err) {
        return c.html(
          page(
            "评测",
            "/eval",
            html`<p class="bad">问题集格式有误：${err instanceof Error ? err.message : String(err)}</p><p><a href="/eval">返回</a></p>`,
          ),
          400,
        );
      }
      const id = startJob(`评测：${name}`, async (progress, job) => {
        const dir = await mkdtemp(join(tmpdir(), "planqa-console-eval-"));
        try {
          await writeFile(join(dir, "questions.jsonl"), text);
          progress(`正在回答 ${parseQuestions(text).length} 个问题…`);
          const baseline =
            "index" in state.qa ? PlainBm25Baseline.fromChunks((state.qa as LocalPlanQA).index.chunks) : undefined;
          const run = await runEval(state.qa, join(dir, "questions.jsonl"), join(dir, "records.jsonl"), baseline);
          job.records = await readFile(join(dir, "records.jsonl"), "utf8");
          return evalBody(run.metrics, run.baseline ?? null, run.outcomes, job.id);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
      return c.redirect(`/jobs/${id}`, 303);
    },
  );

  app.get("/eval/:id/records.jsonl", (c) => {
    const job = jobs.get(c.req.param("id"));
    if (!job?.records) return c.text("没有这次评测的记录。", 404);
    c.header("content-disposition", 'attachment; filename="eval-records.jsonl"');
    return c.body(job.records, 200, { "content-type": "application/jsonl; charset=utf-8" });
  });

  // ---- 反馈 -----------------------------------------------------------------------------------
  app.get("/feedback", async (c) => {
    const q = c.req.query();
    const filterForm = html`<form method="get" action="/feedback" class="box">
      <label for="vote">评价</label><select id="vote" name="vote"><option value="">全部</option><option value="down"${new Html(q.vote === "down" ? " selected" : "")}>👎</option><option value="up"${new Html(q.vote === "up" ? " selected" : "")}>👍</option></select>
      <label for="channel">渠道</label><select id="channel" name="channel"><option value="">全部</option>${["telegram", "wechat"].map((ch) => html`<option${new Html(q.channel === ch ? " selected" : "")}>${ch}</option>`)}</select>
      <label for="from">从</label><input type="text" id="from" name="from" value="${q.from ?? ""}" placeholder="2026-11-01" size="10">
      <label for="to">到</label><input type="text" id="to" name="to" value="${q.to ?? ""}" placeholder="2026-11-30" size="10">
      <button type="submit">筛选</button></form>`;
    if (!deps.feedback)
      return c.html(page("反馈", "/feedback", html`${filterForm}<p class="muted">没有配置反馈数据库。</p>`));
    const store = await deps.feedback();
    const day = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
    const rows = await store.list({
      vote: (q.vote === "up" || q.vote === "down" ? q.vote : null) as Vote | null,
      channel: q.channel || null,
      from: day(q.from),
      to: day(q.to),
    });
    const table = rows.length
      ? html`<table><thead><tr><th>时间</th><th>评价</th><th>渠道</th><th>问题</th><th>回答</th><th>来源</th><th>处理</th></tr></thead><tbody>${rows.map(
          (
            r,
          ) => html`<tr><td>${r.at.replace("T", " ").slice(0, 19)}</td><td>${r.vote === "down" ? "👎" : "👍"}</td><td>${r.channel}</td><td>${r.question}</td><td><pre>${r.answer}</pre></td>
            <td>${r.citations.map((ct) => html`[${ct.n}] ${ct.title}${ct.sectionPath ? ` · ${ct.sectionPath}` : ""}<br>`)}</td>
            <td>${r.handledAt ? html`已处理` : html`<form method="post" action="/feedback/handled" class="inline"><input type="hidden" name="answerId" value="${r.answerId}"><button type="submit">标记已处理</button></form>`}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">没有符合条件的反馈。</p>`;
    return c.html(page("反馈", "/feedback", html`${filterForm}${table}`));
  });

  app.post("/feedback/handled", async (c) => {
    const answerId = String((await c.req.parseBody()).answerId ?? "");
    const store = deps.feedback ? await deps.feedback() : null;
    if (!store || !(await store.markHandled(answerId)))
      return c.html(page("反馈", "/feedback", html`<p class="bad">没有这条反馈。</p>`), 404);
    return c.redirect("/feedback", 303);
  });

  // ---- 量化目标 -------------------------------------------------------------------------------
  const commitmentFilter = (c: Context) => {
    const q = c.req.query();
    const year = /^(19|20)\d\d$/.test(q.year ?? "") ? Number(q.year) : null;
    const kind = q.kind === "plan" || q.kind === "result" ? q.kind : null;
    return { township: q.township || null, year, kind, topic: q.topic?.trim() || null } as const;
  };
  app.get("/commitments", async (c) => {
    const f = commitmentFilter(c);
    const items = await state.qa.commitments(f);
    const pairs = planVsResultLines(await state.qa.commitments({}), f);
    const towns = state.qa.townships();
    const query = new URLSearchParams(
      Object.entries(f).flatMap(([k, v]): Array<[string, string]> => (v === null ? [] : [[k, String(v)]])),
    ).toString();
    const shown = items.slice(0, 500);
    return c.html(
      page(
        "量化目标",
        "/commitments",
        html`<form method="get" action="/commitments" class="box">
          <label for="township">乡镇</label><select id="township" name="township"><option value="">全部</option>${towns.map((t) => html`<option${new Html(f.township === t ? " selected" : "")}>${t}</option>`)}</select>
          <label for="year">年份</label><input type="text" id="year" name="year" value="${f.year ?? ""}" size="5">
          <label for="kind">类型</label><select id="kind" name="kind"><option value="">全部</option><option value="plan"${new Html(f.kind === "plan" ? " selected" : "")}>计划</option><option value="result"${new Html(f.kind === "result" ? " selected" : "")}>完成</option></select>
          <label for="topic">主题</label><input type="text" id="topic" name="topic" value="${f.topic ?? ""}" size="8">
          <button type="submit">筛选</button></form>
          <p>共 ${items.length} 项${items.length > shown.length ? `（显示前 ${shown.length} 项）` : ""}。 <a href="/commitments.csv${query ? `?${query}` : ""}" download>导出 CSV</a></p>
          <table><thead><tr><th>乡镇</th><th>年份</th><th>类型</th><th>内容</th><th>数量</th><th>地点</th><th>时限</th><th>责任单位</th><th>出处</th></tr></thead><tbody>${shown.map(
            (
              it,
            ) => html`<tr><td>${it.township ?? ""}</td><td>${it.year ?? ""}</td><td>${it.kind === "plan" ? "计划" : "完成"}</td><td>${it.object}</td><td>${it.quantity}${it.unit}${it.qualifier ? `（${it.qualifier}）` : ""}</td><td>${it.place ?? ""}</td><td>${it.deadline ?? ""}</td><td>${it.responsible ?? ""}</td>
              <td><a href="/files/doc?doc=${encodeURIComponent(it.docId)}#${encodeURIComponent(it.chunkId)}" title="${it.sentence}">${it.title}</a></td></tr>`,
          )}</tbody></table>
          ${pairs.length ? html`<h2>计划与完成对照</h2><ul>${pairs.map((l) => html`<li>${l}</li>`)}</ul>` : ""}`,
      ),
    );
  });
  app.get("/commitments.csv", async (c) => {
    const items = await state.qa.commitments(commitmentFilter(c));
    c.header(
      "content-disposition",
      `attachment; filename="commitments.csv"; filename*=UTF-8''${encodeURIComponent("量化目标.csv")}`,
    );
    // a byte-order mark, so Excel reads the Chinese as UTF-8
    return c.body(`\uFEFF${formatCommitments(items, "csv")}\r\n`, 200, { "content-type": "text/csv; charset=utf-8" });
  });

  // ---- helpers --------------------------------------------------------------------------------
  function startJob(title: string, work: (progress: (s: string) => void, job: Job) => Promise<Html>): string {
    const job: Job = { id: randomBytes(8).toString("hex"), title, progress: "", done: false, result: null };
    jobs.set(job.id, job);
    // the newest jobs only (an eval's records can be megabytes): a long-running console stays small
    for (const [id, old] of jobs) if (jobs.size > MAX_JOBS && old.done) jobs.delete(id);
    // one change of the corpus at a time, in the order asked
    queue = queue
      .then(() => work((s) => void (job.progress = s), job))
      .then((result) => {
        job.result = result;
      })
      .catch((err) => {
        log.error(`console: ${title}: ${err instanceof Error ? err.message : String(err)}`);
        job.result = html`<p class="bad">处理失败：${err instanceof Error ? err.message : String(err)}</p><p><a href="/files">返回</a></p>`;
      })
      .finally(() => {
        job.done = true;
      });
    return job.id;
  }

  async function reingest(progress: (s: string) => void): Promise<IndexReport> {
    progress("正在读取文件…");
    const next = await deps.reopen((file, i, total) => progress(`正在读取 ${i + 1}/${total}：${file}`));
    const old = state.qa;
    state = next;
    if (old !== next.qa) await old.close();
    return next.report;
  }

  async function editSidecar(change: (s: Sidecar) => void): Promise<void> {
    const path = join(corpus, SIDECAR_FILE);
    const current: Sidecar = existsSync(path)
      ? SidecarSchema.parse(JSON.parse(await readFile(path, "utf8")))
      : { documents: {} };
    change(current);
    SidecarSchema.parse(current);
    await writeFile(path, `${JSON.stringify(current, null, 2)}\n`);
  }

  return { app, close: async () => void (await queue.catch(() => undefined)) };
}

function loginPage(error: string | null): string {
  return page(
    "登录",
    "",
    html`<form method="post" action="/login" class="box"><label for="token">访问令牌</label><input type="password" id="token" name="token" autocomplete="current-password"><button type="submit">登录</button></form>${error ? html`<p class="bad">${error}</p>` : ""}`,
  );
}

function filesBody(
  state: { qa: PlanQA; report: IndexReport },
  notice: string | null,
  maxFiles: number,
  maxMb: number,
): Html {
  const docs = state.qa.documents();
  const counts = new Map<string, number>();
  if ("index" in state.qa)
    for (const ch of (state.qa as LocalPlanQA).index.chunks) counts.set(ch.docId, (counts.get(ch.docId) ?? 0) + 1);
  else for (const [k, v] of state.report.chunkCounts) counts.set(k, v);
  const field = (d: (typeof docs)[number], name: string, value: string) =>
    html`${value}${d.fromSidecar.includes(name) ? html`<sup title="来自 metadata.json">*</sup>` : ""}`;
  return html`${notice ? html`<p class="ok">${notice}</p>` : ""}
    <form method="post" action="/files/upload" enctype="multipart/form-data" class="box">
      <label for="upload">上传文件</label><input type="file" id="upload" name="files" multiple accept=".txt,.md,.docx,.pdf,.html,.htm">
      <button type="submit">开始上传</button>
      <span class="muted">一次最多 ${maxFiles} 个，每个不超过 ${maxMb} MB；支持 txt、md、docx、pdf、html。</span>
    </form>
    <table><thead><tr><th>标题</th><th>乡镇</th><th>年份</th><th>类型</th><th>格式</th><th>分块</th><th>来源</th><th>操作</th></tr></thead><tbody>${docs.map(
      (
        d,
      ) => html`<tr><td><a href="/files/doc?file=${encodeURIComponent(d.file)}">${field(d, "title", d.title)}</a><br><span class="muted">${d.file}</span></td>
        <td>${field(d, "township", d.township ?? "（未署）")}</td><td>${field(d, "years", d.years.join("、"))}</td><td>${field(d, "kinds", d.kinds.join("、"))}</td>
        <td>${d.encoding}</td><td>${counts.get(d.docId) ?? "—"}</td><td>${d.fromSidecar.length ? "元数据文件" : "推断"}</td>
        <td><a href="/files/edit?file=${encodeURIComponent(d.file)}">修改元数据</a>
          <form method="post" action="/files/delete" class="inline" onsubmit="return confirm('确定删除？')"><input type="hidden" name="file" value="${d.file}"><button type="submit">删除</button></form></td></tr>`,
    )}</tbody></table>
    <p class="muted">共 ${docs.length} 个文件。标 * 的字段来自 metadata.json，其余为推断。</p>`;
}

function docBody(chunks: Chunk[]): Html {
  if (!chunks.length) return html`<p class="muted">这个文件没有分块。</p>`;
  let last = "";
  return html`${chunks.map((ch) => {
    const path = ch.sectionPath.join(" > ");
    const heading = path !== last ? html`<h3>${path || "（无标题）"}</h3>` : "";
    last = path;
    return html`${heading}<div class="box" id="${ch.id}"><span class="muted">${ch.id}${ch.isRow ? " · 表格行" : ""} · ${ch.kinds.join("、")} ${ch.years.join("、")}</span><pre>${ch.text}</pre></div>`;
  })}<p><a href="/files">返回文件列表</a></p>`;
}

function askBody(q: string, a: Answer, townships: string[]): Html {
  const scope = analyzeQuestion(a.interpretedAs ?? q, townships);
  const reading = html`<table><tbody>
    <tr><th>理解为</th><td>${a.interpretedAs ?? "（未改写）"}</td></tr>
    <tr><th>乡镇</th><td>${scope.township ?? "（未指明）"}</td></tr><tr><th>年份</th><td>${scope.years.join("、") || "（未指明）"}</td></tr>
    <tr><th>类型</th><td>${scope.kind ?? "（未指明）"}</td></tr><tr><th>问法</th><td>${scope.type}</td></tr>
    <tr><th>结果</th><td>${a.refused ? html`<span class="bad">拒答（${a.reason ?? ""}）</span>` : html`<span class="ok">已回答</span>`} · ${a.latencyMs.toFixed(1)} ms</td></tr></tbody></table>`;
  const passages = a.passages.length
    ? html`<table><thead><tr><th>#</th><th>文件 · 章节</th><th>词项分</th><th>向量分</th><th>融合分</th><th>原文</th></tr></thead><tbody>${a.passages.map(
        (
          p,
        ) => html`<tr><td>${p.rank}${p.retrieved ? html`<br><span class="muted">检索第${p.retrieved}</span>` : ""}</td><td>${p.chunk.title}${p.chunk.sectionPath.length ? html`<br><span class="muted">${p.chunk.sectionPath.join(" > ")}</span>` : ""}</td>
          <td>${p.lexical === null ? "—" : p.lexical.toFixed(3)}</td><td>${p.vector === null ? "—" : p.vector.toFixed(3)}</td><td>${p.score.toFixed(3)}</td><td><pre>${p.chunk.text.slice(0, 300)}</pre></td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">没有检索到段落。</p>`;
  return html`<section class="box" aria-label="回答"><h2>回答</h2><pre>${formatWithSources(a.answer, a.citations)}</pre></section>
    <section class="box"><h2>如何理解的</h2>${reading}</section>
    <section class="box"><h2>检索到的段落</h2>${passages}</section>`;
}

function evalBody(
  m: EvalMetrics,
  baseline: EvalMetrics | null,
  outcomes: Array<{
    id: string;
    answerable: boolean;
    refused: boolean;
    answerContains: boolean;
    evidenceRank: number | null;
    wrongNumber: boolean;
  }>,
  id: string,
): Html {
  const rows: Array<[string, (x: EvalMetrics) => string]> = [
    ["questions", (x) => `${x.questions}（可回答 ${x.answerable}）`],
    ["hit@1", (x) => x.hitAt1.toFixed(3)],
    ["hit@5", (x) => x.hitAt5.toFixed(3)],
    ["MRR", (x) => x.mrr.toFixed(3)],
    ["answer_contains", (x) => x.answerContains.toFixed(3)],
    ["cites_evidence", (x) => x.citesEvidence.toFixed(3)],
    ["refused (unans.)", (x) => x.unanswerableRefused.toFixed(3)],
    ["false refusals", (x) => x.falseRefusals.toFixed(3)],
    ["wrong numbers", (x) => String(x.wrongNumbers)],
    ["latency p50/p95 (ms)", (x) => `${x.latencyP50Ms.toFixed(2)} / ${x.latencyP95Ms.toFixed(2)}`],
  ];
  const misses = outcomes.filter((o) => (o.answerable ? o.refused || !o.answerContains : !o.refused));
  return html`<table><thead><tr><th>指标</th><th>本系统</th>${baseline ? html`<th>BM25 基线</th>` : ""}</tr></thead><tbody>${rows.map(
    ([name, f]) =>
      html`<tr><th>${name}</th><td>${f(m)}</td>${baseline ? html`<td>${name.startsWith("latency") ? "—" : f(baseline)}</td>` : ""}</tr>`,
  )}</tbody></table>
    <p><a href="/eval/${id}/records.jsonl" download>下载记录（JSONL）</a></p>
    <h2>未通过（${misses.length}）</h2>${
      misses.length
        ? html`<table><thead><tr><th>id</th><th>情况</th><th>证据排名</th></tr></thead><tbody>${misses.map(
            (o) =>
              html`<tr><td>${o.id}</td><td>${o.answerable ? (o.refused ? "误拒" : "答案未包含") : o.wrongNumber ? "不该回答却给了数字" : "不该回答却回答了"}</td><td>${o.evidenceRank ?? "—"}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="ok">全部通过。</p>`
    }
    <p><a href="/eval">再跑一次</a></p>`;
}

/** Question sets shipped with a checkout (tests/eval/**.jsonl), relative to `dir`. */
function shippedSets(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory() && e.name !== "corpus" && e.name !== "corpus-text") walk(rel);
      else if (e.isFile() && e.name.endsWith(".jsonl") && !/commitments/.test(e.name)) out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

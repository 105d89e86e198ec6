import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badFileName } from "../src/channels/console/app.js";
import { checkConsoleExposure, isLoopback, startConsole } from "../src/channels/console/run.js";
import { loadConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";
import { silentLogger } from "../src/log.js";
import { consoleApp, consoleWorkspace } from "./helpers/console.js";
import { REPO } from "./helpers/core.js";

type Ws = Awaited<ReturnType<typeof consoleWorkspace>>;
type App = Awaited<ReturnType<typeof consoleApp>>;

/** Poll a job page until it says 完成 (the page refreshes itself in a browser). */
async function finished(app: App["app"], location: string, cookie: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const body = await (await app.request(location, { headers: { cookie } })).text();
    if (body.includes('role="status">完成')) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${location} did not finish`);
}

const form = (fields: Record<string, string | Blob | Array<[Blob, string]>>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const [blob, name] of v) fd.append(k, blob, name);
    else fd.append(k, v);
  }
  return fd;
};

describe("console security: where it listens", () => {
  it("listens on loopback by default and refuses another address without CONSOLE_TOKEN, in one line naming it", async () => {
    expect(loadConfig({}).CONSOLE_HOST).toBe("127.0.0.1");
    expect(isLoopback("127.0.0.1") && isLoopback("::1") && isLoopback("localhost")).toBe(true);
    expect(isLoopback("0.0.0.0") || isLoopback("192.168.1.5")).toBe(false);
    const exposed = loadConfig({ CONSOLE_HOST: "0.0.0.0" });
    expect(() => checkConsoleExposure(exposed)).toThrow(ConfigError);
    expect(() => checkConsoleExposure(exposed)).toThrow(/CONSOLE_TOKEN/);
    await expect(startConsole(exposed, silentLogger)).rejects.toThrow(
      /^CONSOLE_HOST=0\.0\.0\.0 .*CONSOLE_TOKEN[^\n]*$/,
    );
    expect(() =>
      checkConsoleExposure(loadConfig({ CONSOLE_HOST: "0.0.0.0", CONSOLE_TOKEN: "a-long-enough-token" })),
    ).not.toThrow();
    // a token too short to be one is a configuration error of its own
    expect(() => loadConfig({ CONSOLE_TOKEN: "short" })).toThrow(/CONSOLE_TOKEN/);
  });
});

describe("console security: token, session, origin, uploads, escaping", () => {
  let ws: Ws;
  let made: App;
  beforeAll(async () => {
    ws = await consoleWorkspace({ CONSOLE_TOKEN: "correct-horse-battery", CONSOLE_MAX_FILES: "2", MAX_FILE_MB: "1" });
    // a document whose title and text are markup: every page must show it as text
    await writeFile(
      join(ws.corpus, "石门乡2022年<script>alert(1)<script>工作计划.txt"),
      "石门乡2022年<b>工作计划</b>\n一、基础设施\n（一）完成农村公路硬化12公里。\n",
    );
    made = await consoleApp(ws);
  });
  afterAll(async () => {
    await made?.close();
    await made?.core.qa.close();
    await ws?.cleanup();
  });

  let cookie = "";
  it("asks for the token once, then keeps an HttpOnly SameSite=Strict session cookie", async () => {
    const anonymous = await made.app.request("/files");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/login");
    expect((await made.app.request("/files/delete", { method: "POST", body: form({ file: "x" }) })).status).toBe(401);
    const wrong = await made.app.request("/login", { method: "POST", body: form({ token: "nope" }) });
    expect(wrong.status).toBe(401);
    const right = await made.app.request("/login", { method: "POST", body: form({ token: "correct-horse-battery" }) });
    expect(right.status).toBe(303);
    const set = right.headers.get("set-cookie") ?? "";
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    cookie = set.split(";")[0]!;
    expect((await made.app.request("/files", { headers: { cookie } })).status).toBe(200);
  });

  it("refuses a POST from another origin (403), accepts its own", async () => {
    const doc = made.core.qa.documents()[0]!;
    const forged = await made.app.request("http://127.0.0.1:8780/files/delete", {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", host: "127.0.0.1:8780" },
      body: form({ file: doc.file }),
    });
    expect(forged.status).toBe(403);
    const crossSite = await made.app.request("http://127.0.0.1:8780/feedback/handled", {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "cross-site" },
      body: form({ answerId: "x" }),
    });
    expect(crossSite.status).toBe(403);
    expect(existsSync(join(ws.corpus, doc.file))).toBe(true);
    const own = await made.app.request("http://127.0.0.1:8780/feedback/handled", {
      method: "POST",
      headers: { cookie, origin: "http://127.0.0.1:8780", host: "127.0.0.1:8780" },
      body: form({ answerId: "unknown" }),
    });
    expect(own.status).toBe(404); // reached the handler: no such feedback
  });

  it("never stores an uploaded file outside the corpus folder, and names every refusal", async () => {
    for (const bad of [
      "../../x.txt",
      "/etc/x.txt",
      "a\u0000b.txt",
      "..",
      "metadata.json",
      "notes.exe",
      ".hidden.txt",
      "sub/x.txt",
      "sub\\x.txt",
    ])
      expect(badFileName(bad), bad).not.toBeNull();
    expect(badFileName("东山镇2023年工作计划.docx")).toBeNull();
    const before = await readdir(ws.dir);
    const res = await made.app.request("/files/upload", {
      method: "POST",
      headers: { cookie },
      body: form({ files: [[new Blob(["完成改厕30户。"]), "../../escape.txt"]] }),
    });
    expect(res.status).toBe(303);
    const page = await finished(made.app, res.headers.get("location")!.replace(/^https?:\/\/[^/]+/, ""), cookie);
    expect(page).toContain("../../escape.txt：文件名不能包含路径");
    expect(await readdir(ws.dir)).toEqual(before);
    expect(existsSync(join(ws.dir, "..", "escape.txt"))).toBe(false);
  });

  it("limits how many files one upload carries, and how large each is", async () => {
    const three = form({
      files: [
        [new Blob(["a"]), "a.txt"],
        [new Blob(["b"]), "b.txt"],
        [new Blob(["c"]), "c.txt"],
      ],
    });
    const many = await made.app.request("/files/upload", { method: "POST", headers: { cookie }, body: three });
    expect(many.status).toBe(400);
    expect(await many.text()).toContain("一次最多上传 2 个文件");
    const big = await made.app.request("/files/upload", {
      method: "POST",
      headers: { cookie },
      body: form({ files: [[new Blob(["字".repeat(400_000)]), "big.txt"]] }),
    });
    const done = await finished(made.app, big.headers.get("location")!.replace(/^https?:\/\/[^/]+/, ""), cookie);
    expect(done).toContain("big.txt：文件太大");
    expect(existsSync(join(ws.corpus, "big.txt"))).toBe(false);
  });

  it("escapes document and user text on every page", async () => {
    const files = await (await made.app.request("/files", { headers: { cookie } })).text();
    expect(files).toContain("&lt;script&gt;alert(1)&lt;script&gt;");
    expect(files).not.toContain("<script>alert(1)");
    const asked = await (
      await made.app.request(`/ask?q=${encodeURIComponent('<img src=x onerror="alert(1)">石门乡公路硬化多少公里')}`, {
        headers: { cookie },
      })
    ).text();
    expect(asked).not.toContain("<img src=x");
    expect(asked).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    const doc = await (
      await made.app.request(
        `/files/doc?file=${encodeURIComponent("石门乡2022年<script>alert(1)<script>工作计划.txt")}`,
        { headers: { cookie } },
      )
    ).text();
    expect(doc).toContain("&lt;b&gt;工作计划&lt;/b&gt;");
  });

  it("exports the commitments as CSV that Excel reads as UTF-8 (a byte-order mark)", async () => {
    const res = await made.app.request(`/commitments.csv?township=${encodeURIComponent("荫田镇")}`, {
      headers: { cookie },
    });
    expect(res.headers.get("content-type")).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\n")[0]).toMatch(/^township,year,kind,object/);
    expect(
      text
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .every((l) => l.startsWith("荫田镇,")),
    ).toBe(true);
  });

  it("lists feedback by channel and date, and marks one handled", async () => {
    const a = ws.feedback.recordAnswer({
      channel: "wechat",
      chatHash: "h1",
      question: "低保多少钱",
      answer: "每月610元",
      citations: [],
      refused: false,
    });
    ws.feedback.vote(a, "h1", "down");
    const b = ws.feedback.recordAnswer({
      channel: "telegram",
      chatHash: "h2",
      question: "改厕多少户",
      answer: "650个",
      citations: [],
      refused: false,
    });
    ws.feedback.vote(b, "h2", "up");
    const wechat = await (await made.app.request("/feedback?channel=wechat", { headers: { cookie } })).text();
    expect(wechat).toContain("低保多少钱");
    expect(wechat).not.toContain("改厕多少户");
    const future = await (await made.app.request("/feedback?from=2999-01-01", { headers: { cookie } })).text();
    expect(future).toContain("没有符合条件的反馈");
    const marked = await made.app.request("/feedback/handled", {
      method: "POST",
      headers: { cookie },
      body: form({ answerId: a }),
    });
    expect(marked.status).toBe(303);
    expect(ws.feedback.list({ handled: true }).map((r) => r.answerId)).toEqual([a]);
  });

  it("runs an eval from an uploaded question set and offers its records", async () => {
    const jsonl = (await readFile(join(REPO, "tests/eval/questions.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .slice(0, 4)
      .join("\n");
    const res = await made.app.request("/eval", {
      method: "POST",
      headers: { cookie },
      body: form({ questions: [[new Blob([jsonl]), "mine.jsonl"]] }),
    });
    const done = await finished(made.app, res.headers.get("location")!.replace(/^https?:\/\/[^/]+/, ""), cookie);
    expect(done).toContain("hit@5");
    expect(done).toContain("BM25 基线");
    const id = /\/eval\/([0-9a-f]+)\/records\.jsonl/.exec(done)![1];
    const records = await (await made.app.request(`/eval/${id}/records.jsonl`, { headers: { cookie } })).text();
    expect(records.trim().split("\n")).toHaveLength(4);
    const broken = await made.app.request("/eval", {
      method: "POST",
      headers: { cookie },
      body: form({ questions: [[new Blob(["{not json"]), "bad.jsonl"]] }),
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("问题集格式有误");
  });
});

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanQA } from "../src/app.js";
import { type RunningConsole, startConsole } from "../src/channels/console/run.js";
import { silentLogger } from "../src/log.js";
import { consoleWorkspace } from "./helpers/console.js";
import { REPO } from "./helpers/core.js";

/** Debian's chromium (or CHROMIUM_PATH); the browser tests need one, CI installs it. */
function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // not on PATH
    }
  }
  return null;
}

const chromiumPath = findChromium();
const required = process.env.REQUIRE_SERVICES === "1";
if (!chromiumPath && !required)
  console.warn("console browser tests skipped: no chromium on PATH (install Debian's chromium, or set CHROMIUM_PATH)");

describe.skipIf(!chromiumPath && !required)("staff console in a real browser (chromium + playwright-core)", () => {
  let ws: Awaited<ReturnType<typeof consoleWorkspace>>;
  let running: RunningConsole;
  let browser: Browser;
  let page: Page;
  const offMachine: string[] = [];
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error("chromium is required here (REQUIRE_SERVICES=1): install Debian's chromium or set CHROMIUM_PATH");
    ws = await consoleWorkspace({ CONSOLE_PORT: "0" });
    const a = ws.feedback.recordAnswer({
      channel: "wechat",
      chatHash: "h",
      question: "高龄津贴多少钱",
      answer: "每月50元",
      citations: [],
      refused: false,
    });
    ws.feedback.vote(a, "h", "down");
    running = await startConsole(ws.config, silentLogger, {
      core: await createPlanQA(ws.config, silentLogger),
      feedback: async () => ws.feedback,
      evalDir: join(REPO, "tests", "eval"),
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const origin = new URL(running.url).origin;
    page.on("request", (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) offMachine.push(r.url());
    });
    page.on("pageerror", (e) => scriptErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") scriptErrors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await ws?.cleanup();
  });

  it("lists the shipped plans under 文件", async () => {
    await page.goto(running.url);
    for (const name of ["文件", "问答测试", "评测", "反馈", "量化目标"])
      await expect(page.getByRole("link", { name, exact: true }).count()).resolves.toBe(1);
    await page.getByRole("link", { name: "文件", exact: true }).click();
    await expect(page.getByText("荫田镇2021年度工作总结及2022年工作计划").first().isVisible()).resolves.toBe(true);
    expect(await page.locator("tbody tr").count()).toBe(5);
  });

  it("uploads a docx and a broken file together: one new document, one named failure", async () => {
    const broken = join(ws.dir, "损坏的文件.docx");
    await writeFile(broken, Buffer.from("PK\u0003\u0004 this is not a zip"));
    await page
      .getByLabel("上传文件")
      .setInputFiles([join(REPO, "tests/fixtures/柳溪镇2024年重点工作安排.docx"), broken]);
    await page.getByRole("button", { name: "开始上传" }).click();
    await page.getByRole("status").filter({ hasText: "完成" }).waitFor({ timeout: 60_000 });
    const body = await page.locator("main").innerText();
    expect(body).toContain("已加入 1 个文件");
    expect(body).toContain("柳溪镇2024年重点工作安排");
    expect(body).toMatch(/损坏的文件\.docx：.*损坏/);
    await page.getByRole("link", { name: "返回文件列表" }).click();
    expect(await page.locator("tbody tr").count()).toBe(6);
  });

  it("answers a question about the new document in 问答测试, with its number, citation and scored passages", async () => {
    await page.getByRole("link", { name: "问答测试", exact: true }).click();
    await page.getByRole("textbox", { name: "问题" }).fill("柳溪镇敬老院新增多少张床位？");
    await page.getByRole("button", { name: "提问" }).click();
    const answer = await page.getByRole("region", { name: "回答" }).innerText();
    expect(answer).toContain("30张");
    expect(answer).toMatch(/\[1\][\s\S]*来源：[\s\S]*柳溪镇2024年重点工作安排/);
    const header = await page.locator("th").allInnerTexts();
    expect(header).toEqual(expect.arrayContaining(["词项分", "向量分", "融合分"]));
    if (process.env.UPDATE_SCREENSHOT === "1")
      await page.screenshot({ path: join(REPO, "docs", "console.png"), fullPage: false });
  });

  it("filters 量化目标 to one township and exports it as CSV", async () => {
    await page.getByRole("link", { name: "量化目标", exact: true }).click();
    await page.getByLabel("乡镇").selectOption("荫田镇");
    await page.getByRole("button", { name: "筛选" }).click();
    const towns = await page.locator("tbody tr td:first-child").allInnerTexts();
    expect(towns.length).toBeGreaterThan(10);
    expect(new Set(towns)).toEqual(new Set(["荫田镇"]));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出/ }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString("utf8").trim().split("\n").slice(1);
    expect(rows.length).toBe(towns.length);
    expect(rows.every((r) => r.startsWith("荫田镇,"))).toBe(true);
  });

  it("runs an eval from the page and shows its metrics", async () => {
    const set = join(ws.dir, "mine.jsonl");
    await writeFile(
      set,
      (await readFile(join(REPO, "tests/eval/questions.jsonl"), "utf8"))
        .split("\n")
        .filter(Boolean)
        .slice(0, 5)
        .join("\n"),
    );
    await page.getByRole("link", { name: "评测", exact: true }).click();
    await page.getByLabel("问题集").setInputFiles(set);
    await page.getByRole("button", { name: "运行评测" }).click();
    await page.getByRole("status").filter({ hasText: "完成" }).waitFor({ timeout: 60_000 });
    const body = await page.locator("main").innerText();
    for (const metric of ["hit@1", "hit@5", "answer_contains", "false refusals"]) expect(body).toContain(metric);
  });

  it("shows the 👎 from the chats under 反馈", async () => {
    await page.getByRole("link", { name: "反馈", exact: true }).click();
    expect(await page.locator("main").innerText()).toContain("高龄津贴多少钱");
  });

  it("asked nothing of any other machine and raised no script error", () => {
    expect(offMachine).toEqual([]);
    expect(scriptErrors, scriptErrors.join("; ")).toEqual([]);
    expect(existsSync(join(ws.corpus, "损坏的文件.docx"))).toBe(false);
  });
});

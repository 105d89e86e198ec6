import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlanQA } from "../src/app.js";
import { sha1Signature, WeChatCrypto } from "../src/channels/wechat/crypto.js";
import { fitBytes } from "../src/channels/wechat/format.js";
import {
  createWeChatHandler,
  type RunningWeChat,
  startWeChat,
  WECHAT_TEXTS,
  type WeChatOptions,
} from "../src/channels/wechat/server.js";
import { parseXml } from "../src/channels/wechat/xml.js";
import { ProviderError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { shippedCore } from "./helpers/core.js";

const TOKEN = "wechat_test_token";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APPID = "wx1234567890abcdef";
const OPENID = "oUser_1234567890abcdefghijk";
const Q = "荫田镇2021年完成了多少个改厕任务？";

let core: PlanQA;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ qa: core, cleanup } = await shippedCore()));
afterAll(() => cleanup());

/** The core with a call counter and an optional delay, to see how often answers are computed. */
function counted(delayMs = 0) {
  const stats = { calls: 0 };
  const qa: PlanQA = {
    ...core,
    ask: async (q, o) => {
      stats.calls++;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return core.ask(q, o);
    },
  };
  return { qa, stats };
}

const logs: string[] = [];
const log = createLogger("debug", (l) => logs.push(l));
let server: RunningWeChat | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

function options(extra: Partial<WeChatOptions> = {}): WeChatOptions {
  return {
    token: TOKEN,
    appId: APPID,
    apiBase: "http://127.0.0.1:9",
    path: "/wechat",
    replyBudgetMs: 4500,
    holdMs: 1500,
    rateLimitPerMinute: 100,
    maxBodyBytes: 64 * 1024,
    log,
    ...extra,
  };
}

function signedQuery(extra: Record<string, string> = {}, token = TOKEN): URLSearchParams {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  return new URLSearchParams({
    timestamp,
    nonce,
    signature: sha1Signature(token, timestamp, nonce),
    openid: OPENID,
    ...extra,
  });
}

let msgId = 7_000_000_000_000_000_000n;
function textXml(content: string, id = String(msgId++), from = OPENID): string {
  return `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId></xml>`;
}

/** A voice message as WeChat sends it with speech recognition on (the text in <Recognition>). */
function voiceXml(heard: string, from = OPENID, id = String(msgId++)): string {
  return `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_${id}]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[${heard}]]></Recognition><MsgId>${id}</MsgId></xml>`;
}

async function post(
  body: string,
  query = signedQuery(),
  signal?: AbortSignal,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${server!.port}/wechat?${query}`, {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body,
    ...(signal ? { signal } : {}),
  });
  return { status: res.status, text: await res.text() };
}

const content = (xml: string) => String(parseXml(xml).Content);

describe("WeChat webhook over real HTTP (plain mode)", () => {
  it("verifies the URL (GET echostr) and rejects a forged GET", async () => {
    server = await startWeChat(counted().qa, options(), 0);
    const ok = await fetch(`http://127.0.0.1:${server.port}/wechat?${signedQuery({ echostr: "echo123" })}`);
    expect(await ok.text()).toBe("echo123");
    const forged = await fetch(
      `http://127.0.0.1:${server.port}/wechat?${signedQuery({ echostr: "echo123" }, "other-token")}`,
    );
    expect(forged.status).toBe(403);
  });

  it("answers a signed text message with cited text under 2048 bytes; a forged POST gets 403 and is not processed", async () => {
    const { qa, stats } = counted();
    server = await startWeChat(qa, options(), 0);
    const forged = await post(textXml(Q), signedQuery({}, "other-token"));
    expect(forged.status).toBe(403);
    expect(stats.calls).toBe(0);
    const r = await post(textXml(Q));
    expect(r.status).toBe(200);
    const xml = parseXml(r.text);
    expect(xml).toMatchObject({ ToUserName: OPENID, FromUserName: "gh_account", MsgType: "text" });
    expect(content(r.text)).toMatch(/650[\s\S]*来源：\n\[1\]《荫田镇2021年度工作总结及2022年工作计划》/);
    expect(Buffer.byteLength(content(r.text))).toBeLessThanOrEqual(2048);
    expect(stats.calls).toBe(1);
    expect(logs.join("\n")).not.toContain(OPENID);
  });

  it("is a Fetch-style handler: answers, refuses oversized and malformed bodies, in-process", async () => {
    const { qa } = counted();
    const handle = createWeChatHandler(qa, options());
    const url = `http://wechat.test/wechat?${signedQuery()}`;
    const ok = await handle(new Request(url, { method: "POST", body: textXml(Q) }));
    expect(ok.status).toBe(200);
    expect(content(await ok.text())).toContain("650");
    const big = await handle(new Request(url, { method: "POST", body: "x".repeat(65 * 1024) }));
    expect(big.status).toBe(413);
    const broken = await handle(new Request(url, { method: "POST", body: "<xml><ToUserName>" }));
    expect(broken.status).toBe(400);
    const forged = await handle(
      new Request(`http://wechat.test/wechat?${signedQuery({}, "other-token")}`, { method: "POST", body: textXml(Q) }),
    );
    expect(forged.status).toBe(403);
  });

  it("tells the user a typed error's own message, not a generic apology", async () => {
    const { qa } = counted();
    const failing = { ...qa, ask: async () => Promise.reject(new ProviderError("ollama", "connect ECONNREFUSED")) };
    server = await startWeChat(failing, options(), 0);
    const r = await post(textXml("低保怎么申请？"));
    expect(content(r.text)).toBe("向量服务暂时不可用，请稍后再试。");
  });

  it("computes a redelivered MsgId once and gives every delivery the same reply", async () => {
    const { qa, stats } = counted(200);
    server = await startWeChat(qa, options(), 0);
    const body = textXml(Q, "123456789012345678");
    const replies = await Promise.all([post(body), post(body), post(body)]);
    expect(new Set(replies.map((r) => content(r.text))).size).toBe(1);
    expect(stats.calls).toBe(1);
  });

  it("welcomes a subscriber, notes non-text messages, keeps per-user follow-ups, and serves a citation", async () => {
    server = await startWeChat(counted().qa, options(), 0);
    const sub = await post(
      `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`,
    );
    expect(content(sub.text)).toContain("荫田镇2021年完成了多少个改厕任务");
    const img = await post(
      `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>2</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MsgId>99</MsgId></xml>`,
    );
    expect(content(img.text)).toBe(WECHAT_TEXTS.nonText);
    const user = "oFollowUpUser_abcdefghijklmn";
    await post(textXml(Q, undefined, user));
    const follow = await post(textXml("东山镇呢？", undefined, user));
    expect(content(follow.text)).toContain("理解为：东山镇2021年完成了多少个改厕任务");
    const src = await post(textXml("出处1", undefined, user));
    expect(content(src.text)).toMatch(/出处：[\s\S]*原文/);
  });

  it("answers a voice message from its recognised text, says what was heard, and follows up on it", async () => {
    server = await startWeChat(counted().qa, options(), 0);
    const user = "oVoiceUser_abcdefghijklmnopq";
    const r = await post(voiceXml("荫田镇2021年完成了多少个改厕任务", user));
    expect(content(r.text)).toMatch(
      /^您问的是：荫田镇2021年完成了多少个改厕任务\n[\s\S]*650[\s\S]*来源：\n\[1\]《荫田镇2021年度工作总结及2022年工作计划》/,
    );
    expect(Buffer.byteLength(content(r.text))).toBeLessThanOrEqual(2048);
    // a spoken follow-up is read in the same conversation as a typed one
    const follow = await post(voiceXml("东山镇呢", user));
    expect(content(follow.text)).toContain("理解为：东山镇2021年完成了多少个改厕任务");
    // recognition switched off, or nothing heard: a short note, nothing answered
    const silent = await post(voiceXml("", user));
    expect(content(silent.text)).toBe(WECHAT_TEXTS.voiceUnheard);
  });

  it("answers the text command 承诺 荫田镇 2021 with the commitments table", async () => {
    server = await startWeChat(counted().qa, options(), 0);
    const r = await post(textXml("承诺 荫田镇 2021"));
    expect(content(r.text)).toMatch(/1\. \S+ \d+\S*（荫田镇2021年完成[\s\S]*承诺 荫田镇 2021 2/);
    expect(Buffer.byteLength(content(r.text))).toBeLessThanOrEqual(2048);
  });

  it("rejects XXE and malformed XML with 400, oversize bodies with 413, and keeps serving", async () => {
    server = await startWeChat(counted().qa, options(), 0);
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>`;
    expect((await post(xxe)).status).toBe(400);
    expect((await post("<xml><ToUserName>a</ToUser")).status).toBe(400);
    expect((await post("not xml at all")).status).toBe(400);
    expect((await post("<xml><Foo>1</Foo></xml>")).status).toBe(400);
    expect((await post(`<xml><Content>${"长".repeat(30_000)}</Content></xml>`)).status).toBe(413);
    const after = await post(textXml(Q));
    expect(content(after.text)).toContain("650");
  });
});

describe("WeChat safe mode (AES)", () => {
  it("matches a fixed test vector computed with openssl", () => {
    const c = new WeChatCrypto(AES_KEY, APPID);
    const msg = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Content><![CDATA[你好]]></Content></xml>";
    const expected =
      "Q3stYC6hdFzMh9T8HCvyDH9UTgHrzXvXNY6dSnJMj7GP6PBSWAA5ouBgYZXATrrqd7zsjLTEn8y8soLZld8E5d1trgJ5EXS9udiZfNea/NhZHPOtZDaWmWeJPcXZ15BJx7hb9K1K+z/LC80DLP03Aw3BhSfxlrtoKohma4E4JyrTrVqeyl5yiZ3+ZGvn4qWFDYc9NAF2JmuhZYCuXA6lHw==";
    expect(c.encrypt(msg, Buffer.from("0123456789abcdef"))).toBe(expected);
    expect(c.decrypt(expected)).toBe(msg);
    expect(() => new WeChatCrypto(AES_KEY, "wxOTHER").decrypt(expected)).toThrow(/AppID/);
  });

  it("decrypts a signed encrypted message and answers encrypted and signed; a bad msg_signature gets 403", async () => {
    server = await startWeChat(counted().qa, options({ encodingAesKey: AES_KEY }), 0);
    const c = new WeChatCrypto(AES_KEY, APPID);
    const encrypted = c.encrypt(textXml(Q));
    const q = signedQuery({ encrypt_type: "aes" });
    q.set("msg_signature", sha1Signature(TOKEN, q.get("timestamp")!, q.get("nonce")!, encrypted));
    const body = `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const r = await post(body, q);
    expect(r.status).toBe(200);
    const env = parseXml(r.text) as Record<string, string>;
    expect(env.MsgSignature).toBe(sha1Signature(TOKEN, env.TimeStamp!, env.Nonce!, env.Encrypt!));
    expect(content(c.decrypt(env.Encrypt!))).toContain("650");
    const bad = new URLSearchParams(q);
    bad.set("msg_signature", "0".repeat(40));
    expect((await post(body, bad)).status).toBe(403);
  });

  it("answers an encrypted voice message from its recognised text", async () => {
    server = await startWeChat(counted().qa, options({ encodingAesKey: AES_KEY }), 0);
    const c = new WeChatCrypto(AES_KEY, APPID);
    const encrypted = c.encrypt(voiceXml("荫田镇2021年完成了多少个改厕任务"));
    const q = signedQuery({ encrypt_type: "aes" });
    q.set("msg_signature", sha1Signature(TOKEN, q.get("timestamp")!, q.get("nonce")!, encrypted));
    const r = await post(
      `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
      q,
    );
    const env = parseXml(r.text) as Record<string, string>;
    const reply = content(c.decrypt(env.Encrypt!));
    expect(reply).toMatch(/^您问的是：/);
    expect(reply).toContain("650");
  });

  it("accepts compatible mode (plain fields beside Encrypt) without encrypt_type", async () => {
    server = await startWeChat(counted().qa, options({ encodingAesKey: AES_KEY }), 0);
    const c = new WeChatCrypto(AES_KEY, APPID);
    const plain = textXml(Q);
    const both = plain.replace("</xml>", `<Encrypt><![CDATA[${c.encrypt(plain)}]]></Encrypt></xml>`);
    const r = await post(both);
    expect(content(r.text)).toContain("650");
  });
});

describe("slow answers", () => {
  let cs: Server;
  let csUrl = "";
  const pushed: Array<{ touser: string; text: { content: string } }> = [];
  let tokenCalls = 0;
  let expireNext = false;
  beforeAll(async () => {
    cs = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        const url = new URL(req.url!, "http://x");
        res.setHeader("content-type", "application/json");
        if (url.pathname === "/cgi-bin/token") {
          tokenCalls++;
          return res.end(JSON.stringify({ access_token: `tok${tokenCalls}`, expires_in: 7200 }));
        }
        if (url.pathname === "/cgi-bin/message/custom/send") {
          if (expireNext) {
            expireNext = false;
            return res.end(JSON.stringify({ errcode: 42001, errmsg: "access_token expired" }));
          }
          pushed.push(JSON.parse(raw));
          return res.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
        }
        res.statusCode = 404;
        res.end("{}");
      });
    });
    await new Promise<void>((r) => cs.listen(0, "127.0.0.1", r));
    csUrl = `http://127.0.0.1:${(cs.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => cs.close(() => r())));

  it("with customer-service credentials: replies success at once, pushes the answer, caches and refreshes the access_token", async () => {
    const { qa, stats } = counted(400);
    server = await startWeChat(qa, options({ appSecret: "secret", apiBase: csUrl, replyBudgetMs: 100 }), 0);
    const id = "888";
    const first = await post(textXml(Q, id));
    expect(first.text).toBe("success");
    const retry = await post(textXml(Q, id));
    expect(retry.text).toBe("success");
    await new Promise((r) => setTimeout(r, 700));
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.touser).toBe(OPENID);
    expect(pushed[0]!.text.content).toContain("650");
    expect(stats.calls).toBe(1);
    // a second slow answer reuses the token; an expired token is refreshed once and the push retried
    expireNext = true;
    await post(textXml("荫田镇2021年烟叶种了多少亩？", "889"));
    await new Promise((r) => setTimeout(r, 700));
    expect(pushed).toHaveLength(2);
    expect(tokenCalls).toBe(2);
  });

  it("without them: holds deliveries so WeChat retries, says 'send any message' on the third, and delivers on the next message", async () => {
    const { qa, stats } = counted(1500);
    server = await startWeChat(qa, options({ replyBudgetMs: 100, holdMs: 200 }), 0);
    const id = "999";
    const t0 = Date.now();
    const d1 = await post(textXml(Q, id));
    const d2 = await post(textXml(Q, id));
    expect(d1.text).toBe("");
    expect(d2.text).toBe("");
    const d3 = await post(textXml(Q, id));
    expect(content(d3.text)).toBe(WECHAT_TEXTS.stillWorking);
    expect(Date.now() - t0).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 1500));
    const next = await post(textXml("1", "1000"));
    expect(content(next.text)).toMatch(/您上一个问题的答案[\s\S]*650/);
    expect(stats.calls).toBe(1);
  });
});

describe("reply size", () => {
  it("cuts at a sentence end within the byte budget", () => {
    const s = fitBytes("第一句话。".repeat(500), 2048);
    expect(Buffer.byteLength(s)).toBeLessThanOrEqual(2048);
    expect(s.endsWith("。…")).toBe(true);
  });
});

describe("npm run wechat (the real entry point)", () => {
  it("starts on WECHAT_PORT, builds the index, verifies the URL and answers; a missing token is one line", async () => {
    const { spawn } = await import("node:child_process");
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { REPO } = await import("./helpers/core.js");
    const dir = await mkdtemp(join(tmpdir(), "planqa-wx-"));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const run = (env: Record<string, string>) =>
      spawn(process.execPath, ["--import", "tsx", "src/main.ts", "wechat"], {
        cwd: REPO,
        env: { ...process.env, INDEX_DIR: join(dir, "index"), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
    try {
      const noToken = run({ WECHAT_TOKEN: "" });
      let err = "";
      noToken.stderr.on("data", (b: Buffer) => (err += b.toString()));
      expect(await new Promise((r) => noToken.on("close", r))).toBe(1);
      expect(err.trim().split("\n")).toHaveLength(1);
      expect(err).toContain("WECHAT_TOKEN");

      const child = run({ WECHAT_TOKEN: TOKEN, WECHAT_PORT: String(port) });
      const exited = new Promise((r) => child.on("close", r));
      let up = false;
      for (let i = 0; i < 200 && !up; i++) {
        await new Promise((r) => setTimeout(r, 150));
        up = await fetch(`http://127.0.0.1:${port}/wechat?${signedQuery({ echostr: "ok42" })}`).then(
          (r) => r.ok,
          () => false,
        );
      }
      expect(up).toBe(true);
      const r = await fetch(`http://127.0.0.1:${port}/wechat?${signedQuery()}`, { method: "POST", body: textXml(Q) });
      expect(content(await r.text())).toContain("650");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

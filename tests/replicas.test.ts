import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanQA } from "../src/app.js";
import { startTelegram } from "../src/channels/telegram/run.js";
import { sha1Signature } from "../src/channels/wechat/crypto.js";
import { CustomerService } from "../src/channels/wechat/customer.js";
import { loadConfig } from "../src/config.js";
import { createLogger, silentLogger } from "../src/log.js";
import { openBotState } from "../src/runtime.js";
import { connectRedis, RedisConversationStore, RedisRateLimiter, RedisWeChatState } from "../src/shared/redis.js";
import { BotApiStandIn, textUpdate } from "./helpers/botapi.js";
import { CORPUS, REPO } from "./helpers/core.js";
import {
  freePort,
  needsService,
  type RunningPglite,
  type RunningRedis,
  startPglite,
  startRedis,
} from "./helpers/services.js";

// Several replicas sharing PostgreSQL (PGlite over a socket) and a real redis-server.
const TOKEN = "replicatoken";
let pg: RunningPglite;
let redis: RunningRedis;
let dir: string;

const hasRedis = needsService("redis-server");

beforeAll(async () => {
  if (!hasRedis) return;
  [pg, redis] = await Promise.all([startPglite(), startRedis()]);
  dir = await mkdtemp(join(tmpdir(), "planqa-replicas-"));
  // the index is ingested once; replicas only read it
  const { qa } = await createPlanQA(
    loadConfig({ INDEX_BACKEND: "postgres", DATABASE_URL: pg.url, CORPUS_DIR: CORPUS }),
    silentLogger,
    { ingest: true },
  );
  await qa.close();
}, 120_000);

afterAll(async () => {
  await redis?.stop();
  await pg?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasRedis)("shared state in Redis", () => {
  it("conversation context, rate limits and MsgId claims hold across clients", async () => {
    const [a, b] = await Promise.all([connectRedis(redis.url, silentLogger), connectRedis(redis.url, silentLogger)]);
    try {
      const turn = {
        question: "q",
        scope: { township: "荫田镇", years: [2021], kind: null, type: "quantity" } as never,
        citations: [],
        refused: false,
        at: 1,
      };
      const sa = new RedisConversationStore(a, { maxTurns: 2 });
      const sb = new RedisConversationStore(b, { maxTurns: 2 });
      for (let i = 0; i < 3; i++) await sa.push("chat1", { ...turn, question: `q${i}` });
      expect((await sb.get("chat1")).map((t) => t.question)).toEqual(["q1", "q2"]);
      expect(await a.pttl("planqa:conv:chat1")).toBeGreaterThan(0);

      const la = new RedisRateLimiter(a, 3);
      const lb = new RedisRateLimiter(b, 3);
      const results = await Promise.all([la.take("u"), lb.take("u"), la.take("u"), lb.take("u"), la.take("u")]);
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(await lb.take("other")).toBe(true);

      const wa = new RedisWeChatState(a);
      const wb = new RedisWeChatState(b);
      const claims = await Promise.all([wa.claim("m1"), wb.claim("m1")]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await wa.publish("m1", { state: "done", text: "答复" });
      expect(await wb.peek("m1")).toEqual({ state: "done", text: "答复" });
      await wa.defer("user", "迟到的答复");
      expect(await Promise.all([wa.collect("user"), wb.collect("user")])).toContain("迟到的答复");
      expect(await wa.collect("user")).toBeNull();
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it("replicas share one WeChat access_token: fetched once, and refreshed once when WeChat refuses it", async () => {
    let issued = 0;
    const valid = new Set<string>();
    // WeChat's token and customer-service endpoints: a new token invalidates the old ones
    const wx = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      res.setHeader("content-type", "application/json");
      if (url.pathname === "/cgi-bin/token") {
        valid.clear();
        const t = `tok${++issued}`;
        valid.add(t);
        return res.end(JSON.stringify({ access_token: t, expires_in: 7200 }));
      }
      req.resume();
      req.on("end", () =>
        res.end(
          JSON.stringify(
            valid.has(url.searchParams.get("access_token") ?? "")
              ? { errcode: 0 }
              : { errcode: 40001, errmsg: "invalid credential" },
          ),
        ),
      );
    });
    await new Promise<void>((r) => wx.listen(0, "127.0.0.1", r));
    const apiBase = `http://127.0.0.1:${(wx.address() as AddressInfo).port}`;
    const [a, b] = await Promise.all([connectRedis(redis.url, silentLogger), connectRedis(redis.url, silentLogger)]);
    try {
      await a.del("planqa:wx:token:wxSHARED");
      const replica = (r: typeof a) =>
        new CustomerService({
          apiBase,
          appId: "wxSHARED",
          appSecret: "s",
          log: silentLogger,
          shared: new RedisWeChatState(r).tokens,
        });
      const [ra, rb] = [replica(a), replica(b)];
      expect(await Promise.all([ra.sendText("u1", "x"), rb.sendText("u2", "y"), ra.sendText("u3", "z")])).toEqual([
        true,
        true,
        true,
      ]);
      expect(issued).toBe(1);
      // the token is revoked (fetched elsewhere): one replica refreshes, the other takes its token
      valid.clear();
      expect(await ra.sendText("u1", "x")).toBe(true);
      expect(await rb.sendText("u2", "y")).toBe(true);
      expect(issued).toBe(2);
    } finally {
      a.disconnect();
      b.disconnect();
      await new Promise<void>((r) => wx.close(() => r()));
    }
  });

  it("an unreachable Redis is one clear line", async () => {
    await expect(connectRedis("redis://127.0.0.1:1", silentLogger)).rejects.toThrow(
      /cannot connect to redis:\/\/127\.0\.0\.1:1: connection refused/,
    );
    // at start it is retried for the bounded time, one line per attempt
    const lines: string[] = [];
    await expect(
      connectRedis(
        "redis://127.0.0.1:1",
        createLogger("warn", (l) => lines.push(l)),
        1,
      ),
    ).rejects.toThrow(/connection refused/);
    expect(lines[0]).toMatch(/redis redis:\/\/127\.0\.0\.1:1: not reachable yet \(attempt 1: .*\); retrying in 0\.5 s/);
    expect(() => loadConfig({ REDIS_URL: "http://x" })).toThrow(/REDIS_URL/);
  });
});

interface Replica {
  port: number;
  child: ChildProcess;
  output: string[];
}

async function startReplica(): Promise<Replica> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "wechat"], {
    cwd: REPO,
    env: {
      ...process.env,
      INDEX_BACKEND: "postgres",
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      CORPUS_DIR: CORPUS,
      WECHAT_TOKEN: TOKEN,
      WECHAT_PORT: String(port),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  const until = Date.now() + 80_000;
  while (!output.join("").includes("wechat webhook listening")) {
    if (child.exitCode !== null) throw new Error(`replica exited: ${output.join("")}`);
    if (Date.now() > until) throw new Error(`replica did not start: ${output.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, child, output };
}

function message(from: string, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

async function deliver(r: Replica, body: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = Math.random().toString(36).slice(2);
  const q = new URLSearchParams({ timestamp, nonce, signature: sha1Signature(TOKEN, timestamp, nonce) });
  const res = await fetch(`http://127.0.0.1:${r.port}/wechat?${q}`, {
    method: "POST",
    body,
    headers: { "content-type": "text/xml" },
  });
  expect(res.status).toBe(200);
  return res.text();
}

const content = (xml: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(xml)?.[1] ?? "";

describe.skipIf(!hasRedis)("two WeChat webhook replicas sharing PostgreSQL and Redis", () => {
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    // one after the other: PGlite serves every socket connection from one Postgres session
    a = await startReplica();
    b = await startReplica();
  }, 180_000);
  afterAll(() => {
    a?.child.kill("SIGTERM");
    b?.child.kill("SIGTERM");
  });

  it("answers one MsgId delivered to both once, and identically", async () => {
    const body = message("oUserReplica1", "荫田镇2021年完成了多少个改厕任务？", "880001");
    const [ra, rb] = await Promise.all([deliver(a, body), deliver(b, body)]);
    expect(content(ra)).toContain("650");
    expect(content(ra)).toBe(content(rb));
    const computed = [...a.output, ...b.output]
      .join("")
      .split("\n")
      .filter((l) => l.includes("wechat answer") && l.includes("oUse"));
    expect(computed).toHaveLength(1);
  });

  it("reads a follow-up sent to the other replica in the context of the first question", async () => {
    const first = await deliver(a, message("oUserReplica2", "东山镇2022年计划改造多少户农村厕所？", "880002"));
    expect(content(first)).not.toBe("");
    const follow = await deliver(b, message("oUserReplica2", "那2023年呢？", "880003"));
    expect(content(follow)).toMatch(/理解为：东山镇2023年/);
  });
});

describe.skipIf(!hasRedis)("a Telegram chat's context survives a restart of the bot", () => {
  it("answers a follow-up after the bot process state is rebuilt from Redis", async () => {
    const api = new BotApiStandIn();
    await api.start();
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      INDEX_BACKEND: "postgres",
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      CORPUS_DIR: CORPUS,
      FEEDBACK_DB: join(dir, "fb.sqlite"),
    });
    const run = async () => {
      const state = await openBotState(config, silentLogger);
      const { qa } = await createPlanQA(config, silentLogger, { conversations: state.conversations });
      const bot = await startTelegram(config, qa, silentLogger, state);
      return {
        stop: async () => {
          await bot.stop();
          await state.close();
          await qa.close();
        },
      };
    };
    try {
      const first = await run();
      api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？", { chatId: 31 }));
      await api.waitFor(() => api.sent().length >= 1);
      await first.stop();
      const second = await run();
      api.push(textUpdate("东山镇呢？", { chatId: 31 }));
      await api.waitFor(() => api.sent().length >= 2);
      await second.stop();
      expect(String(api.sent()[1]!.params.text)).toContain("理解为：东山镇2021年");
    } finally {
      await api.stop();
    }
  }, 60_000);
});

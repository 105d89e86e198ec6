import { createHash, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { EXAMPLE_QUESTIONS } from "../../answer/validate.js";
import type { PlanQA } from "../../app.js";
import { commitmentsPage, parseCommitmentArgs } from "../../commitments/query.js";
import type { Config } from "../../config.js";
import { ConfigError, errorMessage, userMessageOf } from "../../errors.js";
import type { Logger } from "../../log.js";
import { type Limiter, RateLimiter } from "../../shared/ratelimit.js";
import type { RedisWeChatState, SharedReply } from "../../shared/redis.js";
import { sameSignature, sha1Signature, WeChatCrypto, WeChatCryptoError } from "./crypto.js";
import { CustomerService } from "./customer.js";
import { answerText, fitBytes, WECHAT_MAX_BYTES } from "./format.js";
import {
  EnvelopeSchema,
  encryptedReplyXml,
  type Inbound,
  parseInbound,
  parseXml,
  textReplyXml,
  XmlError,
} from "./xml.js";

export const WECHAT_TEXTS = {
  welcome: `感谢关注！我是乡镇规划问答助手，可以回答各镇工作计划、总结和政府工作要点里写了什么，并注明出处。\n\n可以这样问：\n${EXAMPLE_QUESTIONS.map((q) => `· ${q}`).join("\n")}`,
  nonText: "目前只能回答文字和语音问题，请用文字或语音提问。",
  voiceUnheard: "没有听清您的语音，请再说一遍，或者直接打字提问。",
  stillWorking: "问题有点复杂，答案还在查找中。请过几秒发送任意消息（如“1”），即可收到答案。",
  rateLimited: "提问太频繁了，请稍等一分钟再问。",
  failed: "抱歉，处理这个问题时出错了，请稍后再试。",
  deferredPrefix: "您上一个问题的答案：\n",
};

export interface WeChatOptions {
  token: string;
  appId: string;
  encodingAesKey?: string;
  appSecret?: string;
  apiBase: string;
  path: string;
  /** How long a delivery waits for the answer before the slow path (WeChat gives 5 s). */
  replyBudgetMs: number;
  /** Without customer-service credentials: how long an unanswered delivery is held open, so that
   * WeChat times out and retries instead of taking an empty reply as final. */
  holdMs: number;
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  log: Logger;
  fetch?: typeof fetch;
  /** Delivery state shared with other replicas (Redis); absent: this process only. */
  shared?: RedisWeChatState;
  /** A limiter shared with other replicas; absent: one in this process. */
  limiter?: Limiter;
}

/** Options from config; a missing token or a malformed EncodingAESKey is a one-line ConfigError. */
export function wechatOptions(config: Config, log: Logger): WeChatOptions {
  if (!config.WECHAT_TOKEN)
    throw new ConfigError(
      "WECHAT_TOKEN 未设置 (WECHAT_TOKEN is not set: the token configured in the Official Account console)",
    );
  if (config.WECHAT_ENCODING_AES_KEY && !config.WECHAT_APPID)
    throw new ConfigError("WECHAT_APPID is required with WECHAT_ENCODING_AES_KEY (safe mode)");
  return {
    token: config.WECHAT_TOKEN,
    appId: config.WECHAT_APPID ?? "",
    ...(config.WECHAT_ENCODING_AES_KEY ? { encodingAesKey: config.WECHAT_ENCODING_AES_KEY } : {}),
    ...(config.WECHAT_APPSECRET ? { appSecret: config.WECHAT_APPSECRET } : {}),
    apiBase: config.WECHAT_API_BASE.replace(/\/+$/, ""),
    path: config.WECHAT_PATH,
    replyBudgetMs: config.WECHAT_REPLY_BUDGET_MS,
    holdMs: config.WECHAT_HOLD_MS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: 64 * 1024,
    log,
  };
}

/** Openids in logs: a prefix and a short hash, enough to follow one user, not to identify them. */
export const maskOpenId = (id: string) =>
  `${id.slice(0, 4)}…${createHash("sha256").update(id).digest("hex").slice(0, 6)}`;

interface Pending {
  promise: Promise<string>;
  text: string | null;
  deliveries: number;
  pushed: boolean;
  at: number;
}

/** A reply not yet computed: its promise is set by whoever computes or waits for it. */
function newPending(): Pending {
  return { promise: null as unknown as Promise<string>, text: null, deliveries: 0, pushed: false, at: Date.now() };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The WeChat Official Account webhook: GET URL verification, signed (and in safe mode encrypted)
 * POSTs, one answer per MsgId however often WeChat redelivers it, and the slow path when an
 * answer takes longer than WeChat's 5 s.
 */
export function createWeChatHandler(qa: PlanQA, opts: WeChatOptions) {
  const { log } = opts;
  const crypto = opts.encodingAesKey ? new WeChatCrypto(opts.encodingAesKey, opts.appId) : null;
  const cs =
    opts.appId && opts.appSecret
      ? new CustomerService({
          apiBase: opts.apiBase,
          appId: opts.appId,
          appSecret: opts.appSecret,
          log,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
          ...(opts.shared ? { shared: opts.shared.tokens } : {}),
        })
      : null;
  const limiter: Limiter = opts.limiter ?? new RateLimiter(opts.rateLimitPerMinute);
  const shared = opts.shared;
  const pending = new Map<string, Pending>();
  /** Answers a user was told to fetch with their next message (no customer-service account). */
  const deferred = new Map<string, { entry: Pending; at: number }>();

  const sweep = () => {
    const now = Date.now();
    for (const [k, p] of pending) if (now - p.at > 60_000) pending.delete(k);
    for (const [k, d] of deferred) if (now - d.at > 30 * 60_000) deferred.delete(k);
  };
  const sweeper = setInterval(sweep, 30_000);
  sweeper.unref();

  async function compute(msg: Inbound): Promise<string> {
    const user = msg.FromUserName;
    if (!(await limiter.take(user))) return WECHAT_TEXTS.rateLimited;
    try {
      // "承诺 荫田镇 2021": the commitments table, a page at a time
      // a voice message is its recognised text, answered like a typed one
      const heard = msg.MsgType === "voice" ? (msg.Recognition ?? "").trim() : null;
      const question = heard ?? msg.Content ?? "";
      const command = /^\s*(承诺|量化目标)\s*(.*)$/.exec(question);
      if (command) {
        const { filter, page } = parseCommitmentArgs(command[2] ?? "", qa.townships());
        const label = [filter.township, filter.year].filter(Boolean).join(" ");
        return fitBytes(
          await commitmentsPage(
            (offset, limit) => qa.commitmentPage(filter, offset, limit),
            page,
            6,
            (p) => `承诺 ${label} ${p}`.replace(/\s+/g, " "),
          ),
          WECHAT_MAX_BYTES,
        );
      }
      const a = await qa.ask(question, { conversationId: `wx:${user}` });
      log.info("wechat answer", {
        user: maskOpenId(user),
        voice: heard !== null,
        refused: a.refused,
        reason: a.reason,
        ms: Math.round(a.latencyMs),
      });
      return answerText(a, WECHAT_MAX_BYTES, heard);
    } catch (err) {
      log.error(`wechat answer failed for ${maskOpenId(user)}: ${errorMessage(err)}`);
      return userMessageOf(err, WECHAT_TEXTS.failed);
    }
  }

  const sleep = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms));

  /** The reply content for a text message, "" for "no passive reply", or null to hold the line. */
  async function replyForText(msg: Inbound): Promise<string | null> {
    const user = msg.FromUserName;
    const key = msg.MsgId ?? `${user}:${msg.CreateTime}`;
    let entry = pending.get(key);
    if (!entry && shared) {
      // several replicas: the first to claim this MsgId computes; the others wait for its answer
      const p = newPending();
      const waiting = await shared.collect(user);
      if (waiting) {
        p.text = WECHAT_TEXTS.deferredPrefix + waiting;
        p.promise = Promise.resolve(p.text);
        await shared.publish(key, { state: "done", text: p.text });
      } else if (await shared.claim(key)) {
        p.promise = compute(msg).then(async (t) => {
          p.text = t;
          if (!p.pushed)
            await shared
              .publish(key, { state: "done", text: t })
              .catch((err: unknown) => log.warn(`wechat: shared reply not stored: ${errorMessage(err)}`));
          return t;
        });
      } else {
        p.promise = awaitShared(shared, key).then((r) => {
          if (r.state === "pushed") p.pushed = true;
          p.text = r.state === "done" ? r.text : "success";
          return p.text;
        });
      }
      pending.set(key, p);
      entry = p;
    }
    if (!entry) {
      // an answer the user was told to collect: this new message collects it
      const waiting = deferred.get(user);
      if (waiting?.entry.text) {
        deferred.delete(user);
        const p = newPending();
        p.text = WECHAT_TEXTS.deferredPrefix + waiting.entry.text;
        p.promise = Promise.resolve(p.text);
        pending.set(key, p);
      } else {
        const p = newPending();
        p.promise = compute(msg).then((t) => (p.text = t));
        pending.set(key, p);
      }
      entry = pending.get(key)!;
    }
    entry.deliveries++;
    if (entry.pushed) return "success";
    if (entry.text !== null) return entry.text;
    const ready = await Promise.race([entry.promise, sleep(opts.replyBudgetMs)]);
    if (ready !== null) return ready;
    if (cs) {
      entry.pushed = true;
      if (shared) await shared.publish(key, { state: "pushed" });
      const e = entry;
      void e.promise.then(async (text) => {
        const ok = await cs.sendText(user, text);
        log.info(`wechat answer pushed through customer service to ${maskOpenId(user)}: ${ok ? "ok" : "failed"}`);
      });
      return "success";
    }
    if (entry.deliveries < 3) {
      // hold past WeChat's 5 s so it redelivers; the answer keeps computing meanwhile
      const late = await Promise.race([entry.promise, sleep(opts.holdMs)]);
      return late ?? null;
    }
    if (shared) {
      const e = entry;
      void e.promise
        .then((t) => shared.defer(user, t))
        .catch((err: unknown) => log.warn(`wechat: deferred answer not stored: ${errorMessage(err)}`));
    } else deferred.set(user, { entry, at: Date.now() });
    return WECHAT_TEXTS.stillWorking;
  }

  /** The reply another replica is computing for `key`, polled until it is there (or 60 s). */
  async function awaitShared(
    state: RedisWeChatState,
    key: string,
  ): Promise<SharedReply & { state: "done" | "pushed" }> {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const r = await state.peek(key);
      if (r && r.state !== "pending") return r;
      await sleep(100);
    }
    return { state: "done", text: WECHAT_TEXTS.failed };
  }

  async function replyFor(msg: Inbound): Promise<string | null> {
    if (msg.MsgType === "text") return replyForText(msg);
    if (msg.MsgType === "voice") return msg.Recognition?.trim() ? replyForText(msg) : WECHAT_TEXTS.voiceUnheard;
    if (msg.MsgType === "event") {
      const key = `${msg.FromUserName}:${msg.CreateTime}:${msg.Event ?? ""}`;
      if (pending.has(key)) return pending.get(key)!.text;
      const text = (msg.Event ?? "").toLowerCase() === "subscribe" ? WECHAT_TEXTS.welcome : "success";
      pending.set(key, { promise: Promise.resolve(text), text, deliveries: 1, pushed: false, at: Date.now() });
      return text;
    }
    return WECHAT_TEXTS.nonText;
  }

  async function readBody(req: Request): Promise<string> {
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > opts.maxBodyBytes) throw new HttpError(413, "body too large");
    if (!req.body) return "";
    const reader = req.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > opts.maxBodyBytes) {
        await reader.cancel();
        throw new HttpError(413, "body too large");
      }
      parts.push(value);
    }
    return Buffer.concat(parts).toString("utf8");
  }

  /**
   * The webhook as a Fetch-style handler, `(Request) => Response`: served by a Node adapter in
   * `startWeChat`, and callable in-process by tests.
   */
  return async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const q = (k: string) => url.searchParams.get(k) ?? "";
    const send = (status: number, body: string, type = "text/plain; charset=utf-8") =>
      new Response(body, { status, headers: { "content-type": type } });
    try {
      if (url.pathname !== opts.path) return send(404, "not found");
      const timestamp = q("timestamp");
      const nonce = q("nonce");
      if (!sameSignature(q("signature"), sha1Signature(opts.token, timestamp, nonce))) {
        log.warn(`wechat: forged or unsigned ${req.method} rejected`);
        return send(403, "forbidden");
      }
      if (req.method === "GET") return send(200, q("echostr"));
      if (req.method !== "POST") return send(405, "method not allowed");

      const body = await readBody(req);
      const safe = q("encrypt_type") === "aes";
      let inbound: Inbound;
      if (safe) {
        if (!crypto) throw new HttpError(400, "encrypted message but no EncodingAESKey configured");
        const envelope = EnvelopeSchema.safeParse(parseXml(body));
        if (!envelope.success) throw new XmlError("no Encrypt field");
        if (!sameSignature(q("msg_signature"), sha1Signature(opts.token, timestamp, nonce, envelope.data.Encrypt))) {
          log.warn("wechat: bad msg_signature rejected");
          return send(403, "forbidden");
        }
        inbound = parseInbound(crypto.decrypt(envelope.data.Encrypt));
      } else {
        inbound = parseInbound(body);
      }

      const content = await replyFor(inbound);
      if (content === null) {
        // held past WeChat's timeout: it has given up on this delivery and will retry
        return send(200, "");
      }
      if (content === "success" || content === "") return send(200, "success");
      const xml = textReplyXml(inbound.FromUserName, inbound.ToUserName, content);
      if (safe && crypto) {
        const encrypted = crypto.encrypt(xml);
        const ts = String(Math.floor(Date.now() / 1000));
        const n = randomBytes(8).toString("hex");
        return send(
          200,
          encryptedReplyXml(encrypted, sha1Signature(opts.token, ts, n, encrypted), ts, n),
          "application/xml; charset=utf-8",
        );
      }
      return send(200, xml, "application/xml; charset=utf-8");
    } catch (err) {
      if (err instanceof HttpError) return send(err.status, err.message);
      if (err instanceof XmlError || err instanceof WeChatCryptoError) {
        log.warn(`wechat: bad request: ${err.message}`);
        return send(400, "bad request");
      }
      log.error(`wechat: ${errorMessage(err)}`);
      return send(500, "error");
    }
  };
}

export interface RunningWeChat {
  port: number;
  stop(): Promise<void>;
}

/** Start the webhook server on `port` (0 = any free port). */
export async function startWeChat(qa: PlanQA, opts: WeChatOptions, port: number): Promise<RunningWeChat> {
  const handle = createWeChatHandler(qa, opts);
  const server = createAdaptorServer({ fetch: handle }) as Server;
  server.requestTimeout = 30_000;
  await new Promise<void>((r) => server.listen(port, r));
  const actual = (server.address() as { port: number }).port;
  opts.log.info(`wechat webhook listening on :${actual}${opts.path}${opts.encodingAesKey ? " (safe mode)" : ""}`);
  return {
    port: actual,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

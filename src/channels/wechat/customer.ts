import { z } from "zod";
import { errorMessage } from "../../errors.js";
import type { Logger } from "../../log.js";
import type { SharedToken } from "../../shared/redis.js";

const TokenResponse = z
  .object({ access_token: z.string().min(1), expires_in: z.number() })
  .or(z.object({ errcode: z.number(), errmsg: z.string() }));
const SendResponse = z.object({ errcode: z.number(), errmsg: z.string().optional() });

export interface CustomerServiceOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** The token shared with other replicas (Redis); absent: this process only. */
  shared?: SharedToken;
}

/**
 * The customer-service message API (客服消息): pushes an answer that was not ready within WeChat's
 * 5 s. The access_token is cached until shortly before it expires and refreshed when WeChat says
 * it is invalid or expired (40001, 40014, 42001).
 */
export class CustomerService {
  private token: { value: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(private readonly opts: CustomerServiceOptions) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /**
   * A valid token: this process's, else the replicas' shared one, else a fresh one. `stale` is a
   * token WeChat just refused: it is replaced, unless another replica has replaced it already.
   * With a shared store one replica refreshes at a time (a lock); the others wait for its token.
   */
  private async accessToken(stale: string | null = null): Promise<string> {
    const valid = (t: { value: string; expiresAt: number } | null) =>
      !!t && t.expiresAt > this.now() && t.value !== stale;
    if (valid(this.token)) return this.token!.value;
    this.refreshing ??= (async () => {
      try {
        const shared = this.opts.shared;
        if (!shared) return this.store(await this.fetchToken());
        const { appId } = this.opts;
        for (let waited = 0; waited < 5000; waited += 100) {
          const there = await shared.get(appId);
          if (valid(there)) return this.store(there!);
          if (await shared.lock(appId, 10_000)) {
            try {
              const again = await shared.get(appId);
              if (valid(again)) return this.store(again!);
              const fresh = await this.fetchToken();
              await shared.put(appId, fresh);
              return this.store(fresh);
            } finally {
              await shared.unlock(appId);
            }
          }
          await new Promise((r) => setTimeout(r, 100)); // another replica is fetching it
        }
        return this.store(await this.fetchToken());
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private store(token: { value: string; expiresAt: number }): string {
    this.token = token;
    return token.value;
  }

  private async fetchToken(): Promise<{ value: string; expiresAt: number }> {
    const url = `${this.opts.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.opts.appId)}&secret=${encodeURIComponent(this.opts.appSecret)}`;
    const res = await (this.opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5000) });
    const body = TokenResponse.parse(await res.json());
    if ("errcode" in body) throw new Error(`token: errcode ${body.errcode} ${body.errmsg}`);
    // refresh five minutes early (or at half-life for short-lived tokens)
    const margin = Math.min(300, body.expires_in / 2) * 1000;
    return { value: body.access_token, expiresAt: this.now() + body.expires_in * 1000 - margin };
  }

  /** Send a text to a user; true when WeChat accepted it. */
  async sendText(openId: string, content: string): Promise<boolean> {
    let refused: string | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const token = await this.accessToken(refused);
        const res = await (this.opts.fetch ?? fetch)(
          `${this.opts.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ touser: openId, msgtype: "text", text: { content } }),
            signal: AbortSignal.timeout(5000),
          },
        );
        const body = SendResponse.parse(await res.json());
        if (body.errcode === 0) return true;
        if ([40001, 40014, 42001].includes(body.errcode) && attempt === 0) {
          refused = token;
          continue;
        }
        this.opts.log.warn(`customer-service send failed: errcode ${body.errcode} ${body.errmsg ?? ""}`);
        return false;
      } catch (err) {
        this.opts.log.warn(`customer-service send failed: ${errorMessage(err)}`);
        return false;
      }
    }
    return false;
  }
}

import { z } from "zod";
import { errorMessage } from "../../errors.js";
import type { Logger } from "../../log.js";

const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number() }).or(z.object({ errcode: z.number(), errmsg: z.string() }));
const SendResponse = z.object({ errcode: z.number(), errmsg: z.string().optional() });

export interface CustomerServiceOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => number;
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

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.refreshing ??= (async () => {
      try {
        const url = `${this.opts.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.opts.appId)}&secret=${encodeURIComponent(this.opts.appSecret)}`;
        const res = await (this.opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5000) });
        const body = TokenResponse.parse(await res.json());
        if ("errcode" in body) throw new Error(`token: errcode ${body.errcode} ${body.errmsg}`);
        // refresh five minutes early (or at half-life for short-lived tokens)
        const margin = Math.min(300, body.expires_in / 2) * 1000;
        this.token = { value: body.access_token, expiresAt: this.now() + body.expires_in * 1000 - margin };
        return body.access_token;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Send a text to a user; true when WeChat accepted it. */
  async sendText(openId: string, content: string): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const token = await this.accessToken(attempt > 0);
        const res = await (this.opts.fetch ?? fetch)(`${this.opts.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ touser: openId, msgtype: "text", text: { content } }),
          signal: AbortSignal.timeout(5000),
        });
        const body = SendResponse.parse(await res.json());
        if (body.errcode === 0) return true;
        if ([40001, 40014, 42001].includes(body.errcode) && attempt === 0) {
          this.token = null;
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

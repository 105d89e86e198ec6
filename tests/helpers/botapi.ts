import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";

/** One recorded Bot API call. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
}

type Override = (params: Record<string, unknown>) => { status?: number; body: unknown } | undefined;

/**
 * A local Bot API stand-in over real HTTP: the endpoints the bot uses (getMe, getUpdates with
 * long polling, sendMessage, sendChatAction, answerCallbackQuery, setMyCommands, setWebhook,
 * deleteWebhook), every call recorded; `fail` scripts errors (429, 5xx) for a method.
 */
/** The test bot as getMe describes it (also handed to grammY in-process, which then skips getMe). */
export const BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "规划问答",
  username: "plan_qa_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export class BotApiStandIn {
  readonly calls: ApiCall[] = [];
  readonly token = "123456789:TEST_tokenABCDEFGHIJKLMNOPQRSTUVWXYZ";
  readonly me = BOT_INFO;
  private server!: Server;
  private queue: Array<Record<string, unknown>> = [];
  private nextId = 1;
  private messageId = 100;
  private waiters: Array<() => void> = [];
  private overrides = new Map<string, Override[]>();
  url = "";

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(port, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.waiters.splice(0).forEach((w) => w());
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Queue an update for getUpdates; returns its update_id. */
  push(update: Record<string, unknown>): number {
    const id = this.nextId++;
    this.queue.push({ update_id: id, ...update });
    this.waiters.splice(0).forEach((w) => w());
    return id;
  }

  /** The next `times` calls of `method` answer with this instead. */
  fail(method: string, status: number, body: unknown, times = 1): void {
    const list = this.overrides.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(() => ({ status, body }));
    this.overrides.set(method, list);
  }

  sent(method = "sendMessage"): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Wait until `pred` holds over the calls (polling every 20 ms). */
  async waitFor(pred: (calls: ApiCall[]) => boolean, timeoutMs = 8000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred(this.calls)) {
      if (Date.now() > end) throw new Error(`timed out; calls: ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    let raw = "";
    for await (const chunk of req) raw += (chunk as Buffer).toString("utf8");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!m || m[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    const params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.calls.push({ method, params });
    const scripted = this.overrides.get(method)?.shift()?.(params);
    if (scripted) return send(scripted.status ?? 200, scripted.body);
    switch (method) {
      case "getMe":
        return send(200, { ok: true, result: this.me });
      case "getUpdates": {
        const offset = Number(params.offset ?? 0);
        const ready = () => this.queue.filter((u) => (u.update_id as number) >= offset);
        if (!ready().length)
          await new Promise<void>((r) => {
            this.waiters.push(r);
            setTimeout(r, Math.min(Number(params.timeout ?? 0), 1) * 1000);
          });
        this.queue = this.queue.filter((u) => (u.update_id as number) >= offset);
        return send(200, { ok: true, result: ready() });
      }
      case "sendMessage":
        return send(200, {
          ok: true,
          result: {
            message_id: this.messageId++,
            date: 0,
            chat: { id: params.chat_id, type: "private" },
            text: params.text,
          },
        });
      default:
        return send(200, { ok: true, result: true });
    }
  }
}

let seq = 1;
const baseChat = (id: number, type = "private") =>
  type === "private" ? { id, type, first_name: "测试" } : { id, type, title: "村民群" };

export function textUpdate(
  text: string,
  opts: { chatId?: number; userId?: number; chatType?: string; entities?: unknown[]; replyToBot?: boolean } = {},
): Record<string, unknown> {
  const chatId = opts.chatId ?? 1001;
  const command = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }] : [];
  return {
    message: {
      message_id: seq++,
      date: Math.floor(Date.now() / 1000),
      chat: baseChat(chatId, opts.chatType),
      from: { id: opts.userId ?? chatId, is_bot: false, first_name: "测试" },
      text,
      entities: opts.entities ?? command,
      ...(opts.replyToBot
        ? {
            reply_to_message: {
              message_id: 1,
              date: 0,
              chat: baseChat(chatId, opts.chatType),
              from: { id: 4242, is_bot: true, first_name: "规划问答" },
              text: "之前的回答",
            },
          }
        : {}),
    },
  };
}

export function photoUpdate(chatId = 1001, chatType = "private"): Record<string, unknown> {
  return {
    message: {
      message_id: seq++,
      date: 0,
      chat: baseChat(chatId, chatType),
      from: { id: chatId, is_bot: false, first_name: "测试" },
      photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }],
    },
  };
}

export function callbackUpdate(data: string, chatId = 1001): Record<string, unknown> {
  return {
    callback_query: {
      id: `cb${seq++}`,
      from: { id: chatId, is_bot: false, first_name: "测试" },
      chat_instance: "ci",
      data,
      message: { message_id: 1, date: 0, chat: baseChat(chatId), text: "answer" },
    },
  };
}

import type { AddressInfo } from "node:net";
import { isIP } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createPlanQA, type IndexReport, type PlanQA } from "../../app.js";
import type { Config } from "../../config.js";
import { ConfigError } from "../../errors.js";
import type { FeedbackSink } from "../../feedback/store.js";
import type { Logger } from "../../log.js";
import { createConsoleApp } from "./app.js";

/** Whether a host name is this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/** Refuse an address other machines can reach unless CONSOLE_TOKEN is set: one line naming it. */
export function checkConsoleExposure(config: Pick<Config, "CONSOLE_HOST" | "CONSOLE_TOKEN">): void {
  if (!isLoopback(config.CONSOLE_HOST) && !config.CONSOLE_TOKEN) {
    throw new ConfigError(
      `CONSOLE_HOST=${config.CONSOLE_HOST} is reachable from other machines: set CONSOLE_TOKEN (12+ characters) or use 127.0.0.1`,
    );
  }
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the staff console on CONSOLE_HOST:CONSOLE_PORT over the same core as the bots (local index
 * or PostgreSQL). `deps.core` and `deps.feedback` let a test hand in its own.
 */
export async function startConsole(
  config: Config,
  log: Logger,
  deps: { core?: { qa: PlanQA; report: IndexReport }; feedback?: () => Promise<FeedbackSink>; evalDir?: string } = {},
): Promise<RunningConsole> {
  checkConsoleExposure(config);
  const core = deps.core ?? (await createPlanQA(config, log));
  let closeFeedback: (() => Promise<void>) | null = null;
  let feedback = deps.feedback;
  if (!feedback) {
    const { openBotState } = await import("../../runtime.js");
    let opened: Promise<FeedbackSink> | null = null;
    feedback = () =>
      (opened ??= openBotState({ ...config, REDIS_URL: undefined }, log).then((state) => {
        closeFeedback = () => state.close();
        return state.feedback();
      }));
  }
  const { app, close } = createConsoleApp({
    config,
    log,
    core,
    reopen: (onFile) => createPlanQA(config, log, { ingest: true, onFile }),
    feedback,
    evalDir: deps.evalDir ?? join(process.cwd(), "tests", "eval"),
  });
  const server = await new Promise<ReturnType<typeof serve>>((done, fail) => {
    const s = serve({ fetch: app.fetch, hostname: config.CONSOLE_HOST, port: config.CONSOLE_PORT }, () => done(s));
    s.once("error", fail);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.CONSOLE_HOST.includes(":") ? `[${config.CONSOLE_HOST}]` : config.CONSOLE_HOST;
  const url = `http://${host}:${port}`;
  log.info(`console: listening on ${url}${config.CONSOLE_TOKEN ? " (token required)" : ""}`);
  return {
    url,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await close();
      await closeFeedback?.();
    },
  };
}

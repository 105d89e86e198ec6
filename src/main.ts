#!/usr/bin/env node
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createPlanQA, type LocalPlanQA } from "./app.js";
import { runEval } from "./channels/cli/eval.js";
import { answerJson, answerText, ingestTable, progressBar } from "./channels/cli/format.js";
import { formatCommitments, planVsResultLines } from "./commitments/query.js";
import { type Config, loadConfig } from "./config.js";
import { AppError, ConfigError, errorMessage } from "./errors.js";
import { PlainBm25Baseline } from "./eval/baseline.js";
import { formatAgainstBaseline, formatKinds, formatMetrics } from "./eval/metrics.js";
import { createLogger, type Logger } from "./log.js";

const USAGE = `用法 (usage):
  npm run ingest -- [--corpus DIR] [--index DIR] [--force]
  npm run ask -- [--corpus DIR] [--index DIR] [--json] "问题"
  npm run chat -- [--corpus DIR] [--index DIR]
  npm run eval -- --questions FILE [--corpus DIR] [--index DIR] [--out FILE]
  npm run bot                       (TELEGRAM_BOT_TOKEN; TELEGRAM_WEBHOOK_URL for webhook mode)
  npm run feedback -- [--up] [--limit N] [--json]
  npm run commitments -- [--township X] [--year N] [--kind plan|result] [--topic 改厕] [--format table|csv|json]
  npm run wechat                    (WECHAT_TOKEN; WECHAT_ENCODING_AES_KEY + WECHAT_APPID for safe mode)
  npm run console                   staff web console on CONSOLE_HOST:CONSOLE_PORT (127.0.0.1:8780)`;

function configFrom(values: { corpus?: string | undefined; index?: string | undefined }): Config {
  const env: Record<string, string | undefined> = { ...process.env };
  if (values.corpus) env.CORPUS_DIR = values.corpus;
  if (values.index) env.INDEX_DIR = values.index;
  return loadConfig(env);
}

/** A wrong invocation: one line saying what is wrong, the usage, exit code 2. */
function usage(problem: string): number {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  return 2;
}

/** Serve until SIGINT or SIGTERM, then stop cleanly. */
function runUntilSignal(running: { stop(): Promise<void> }, what: string, log: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: stopping ${what}`);
      running.stop().then(resolve, resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}

/** The command line's options (every command reads the ones it needs). */
const CLI_OPTIONS = {
  corpus: { type: "string" },
  index: { type: "string" },
  json: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  up: { type: "boolean", default: false },
  township: { type: "string" },
  year: { type: "string" },
  kind: { type: "string" },
  topic: { type: "string" },
  format: { type: "string" },
  limit: { type: "string" },
  questions: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;
type CliValues = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof CLI_OPTIONS }>
>["values"];

/** What every command gets: the settings, the logger and the parsed command line. */
interface Run {
  config: Config;
  log: Logger;
  values: CliValues;
  positionals: string[];
}

async function commandIngest({ config, log, values }: Run): Promise<number> {
  const { qa, report } = await createPlanQA(config, log, {
    forceRebuild: values.force,
    onFile: progressBar(),
    ingest: true,
  });
  await qa.close();
  const { docs, skipped, status, reused } = report;
  process.stdout.write(
    status === "loaded"
      ? `索引已是最新 (index is current: ${report.where})\n`
      : `索引已更新 (index written to ${report.where})\n`,
  );
  process.stdout.write(`${ingestTable(docs, report.chunkCounts)}\n`);
  for (const s of skipped) process.stdout.write(`  跳过 skipped ${s.file}: ${s.message} [${s.reason}]\n`);
  process.stdout.write(
    `${docs.length} documents (${reused.length} unchanged), ${report.chunkTotal} chunks, ${skipped.length} skipped` +
      `\n（* = 来自 metadata.json；其余为推断 — inferred fields can be corrected in ${config.CORPUS_DIR}/metadata.json）\n`,
  );
  return 0;
}

async function commandAsk({ config, log, values, positionals }: Run): Promise<number> {
  const question = positionals.join(" ");
  // no question at all is a wrong invocation; an empty or blank one is a question to refuse politely
  if (!positionals.length) return usage("缺少问题 (missing the question)");
  const { qa } = await createPlanQA(config, log);
  const a = await qa.ask(question);
  process.stdout.write(values.json ? `${JSON.stringify(answerJson(a))}\n` : `${answerText(a)}\n`);
  return 0;
}

async function commandChat({ config, log }: Run): Promise<number> {
  const { openBotState } = await import("./runtime.js");
  const state = await openBotState(config, log);
  const { qa } = await createPlanQA(config, log, { conversations: state.conversations });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write("请输入问题（输入 exit 退出）。\n");
  for await (const line of rl) {
    if (/^(exit|quit|退出)$/i.test(line.trim())) break;
    if (!line.trim()) continue;
    const a = await qa.ask(line, { conversationId: "cli" });
    process.stdout.write(`${answerText(a)}\n（${a.latencyMs.toFixed(1)} ms）\n\n`);
  }
  rl.close();
  return 0;
}

async function commandEval({ config, log, values }: Run): Promise<number> {
  if (!values.questions) {
    process.stderr.write(`缺少 --questions FILE (missing --questions)\n${USAGE}\n`);
    return 2;
  }
  const { qa } = await createPlanQA(config, log);
  // every run shows the plain BM25 baseline beside the product (local index: its chunks are at hand)
  const baseline = "index" in qa ? PlainBm25Baseline.fromChunks((qa as LocalPlanQA).index.chunks) : undefined;
  const run = await runEval(qa, values.questions, values.out, baseline);
  const misses = run.outcomes.filter((o) =>
    o.answerable ? o.refused || !o.answerContains || !o.citesEvidence : !o.refused,
  );
  if (misses.length) process.stderr.write(`misses: ${misses.map((o) => o.id).join(" ")}\n`);
  const kinds = formatKinds(run.outcomes);
  const against = run.baseline ? `${formatAgainstBaseline(run.metrics, run.baseline)}\n` : "";
  process.stdout.write(`${formatMetrics(run.metrics)}\n${kinds ? `${kinds}\n` : ""}${against}`);
  return 0;
}

async function commandBot({ config, log }: Run): Promise<number> {
  const { startTelegram, telegramToken } = await import("./channels/telegram/run.js");
  const { openBotState } = await import("./runtime.js");
  telegramToken(config); // a missing or malformed token fails before the index is built
  const state = await openBotState(config, log);
  const { qa } = await createPlanQA(config, log, { conversations: state.conversations });
  await runUntilSignal(await startTelegram(config, qa, log, state), "the telegram bot", log);
  await state.close();
  return 0;
}

async function commandWechat({ config, log }: Run): Promise<number> {
  const { startWeChat, wechatOptions } = await import("./channels/wechat/server.js");
  const { openBotState } = await import("./runtime.js");
  const options = wechatOptions(config, log); // a missing token fails before the index is built
  const state = await openBotState(config, log);
  const { qa } = await createPlanQA(config, log, { conversations: state.conversations });
  const shared = { limiter: state.limiter, ...(state.wechat ? { shared: state.wechat } : {}) };
  await runUntilSignal(await startWeChat(qa, { ...options, ...shared }, config.WECHAT_PORT), "the wechat server", log);
  await state.close();
  return 0;
}

async function commandConsole({ config, log }: Run): Promise<number> {
  const { checkConsoleExposure, startConsole } = await import("./channels/console/run.js");
  checkConsoleExposure(config); // an exposed address without a token fails before the index is built
  const running = await startConsole(config, log);
  process.stdout.write(`控制台已启动 (staff console): ${running.url}\n`);
  await runUntilSignal({ stop: () => running.close() }, "the console", log);
  return 0;
}

async function commandCommitments({ config, log, values }: Run): Promise<number> {
  // every option checked before the index is opened; the table's own words (计划/完成) are accepted too
  const kinds: Record<string, "plan" | "result"> = {
    plan: "plan",
    result: "result",
    计划: "plan",
    目标: "plan",
    完成: "result",
    结果: "result",
  };
  const kind = values.kind ? (kinds[values.kind] ?? null) : null;
  if (values.kind && !kind)
    return usage(`--kind 只能是 plan/计划 或 result/完成 (--kind must be plan or result, not "${values.kind}")`);
  if (values.format && !["table", "csv", "json"].includes(values.format))
    return usage(`--format 只能是 table、csv 或 json (--format must be table, csv or json, not "${values.format}")`);
  if (values.year && !/^(19|20)\d\d$/.test(values.year))
    return usage(`--year 应为四位年份 (--year must be a year such as 2021, not "${values.year}")`);
  const format = (values.format ?? "table") as "table" | "csv" | "json";
  const { qa } = await createPlanQA(config, log);
  const filter = {
    township: values.township ?? null,
    year: values.year ? Number(values.year) : null,
    kind,
    topic: values.topic ?? null,
  };
  const items = await qa.commitments(filter);
  process.stdout.write(`${formatCommitments(items, format)}\n`);
  if (format === "table") {
    const pairs = planVsResultLines(await qa.commitments({}), filter);
    if (pairs.length)
      process.stdout.write(`\n计划与完成对照 (plan vs result):\n${pairs.map((l) => `  ${l}`).join("\n")}\n`);
    process.stdout.write(`\n${items.length} items\n`);
  }
  return 0;
}

async function commandFeedback({ config, log, values }: Run): Promise<number> {
  if (values.limit && !/^[1-9]\d{0,3}$/.test(values.limit))
    return usage(`--limit 应为 1–9999 的整数 (--limit must be a whole number from 1 to 9999, not "${values.limit}")`);
  const { openBotState } = await import("./runtime.js");
  const state = await openBotState({ ...config, REDIS_URL: undefined }, log);
  const store = await state.feedback();
  const rows = await store.recent(values.up ? "up" : "down", Number(values.limit ?? 20));
  await state.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  process.stdout.write(rows.length ? "" : "没有反馈 (no feedback yet)\n");
  for (const r of rows) {
    process.stdout.write(
      `${r.at}  ${r.vote === "down" ? "👎" : "👍"}  [${r.channel}] chat ${r.chatHash}\n  问：${r.question}\n  答：${r.answer.replace(/\n/g, " ").slice(0, 200)}\n`,
    );
    for (const c of r.citations)
      process.stdout.write(`    [${c.n}] ${c.title}${c.sectionPath ? ` · ${c.sectionPath}` : ""}\n`);
  }
  return 0;
}

const COMMANDS: Record<string, (run: Run) => Promise<number>> = {
  ingest: commandIngest,
  ask: commandAsk,
  chat: commandChat,
  eval: commandEval,
  bot: commandBot,
  wechat: commandWechat,
  console: commandConsole,
  commitments: commandCommitments,
  feedback: commandFeedback,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: CLI_OPTIONS });
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = configFrom(values);
  const log: Logger = createLogger(config.LOG_LEVEL);
  if (command !== "bot" && command !== "wechat" && command !== "console") {
    // the index is swapped in atomically, so stopping mid-ingest leaves the previous one as it was
    process.once("SIGINT", () => {
      process.stderr.write("\n已中断 (interrupted): 原有索引保持不变 (the previous index is unchanged)\n");
      process.exit(130);
    });
  }

  const handler = COMMANDS[command];
  if (!handler) {
    process.stderr.write(`未知命令 unknown command: ${command} (npm run ask -- --help 查看用法 for usage)\n`);
    return 2;
  }
  return handler({ config, log, values, positionals });
}

// a .env beside package.json fills in settings not already exported (Node ≥ 20.12)
try {
  process.loadEnvFile(".env");
} catch {
  // no .env: defaults apply
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // one line, never a stack trace; LOG_LEVEL=debug shows the stack
    const msg =
      err instanceof ConfigError
        ? err.message
        : err instanceof AppError
          ? `${err.userMessage} (${err.message})`
          : errorMessage(err);
    process.stderr.write(`错误 error: ${msg.split("\n")[0]}\n`);
    if (process.env.LOG_LEVEL === "debug" && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);

import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPlanQA } from "../../src/app.js";
import { createConsoleApp } from "../../src/channels/console/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { FeedbackStore } from "../../src/feedback/store.js";
import { silentLogger } from "../../src/log.js";
import { REPO } from "./core.js";

/** A scratch copy of the shipped corpus with its own index folder and feedback database. */
export async function consoleWorkspace(
  env: Record<string, string> = {},
): Promise<{ dir: string; corpus: string; config: Config; feedback: FeedbackStore; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "planqa-console-"));
  const corpus = join(dir, "corpus");
  await mkdir(corpus);
  for (const f of await readdir(join(REPO, "corpus"))) await copyFile(join(REPO, "corpus", f), join(corpus, f));
  const config = loadConfig({
    CORPUS_DIR: corpus,
    INDEX_DIR: join(dir, "index"),
    LOG_LEVEL: "silent",
    FEEDBACK_DB: join(dir, "feedback.sqlite"),
    ...env,
  });
  const feedback = new FeedbackStore(config.FEEDBACK_DB);
  const cleanup = async () => {
    feedback.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, corpus, config, feedback, cleanup };
}

/** The console app (in-process, Fetch-style) over a workspace. */
export async function consoleApp(
  ws: { config: Config; feedback: FeedbackStore },
  evalDir = join(REPO, "tests", "eval"),
) {
  const core = await createPlanQA(ws.config, silentLogger);
  const made = createConsoleApp({
    config: ws.config,
    log: silentLogger,
    core,
    reopen: (onFile) => createPlanQA(ws.config, silentLogger, { ingest: true, onFile }),
    feedback: async () => ws.feedback,
    evalDir,
  });
  return { ...made, core };
}

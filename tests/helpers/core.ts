import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type LocalPlanQA, planQAFromIndex } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { HashedNgramEmbeddings } from "../../src/search/embeddings.js";
import { openIndex } from "../../src/search/store.js";

export const REPO = resolve(import.meta.dirname, "../..");
export const CORPUS = join(REPO, "corpus");

/** The core over a corpus folder, with its index in a temp folder (removed by `cleanup`). */
export async function coreOver(corpusDir: string): Promise<{ qa: LocalPlanQA; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "planqa-core-"));
  const { index } = await openIndex({
    corpusDir,
    indexDir: join(dir, "index"),
    embeddings: new HashedNgramEmbeddings(256),
    log: silentLogger,
  });
  const qa = planQAFromIndex(index, loadConfig({}));
  return { qa, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The core over the shipped corpus. */
export const shippedCore = () => coreOver(CORPUS);

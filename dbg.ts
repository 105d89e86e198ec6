import { createPlanQA } from "./src/app.js";
import { loadConfig } from "./src/config.js";
import { silentLogger } from "./src/log.js";
import { questionTerms } from "./src/answer/extractive.js";
import { analyzeQuestion } from "./src/retrieve/question.js";
const corpus = process.env.CORPUS_DIR ?? "corpus";
const { qa } = await createPlanQA(loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: process.env.INDEX_DIR ?? "data/index", LOG_LEVEL: "silent" }), silentLogger);
for (const q of process.argv.slice(2)) {
  const a = await qa.ask(q, { today: new Date(process.env.TODAY ?? "2026-11-30") });
  const qq = a.interpretedAs ?? q;
  const scope = analyzeQuestion(qq, qa.townships());
  const stats = await qa.backend.termStats(qq, a.passages);
  console.log("==", q, JSON.stringify(scope));
  console.log("  terms", questionTerms(qq, scope, stats).map((t) => `${t.term}:${t.weight.toFixed(2)}${t.focus ? "F" : ""}${t.unseen ? "U" : ""}`).join(" "));
  console.log("  ->", a.refused, a.reason, a.answer.slice(0, 150).replace(/\n/g, " / "));
  console.log("  top", a.passages.slice(0, 3).map((p) => p.chunk.text.slice(0, 40)).join(" | "));
}
await qa.close();

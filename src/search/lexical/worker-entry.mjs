// @ts-check
// Entry of the lexical worker thread. Compiled (dist/): the worker's JavaScript beside this file.
// From source: the TypeScript through tsx's API (a worker does not inherit a TypeScript loader from
// every parent: vitest's, for one).
import { existsSync } from "node:fs";

const compiled = new URL("./worker.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("./worker.ts", import.meta.url);
}

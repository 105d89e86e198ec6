// @ts-check
// Entry of a scan shard's worker thread. Compiled (dist/): the worker's JavaScript beside this file.
// From source: the TypeScript through tsx's API (a worker does not inherit a TypeScript loader).
import { existsSync } from "node:fs";

const compiled = new URL("./shard-worker.js", import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("./shard-worker.ts", import.meta.url);
}

// @ts-check
// Entry of the lexical worker thread: the worker itself is TypeScript, loaded through tsx's API
// (a worker does not inherit a TypeScript loader from every parent: vitest's, for one).
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);

// @ts-check
// The CLI's entry: runs the compiled dist/main.js, building it first when src/ changed since the
// last build (or none was made), so `npm run ask` is always the code in src/ — and fast.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".built");

/** @param {string} dir @returns {number} */
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    t = Math.max(t, s.isDirectory() ? newest(join(dir, name)) : s.mtimeMs);
  }
  return t;
}

if (
  !existsSync(stamp) ||
  statSync(stamp).mtimeMs < Math.max(newest(join(root, "src")), statSync(join(root, "tsconfig.json")).mtimeMs)
) {
  process.stderr.write("[info] building dist/ (src/ changed since the last build)…\n");
  const built = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (existsSync(stamp)) await import(pathToFileURL(join(root, "dist", "main.js")).href);
else {
  // no compiler here (an install without dev dependencies): the TypeScript itself, through tsx
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("../src/main.ts", import.meta.url);
}

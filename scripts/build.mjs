// @ts-check
// Compile src/ to dist/ (tsc), copy what tsc does not (worker entries, SQL migrations), and stamp
// the build. The CLI runs the compiled code: a cold `npm run ask` then starts in about half a
// second instead of paying for on-the-fly TypeScript.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");

const tscBin = join(root, "node_modules/typescript/bin/tsc");
if (!existsSync(tscBin)) {
  // an install without dev dependencies: the CLI runs the TypeScript through tsx instead
  process.stderr.write("typescript is not installed: dist/ not built (the CLI will run src/ through tsx)\n");
  process.exit(0);
}
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [tscBin, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

/** @param {string} dir */
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (/\.(mjs|sql)$/.test(name)) {
      const to = join(dist, relative(src, path));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(path, to);
    }
  }
}
copyAssets(src);
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);

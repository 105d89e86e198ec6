import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "./helpers/core.js";

// the house rules are a machine's: these prove each rule fails a file that breaks it
const bin = (name: string) => join(REPO, "node_modules", ".bin", name);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "planqa-rules-"));
  await copyFile(join(REPO, "biome.json"), join(dir, "biome.json"));
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
  );
  for (const sub of ["src/search", "src/answer", "src/domain"]) await mkdir(join(dir, sub), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
const biome = (file: string) => run(bin("biome"), ["check", "--vcs-enabled=false", file]);

describe("npm run lint fails what breaks the house rules", () => {
  it("a misformatted file", async () => {
    await writeFile(join(dir, "src/domain/bad.ts"), "export const x = {a:1,\n    b:2}\n");
    const r = biome("src/domain/bad.ts");
    expect(r.status).not.toBe(0);
    await writeFile(join(dir, "src/domain/good.ts"), "export const x = { a: 1, b: 2 };\n");
    expect(biome("src/domain/good.ts").status).toBe(0);
  });

  it("an unsorted import", async () => {
    await writeFile(
      join(dir, "src/domain/imports.ts"),
      'import { z } from "zod";\nimport { readFile } from "node:fs/promises";\n\nexport const y = [z, readFile];\n',
    );
    const r = biome("src/domain/imports.ts");
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/organizeImports|not sorted/i);
  });

  it("an import that runs up the layers (search → answer)", async () => {
    await writeFile(join(dir, "src/answer/compose.ts"), "export const compose = 1;\n");
    await writeFile(
      join(dir, "src/search/index.ts"),
      'import { compose } from "../answer/compose.js";\nexport const index = compose;\n',
    );
    const r = run(bin("depcruise"), ["src", "--config", join(REPO, ".dependency-cruiser.cjs")]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("no-search-upwards");
    // the other way round is allowed
    await writeFile(join(dir, "src/search/index.ts"), "export const index = 1;\n");
    await writeFile(
      join(dir, "src/answer/compose.ts"),
      'import { index } from "../search/index.js";\nexport const compose = index;\n',
    );
    expect(run(bin("depcruise"), ["src", "--config", join(REPO, ".dependency-cruiser.cjs")]).status).toBe(0);
  });
});

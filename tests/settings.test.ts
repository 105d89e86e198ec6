import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../src/config.js";
import { REPO } from "./helpers/core.js";

// the schema is the truth; .env.example and the README's settings table must say the same
describe("settings: schema, .env.example and README agree", () => {
  const keys = Object.keys(ConfigSchema.shape);

  it(".env.example lists every setting, each with its real default", async () => {
    const example = await readFile(join(REPO, ".env.example"), "utf8");
    const lines = new Map<string, string>();
    for (const m of example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm))
      if (!lines.has(m[1]!)) lines.set(m[1]!, m[2]!.trim());
    const defaults = loadConfig({});
    for (const key of keys) {
      expect(lines.has(key), `${key} missing from .env.example`).toBe(true);
      const line = example.split("\n").find((l) => l.startsWith(`${key}=`));
      // an uncommented line must parse to the default (an empty value means "the default")
      if (line)
        expect(loadConfig({ [key]: lines.get(key)! })[key as keyof typeof defaults], key).toEqual(
          defaults[key as keyof typeof defaults],
        );
    }
    for (const key of lines.keys()) expect(keys, `${key} in .env.example is not a setting`).toContain(key);
  });

  it("the README's settings table names every setting", async () => {
    const readme = await readFile(join(REPO, "README.md"), "utf8");
    const table = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("##", readme.indexOf("## Configuration") + 5),
    );
    for (const key of keys) expect(table, key).toContain(`\`${key}\``);
  });
});

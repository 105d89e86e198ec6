import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // jieba's dictionary and the index load once per worker; two cores, two forks
    pool: "forks",
    maxWorkers: 2,
    // the JSON report is what .ci/run turns into its "N passed, N failed" line
    reporters: ["default", "json"],
    outputFile: { json: "data/test-results.json" },
  },
});

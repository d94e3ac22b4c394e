import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests run against the sources, so `npm test` needs no build first.
    alias: {
      "@rewardscope/core": fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/dashboard/app/**/*.test.ts",
      "packages/dashboard/e2e/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    testTimeout: 60_000,
    pool: "forks",
    // The JSON results let .ci/run fail on a skipped suite.
    reporters: ["default", ["json", { outputFile: "node_modules/.vitest/results.json" }]],
  },
});

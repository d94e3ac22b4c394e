// Fails when vitest skipped or left a test to do, or ran none: a skipped test checks nothing.
import { readFileSync } from "node:fs";

const results = JSON.parse(readFileSync(process.argv[2], "utf8"));
const skipped = results.numPendingTests + results.numTodoTests;
const skippedFiles = results.testResults.filter(
  (file) => file.status !== "passed" && file.status !== "failed",
);
if (results.numTotalTests === 0) {
  console.error("no test ran");
  process.exit(1);
}
if (skipped > 0 || skippedFiles.length > 0) {
  console.error(
    `${skipped} skipped tests; skipped files: ${skippedFiles.map((f) => f.name).join(", ") || "none"}`,
  );
  process.exit(1);
}
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed`);
process.exit(results.numFailedTests > 0 ? 1 : 0);

#!/usr/bin/env node
// The installed command. It lives outside dist/ so that npm can link it before the TypeScript is built.
try {
  await import("../dist/cli/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist")) throw error;
  process.stderr.write("rewardscope: not built yet; run `npm run build` in the repository first\n");
  process.exitCode = 2;
}

// Offline `analyze` of the ingest benchmark's events from standard input, in a fresh process as each server is:
// node offline-child.js STEPS PROMPTS_PER_STEP. Warms up on the first WARM_UP_STEPS steps, then prints the timed
// pass as {"seconds"}.
import { runCli } from "rewardscope";
import { stepBodies, WARM_UP_STEPS } from "./step-bodies.js";

async function analyzeSeconds(bodies: readonly string[]): Promise<number> {
  async function* stdin() {
    for (const body of bodies) yield `${body}\n`;
  }
  const start = performance.now();
  const code = await runCli(["analyze", "-", "--quiet"], {
    stdout: () => {},
    stderr: () => {},
    stdin: stdin(),
  });
  if (code !== 0) throw new Error(`analyze exited ${code}`);
  return (performance.now() - start) / 1000;
}

const [steps, promptsPerStep] = process.argv.slice(2).map(Number);
if (steps !== undefined && promptsPerStep !== undefined) {
  const bodies = stepBodies(steps, promptsPerStep);
  await analyzeSeconds(bodies.slice(0, WARM_UP_STEPS));
  process.stdout.write(JSON.stringify({ seconds: await analyzeSeconds(bodies) }));
}

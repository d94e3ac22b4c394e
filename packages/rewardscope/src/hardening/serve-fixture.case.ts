import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { ensureBuilt, type ServeProcess, startServe } from "./serve-process.case.js";

/**
 * Per test file: a temporary root (`fixture.root`), `serve(name, args)` starting a server on ROOT/name/data, every
 * server stopped after each test and the root removed at the end.
 */
export function serveFixture(prefix: string): {
  readonly root: string;
  serve(name: string, args: string[]): Promise<ServeProcess>;
  /** Stops the servers of the running test now (to look at their files). */
  stopAll(): Promise<void>;
} {
  let root = "";
  const running: ServeProcess[] = [];
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  };
  beforeAll(async () => {
    ensureBuilt();
    root = await mkdtemp(join(tmpdir(), prefix));
  }, 120_000);
  afterEach(stopAll);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    async serve(name, args) {
      const data = join(root, name, "data");
      await mkdir(data, { recursive: true });
      const server = await startServe(["--data", data, ...args]);
      running.push(server);
      return server;
    },
    stopAll,
  };
}

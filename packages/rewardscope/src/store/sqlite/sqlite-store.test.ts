import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { describeStoreContract } from "../store.case.js";
import { openSqliteStore } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract("sqlite", () => openSqliteStore(join(dir, "nested", "rewardscope.db")));

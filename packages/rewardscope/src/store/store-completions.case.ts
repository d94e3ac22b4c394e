import { describe, expect, it } from "vitest";
import { cachedRun, completionRecord, writeAt } from "./step-writes.case.js";
import type { CompletionQuery, CompletionRecord } from "./store.js";
import { expectError, type OpenStore, storeRun, useStore } from "./store-harness.case.js";

const WEIRD_FN = 'we"ird.fn $[0]';

/** Untrusted text: quotes, LIKE and FTS syntax, scripts, controls. Index i is completion i of step 50. */
const TEXTS: [string, string | null][] = [
  ['He said "42" and left', "What is 6*7?"],
  ["100% sure: 50_50 split", null],
  ["Use x AND y OR NOT z", null],
  ["NEAR(a b) col:val -minus ^caret {braces} * star", "prompt"],
  ["ÉCOLE 日本語テキスト 🎉 emoji", null],
  ["plain lowercase foobar", "Ünïcödé prompt"],
  ["it's a back\\slash; DROP TABLE completions;--", null],
  ["multi\nline\ttabs", null],
];

const SEARCHES = [
  '"42"',
  '"',
  "%",
  "100%",
  "_",
  "50_5",
  "and",
  "x AND y",
  "OR",
  "NOT z",
  "NEAR(",
  "col:val",
  "-minus",
  "^",
  "*",
  "foo*",
  "{braces}",
  "école",
  "ÉCOLE",
  "日本",
  "本語テ",
  "🎉",
  "FOOBAR",
  "DROP TABLE",
  "'",
  "\\",
  "what is 6",
  "ünïcÖdé",
  "\n",
  "line\ttabs",
  "zzz-not-there",
  "e",
];

function crafted(): CompletionRecord[] {
  return TEXTS.map(([completion, prompt], i) =>
    completionRecord(i, completion, {
      prompt,
      rewards: { [WEIRD_FN]: i % 3 === 0 ? null : (i * 7) % 5, accuracy: i / 2 },
      total: i % 4 === 1 ? null : (i * 3) % 7,
      flags: i % 2 === 0 ? ["repetitive"] : [],
      truncated: i % 3 === 0 ? null : i % 3 === 1,
    }),
  );
}

function contains(c: CompletionRecord, search: string): boolean {
  const needle = search.toLowerCase();
  return c.completion.toLowerCase().includes(needle) || (c.prompt?.toLowerCase().includes(needle) ?? false);
}

/** The order the contract promises: by the sort value (nulls last either way), then newest step, then index. */
function sorted(records: CompletionRecord[], q: CompletionQuery): CompletionRecord[] {
  const sign = q.order === "asc" ? 1 : -1;
  const value = (c: CompletionRecord) =>
    q.sortBy === "total" ? c.total : (c.rewards[q.sortBy ?? ""] ?? null);
  return [...records].sort((a, b) => {
    if (q.sortBy === undefined) return sign * (a.step - b.step) || a.index - b.index;
    const [va, vb] = [value(a), value(b)];
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) return sign * (va - vb);
    return b.step - a.step || a.index - b.index;
  });
}

/** The completions part of the Store contract: filters, sorting with nulls, text search as plain text, paging. */
export function describeCompletionsContract(open: OpenStore): void {
  describe("completions", () => {
    const t = useStore(open);
    const sim = cachedRun({ steps: 20, scenario: "reward_fn_errors" });

    async function completionRun(): Promise<{ name: string; all: CompletionRecord[] }> {
      const name = t.runName("completions");
      await storeRun(t.store(), name, sim);
      const extra = writeAt(sim.writes[0]!, 50, { completions: crafted() });
      await t.store().saveStep(name, extra);
      return { name, all: [...sim.writes.flatMap((w) => w.completions), ...extra.completions] };
    }

    it("stores records whole and filters by step, range and flags", async () => {
      const { name, all } = await completionRun();
      const every = await t.store().completions(name, { limit: 1000 });
      expect(every).toEqual({ total: all.length, completions: sorted(all, {}) });
      const checks: CompletionQuery[] = [
        { step: 3 },
        { fromStep: 4, toStep: 6, order: "asc" },
        { flagged: true },
        { flagged: false, toStep: 2 },
        { step: 3, fromStep: 5 },
      ];
      for (const q of checks) {
        const expected = sorted(
          all.filter(
            (c) =>
              (q.step === undefined || c.step === q.step) &&
              c.step >= (q.fromStep ?? -Infinity) &&
              c.step <= (q.toStep ?? Infinity) &&
              (q.flagged === undefined || q.flagged === c.flags.length > 0),
          ),
          q,
        );
        expect(await t.store().completions(name, { ...q, limit: 1000 }), JSON.stringify(q)).toEqual({
          total: expected.length,
          completions: expected,
        });
      }
      expect(all.filter((c) => c.flags.length > 0).length).toBeGreaterThan(0);
      expect(await t.store().completions(t.runName("absent"), {})).toEqual({ total: 0, completions: [] });
    });

    it("sorts by a reward function or the total, nulls last in both directions", async () => {
      const { name, all } = await completionRun();
      expect(all.some((c) => c.rewards["accuracy"] === null)).toBe(true);
      for (const sortBy of ["total", "accuracy", WEIRD_FN, "absent.fn"])
        for (const order of ["asc", "desc"] as const) {
          const got = await t.store().completions(name, { sortBy, order, limit: 1000 });
          expect(got.completions, `${sortBy} ${order}`).toEqual(sorted(all, { sortBy, order }));
        }
    });

    it("searches completions and prompts as plain, case-insensitive text", async () => {
      const { name, all } = await completionRun();
      for (const search of SEARCHES) {
        const expected = sorted(
          all.filter((c) => contains(c, search)),
          {},
        );
        const got = await t.store().completions(name, { search, limit: 1000 });
        expect(got, JSON.stringify(search)).toEqual({ total: expected.length, completions: expected });
      }
      const only = async (search: string) =>
        (await t.store().completions(name, { search, step: 50 })).completions.map((c) => c.index);
      expect(await only("*")).toEqual([0, 3]);
      expect(await only("foo*")).toEqual([]);
      expect(await only('"42"')).toEqual([0]);
      expect(await only("école")).toEqual([4]);
      expect(await only("日本")).toEqual([4]);
      expect(await only("OR")).toContain(2);
      expect((await t.store().completions(name, { search: "" })).total).toBe(all.length);
    });

    it("pages with limit and offset", async () => {
      const { name, all } = await completionRun();
      const q: CompletionQuery = { sortBy: "total", order: "asc" };
      const pages: CompletionRecord[] = [];
      for (let offset = 0; offset < all.length; offset += 7) {
        const page = await t.store().completions(name, { ...q, limit: 7, offset });
        expect(page.total).toBe(all.length);
        pages.push(...page.completions);
      }
      expect(pages).toEqual(sorted(all, q));
      expect((await t.store().completions(name, {})).completions).toHaveLength(Math.min(100, all.length));
      expect(await t.store().completions(name, { limit: 0 })).toEqual({ total: all.length, completions: [] });
    });

    it("refuses a bad completion query", async () => {
      const name = t.runName();
      await expectError(t.store().completions(name, { order: "up" as "asc" }), "invalid_argument", "order");
      await expectError(t.store().completions(name, { step: -0.5 }), "invalid_argument", "step");
      await expectError(
        t.store().completions(name, { search: 3 as unknown as string }),
        "invalid_argument",
        "search",
      );
      await expectError(
        t.store().completions(name, { flagged: "yes" as unknown as boolean }),
        "invalid_argument",
        "flagged",
      );
    });
  });
}

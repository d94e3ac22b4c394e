import { describe, expect, it } from "vitest";
import { backlogNotice } from "./backlog-notice.js";

describe("backlogNotice", () => {
  it("says nothing while the analysis keeps up, or when the server does not say", () => {
    expect(backlogNotice(undefined)).toBeNull();
    expect(backlogNotice({ waitingBatches: 40, oldestWaitS: 29.9 })).toBeNull();
  });

  it("says how many batches wait and for how long once the oldest has waited 30 s", () => {
    expect(backlogNotice({ waitingBatches: 1, oldestWaitS: 30 })).toBe(
      "The server's analysis is behind: 1 batch waits, the oldest for 30 s. New steps appear late.",
    );
    expect(backlogNotice({ waitingBatches: 12, oldestWaitS: 95.4 })).toBe(
      "The server's analysis is behind: 12 batches wait, the oldest for 1 min 35 s. New steps appear late.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { nextRuns } from "../web/src/cron.js";

describe("next run times of a schedule before it is saved", () => {
  const from = new Date("2024-07-28T10:00:00Z");

  it("computes a daily 02:00 WITA schedule as 18:00 UTC the day before", () => {
    const next = nextRuns("0 2 * * *", "Asia/Makassar", from);
    expect(next.ok && next.runs.map((d) => d.toISOString())).toEqual([
      "2024-07-28T18:00:00.000Z",
      "2024-07-29T18:00:00.000Z",
      "2024-07-30T18:00:00.000Z",
      "2024-07-31T18:00:00.000Z",
      "2024-08-01T18:00:00.000Z",
    ]);
  });

  it("takes six fields with seconds first, and honours another time zone", () => {
    const next = nextRuns("*/30 * * * * *", "Asia/Jakarta", from, 2);
    expect(next.ok && next.runs.map((d) => d.toISOString())).toEqual(["2024-07-28T10:00:30.000Z", "2024-07-28T10:01:00.000Z"]);
    const jakarta = nextRuns("0 2 * * *", "Asia/Jakarta", from, 1);
    expect(jakarta.ok && jakarta.runs[0].toISOString()).toBe("2024-07-28T19:00:00.000Z");
  });

  it("explains a cron it cannot read instead of showing times", () => {
    expect(nextRuns("0 2 * *", "Asia/Makassar", from)).toEqual({ ok: false, message: expect.stringContaining("4 fields") });
    expect(nextRuns("0 25 * * *", "Asia/Makassar", from).ok).toBe(false);
    expect(nextRuns("0 2 * * *", "Mars/Olympus", from).ok).toBe(false);
  });
});

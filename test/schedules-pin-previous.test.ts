import { describe, expect, it } from "vitest";
import { parseScenario, validateScenario } from "../src/domain/index.js";
import { cutoffDate, pinPrevious } from "../src/plan/pin-previous.js";
import { planA, twoTowers, twoTowersInput } from "./support/two-towers.js";

describe("pinning the previous plan's past waves", () => {
  it("pins exactly the placements whose wave is before the cut-off", () => {
    const pinned = pinPrevious(twoTowers, planA.placements, "2024-08-01");
    expect(pinned.pinned).toEqual([
      { employee: "e1", unit: "T1-01", wave: "W1" },
      { employee: "e2", unit: "T1-02", wave: "W1" },
    ]);
    expect(validateScenario(pinned).ok).toBe(true);
  });

  it("does not pin a wave dated on the cut-off itself", () => {
    expect(pinPrevious(twoTowers, planA.placements, "2024-07-29").pinned).toEqual([]);
  });

  it("dates waves by the current version, skips what is gone and lets the scenario's own pins win", () => {
    const current = parseScenario({
      ...twoTowersInput,
      waves: [{ id: "W2", date: "2024-07-30" }, { id: "W3", date: "2024-12-01" }],
      employees: twoTowersInput.employees.filter((e) => e.id !== "e3"),
      pinned: [{ employee: "e5", unit: "T2-02", wave: "W3" }],
    });
    // e1 and e2 were in W1, which this version no longer has; e3 has left; e5 is pinned by the scenario.
    const previous = [...planA.placements, { employee: "e4", unit: "T1-02", wave: "W2" }];
    expect(pinPrevious(current, previous, "2024-08-01").pinned).toEqual([
      { employee: "e5", unit: "T2-02", wave: "W3" },
      { employee: "e4", unit: "T1-02", wave: "W2" },
    ]);
  });

  it("skips a placement whose unit is gone", () => {
    const current = parseScenario({ ...twoTowersInput, units: twoTowersInput.units.filter((u) => u.id !== "T1-01") });
    expect(pinPrevious(current, planA.placements, "2024-08-01").pinned).toEqual([{ employee: "e2", unit: "T1-02", wave: "W1" }]);
  });
});

describe("the cut-off date", () => {
  const firedAt = new Date("2024-07-31T17:00:00Z");

  it("is today in the schedule's time zone", () => {
    expect(cutoffDate("today", "Asia/Makassar", firedAt)).toBe("2024-08-01");
    expect(cutoffDate("today", "UTC", firedAt)).toBe("2024-07-31");
  });

  it("is the date given otherwise", () => {
    expect(cutoffDate("2024-09-01", "Asia/Makassar", firedAt)).toBe("2024-09-01");
  });
});

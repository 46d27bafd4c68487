import { describe, expect, it } from "vitest";
import { comparisonRow } from "../src/plan/compare.js";
import { nameVariants } from "../src/plan/variants.js";
import { planA, planOf, twoTowers } from "./support/two-towers.js";

describe("a comparison table row", () => {
  // Values under the default policy: e1 1000+2500−28−2·10 = 3452, e2 1000−28−20 = 952,
  // e3 500−137−20 = 343, e5 500+2500−137−2·30 = 2803; 7,550 in all, 2,550 without the family bonus.
  it("counts every column of a hand-built plan, scoring it under its own policy and the scenario's", () => {
    const row = comparisonRow(twoTowers, { ...planA, policy: { familyBonus: 0 }, objective: 2550, bound: 2600 });
    expect(row).toEqual({
      status: "optimal",
      objective: 2550,
      commonObjective: 7550,
      bound: 2600,
      gap: 50 / 2550,
      timeMs: 5,
      solver: "hand",
      placed: 4,
      personsPlaced: 8,
      byPriority: { "1": 2, "2": 0, "3": 2, "4": 0, "5": 0 },
      byGroup: { ASN: 4 },
      byWave: { W1: 2, W2: 2 },
      familiesHoused: 2,
      singlesHoused: 2,
      unplaced: 1,
      unplacedReasons: { "no unit left": 1 },
      schoolSeats: { PAUD: 1, SD: 1, SMP: 0, SMA: 0 },
      averageCommuteMinutes: 15,
    });
  });

  it("reads a plan without a recorded policy under the scenario's policy", () => {
    const row = comparisonRow(twoTowers, planA);
    expect(row.objective).toBe(7550);
    expect(row.commonObjective).toBe(7550);
  });

  it("leaves scores and averages empty for an infeasible plan and still counts its unplaced", () => {
    const row = comparisonRow(twoTowers, planOf([], { status: "infeasible", objective: null, bound: null }, "pinned[0] breaks constraint 2"));
    expect(row).toMatchObject({ status: "infeasible", objective: null, commonObjective: null, gap: null, placed: 0, averageCommuteMinutes: null });
    expect(row.unplacedReasons).toEqual({ "pinned[0] breaks constraint 2": 5 });
    expect(row.byWave).toEqual({ W1: 0, W2: 0 });
  });
});

describe("variant names", () => {
  it("are derived from solver and model when not given, and kept unique", () => {
    const { variants, issues } = nameVariants([{ solver: "highs" }, { solver: "jslp", model: "families-first" }, { solver: "highs" }, { name: "highs#3" }]);
    expect(issues).toEqual([]);
    expect(variants.map((v) => v.name)).toEqual(["highs", "jslp+families-first", "highs#2", "highs#3"]);
  });

  it("report an unknown model and a repeated name by their place in the list", () => {
    const { issues } = nameVariants([{ name: "x", model: "no-such-model" }, { name: "x" }]);
    expect(issues.map((i) => i.path)).toEqual([[0, "model"], [1, "name"]]);
    expect(issues[0].message).toMatch(/unknown model "no-such-model" \(known: .*families-first/);
  });
});

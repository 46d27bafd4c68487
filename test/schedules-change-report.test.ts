import { describe, expect, it } from "vitest";
import { ScenarioIndex, parseScenario } from "../src/domain/index.js";
import { changeReport } from "../src/plan/diff.js";
import { planA, planOf, twoTowers, twoTowersInput } from "./support/two-towers.js";

describe("the change report of a schedule run", () => {
  it("reads each plan against its own scenario version, so employees and units gone since still count", () => {
    // Version 2: e3 has left, and unit T1-02 was re-registered under tower T2.
    const v2 = parseScenario({
      ...twoTowersInput,
      units: twoTowersInput.units.map((u) => (u.id === "T1-02" ? { ...u, tower: "T2" } : u)),
      employees: twoTowersInput.employees.filter((e) => e.id !== "e3"),
    });
    const current = planOf(
      [
        { employee: "e1", unit: "T1-01", wave: "W1" },
        { employee: "e2", unit: "T1-02", wave: "W1" },
        { employee: "e4", unit: "T2-02", wave: "W2" },
      ],
      { objective: 5000 },
    );
    const report = changeReport({ plan: { ...planA, objective: 7550 }, index: new ScenarioIndex(twoTowers) }, { plan: current, index: new ScenarioIndex(v2) });
    expect(report).toEqual({
      newlyPlaced: ["e4"],
      noLongerPlaced: ["e3", "e5"],
      movedWave: [],
      movedTower: ["e2"],
      objectiveChange: -2550,
    });
  });

  it("has no objective change when a plan has no objective", () => {
    const index = new ScenarioIndex(twoTowers);
    const infeasible = planOf([], { status: "infeasible", objective: null, bound: null });
    expect(changeReport({ plan: planA, index }, { plan: infeasible, index }).objectiveChange).toBeNull();
  });
});

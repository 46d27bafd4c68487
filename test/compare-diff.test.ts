import { describe, expect, it } from "vitest";
import { ScenarioIndex } from "../src/domain/index.js";
import { diffPlans } from "../src/plan/diff.js";
import { planA, planB, twoTowers } from "./support/two-towers.js";

describe("the diff of two plans of one scenario", () => {
  const index = new ScenarioIndex(twoTowers);

  it("names the employees placed in one plan only, or in another wave or tower, with counts per agency", () => {
    expect(diffPlans({ plan: planA, index }, { plan: planB, index })).toEqual({
      onlyInA: ["e3"],
      onlyInB: ["e4"],
      movedWave: ["e1", "e2"],
      movedTower: ["e2"],
      byAgency: {
        A1: { onlyInA: 0, onlyInB: 0, movedWave: 2, movedTower: 1 },
        A2: { onlyInA: 1, onlyInB: 1, movedWave: 0, movedTower: 0 },
      },
    });
  });

  it("is empty for a plan against itself", () => {
    const d = diffPlans({ plan: planA, index }, { plan: planA, index });
    expect([d.onlyInA, d.onlyInB, d.movedWave, d.movedTower]).toEqual([[], [], [], []]);
  });
});

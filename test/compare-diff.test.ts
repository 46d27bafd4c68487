import { describe, expect, it } from "vitest";
import { ScenarioIndex, parseScenario } from "../src/domain/index.js";
import { diffPlans } from "../src/plan/diff.js";
import { planA, planB, twoTowers, twoTowersInput } from "./support/two-towers.js";

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

  it("counts an agency named __proto__ under its own key, leaving Object's prototype alone", () => {
    const renamed = new ScenarioIndex(parseScenario(JSON.parse(JSON.stringify(twoTowersInput).replaceAll('"A2"', '"__proto__"'))));
    const d = diffPlans({ plan: planA, index: renamed }, { plan: planB, index: renamed });
    expect(Object.hasOwn(d.byAgency, "__proto__")).toBe(true);
    expect(d.byAgency["__proto__"]).toEqual({ onlyInA: 1, onlyInB: 1, movedWave: 0, movedTower: 0 });
    expect(JSON.parse(JSON.stringify(d)).byAgency).toEqual(JSON.parse('{"A1":{"onlyInA":0,"onlyInB":0,"movedWave":2,"movedTower":1},"__proto__":{"onlyInA":1,"onlyInB":1,"movedWave":0,"movedTower":0}}'));
    expect("onlyInA" in {}).toBe(false);
  });

  it("is empty for a plan against itself", () => {
    const d = diffPlans({ plan: planA, index }, { plan: planA, index });
    expect([d.onlyInA, d.onlyInB, d.movedWave, d.movedTower]).toEqual([[], [], [], []]);
  });
});

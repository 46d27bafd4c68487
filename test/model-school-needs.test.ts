import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy, type Scenario } from "../src/domain/index.js";
import { generateScenario, namedScenario } from "../src/generate/index.js";
import { buildModel } from "../src/model/build.js";
import { maxViolation, relaxation } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { expectSameOptimumWithout, sumsAgree } from "./support/without-sums.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// The school-need columns n_z_L_d_c (docs/formulation.md): in a school row of a mid-size model that
// can bind, the families placed in zone z by date d with c children at level L, defined as the sum of
// their placement columns, over which the row then runs. They change the program's form, not its optimum.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

const modelOf = (s: Scenario) => buildModel(s, { policy: scenarioPolicy(s) });
const small = (seed: number) => parseScenario(generateScenario({ seed, employees: 60, towers: 3, waves: 2 }));


describe("school-need columns", () => {
  it("count, per school row that can bind, the families of each number of children at its level", () => {
    const s = parseScenario(generateScenario({ seed: 2, employees: 400, towers: 5, waves: 3 }));
    const model = modelOf(s);
    expect(model.schoolNeeds.length).toBeGreaterThan(0);
    const columnOf = new Map(model.placements.map((p) => [p.column, p]));
    for (const n of model.schoolNeeds) {
      expect(n.placements.length).toBeGreaterThanOrEqual(2);
      for (const j of n.placements) {
        const p = columnOf.get(j)!;
        expect(model.classes[p.cls].needs[n.level]).toBe(n.need);
        expect(model.unitClasses[p.unitClass].zone).toBe(n.zone);
        expect(model.waveDates[p.wave] <= n.date).toBe(true);
      }
      const rows = model.program.rows.filter((r) => r.name.startsWith("school_") && r.terms.has(n.column));
      expect(rows).toHaveLength(1);
      expect(rows[0].terms.get(n.column)).toBe(n.need);
      for (const j of n.placements) expect(rows[0].terms.has(j)).toBe(false);
      // The row holds families of at least two different numbers of children (its coefficients).
      expect(new Set(rows[0].terms.values()).size).toBeGreaterThanOrEqual(2);
    }
  });

  it("are left out of models with more than 3,000 placement columns", () => {
    const model = modelOf(namedScenario("ikn-2024-2k"));
    expect(model.placements.length).toBeGreaterThan(3_000);
    expect(model.schoolNeeds).toEqual([]);
    expect(model.program.rows.some((r) => r.name.startsWith("need_"))).toBe(false);
  });

  it("leave the optimum unchanged: the program with and without them agree on 30 generated scenarios", () => {
    let withNeeds = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const model = modelOf(small(seed));
      if (model.schoolNeeds.length === 0) continue;
      withNeeds++;
      expectSameOptimumWithout(model, model.schoolNeeds, highs, `seed ${seed}`);
    }
    expect(withNeeds).toBeGreaterThan(20);
  });

  it("follow the placements in the LP rounding, which stays feasible", () => {
    let rounded = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const model = modelOf(small(seed));
      if (model.schoolNeeds.length === 0) continue;
      const lp = highs(relaxation(model.program), { gap: 0, seed: 0 }, NO_HOOKS);
      if (lp.status !== "solution") continue;
      const start = roundedSolution(model, lp.values);
      if (!start) continue;
      expect(maxViolation(model.program, start), `seed ${seed}`).toBeLessThanOrEqual(1e-6);
      expect(sumsAgree(model.schoolNeeds, start), `seed ${seed}`).toBe(true);
      rounded++;
    }
    expect(rounded).toBeGreaterThan(10);
  });
});

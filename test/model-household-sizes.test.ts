import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy } from "../src/domain/index.js";
import { generateScenario } from "../src/generate/index.js";
import { buildModel, isHouseholdSizeRow } from "../src/model/build.js";
import { maxViolation, relaxation } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { randomScenario } from "./support/random-scenarios.js";
import { expectSameOptimumWithout, sumsAgree } from "./support/without-sums.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// The household-size columns h_w_p (docs/formulation.md): the households of p persons placed in
// wave w, defined as the sum of the wave's placement columns of that size, over which the wave's
// households and persons rows then run. They change the program's form, not its optimum.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

const modelOf = (s: ReturnType<typeof randomScenario>) => buildModel(s, { policy: scenarioPolicy(s) });


describe("household-size columns", () => {
  it("exist exactly for the waves whose persons capacity could be exceeded, one per household size", () => {
    const s = parseScenario(generateScenario({ seed: 4, employees: 2000, waves: 3 }));
    const model = modelOf(s);
    const persons = model.program.rows.filter((r) => r.name.startsWith("persons_"));
    expect(persons.length).toBeGreaterThan(0);
    for (const row of persons) {
      const w = Number(row.name.split("_")[1]);
      const sizes = model.householdSizes.filter((h) => h.wave === w);
      expect([...row.terms.keys()].sort()).toEqual(sizes.map((h) => h.column).sort());
      expect(sizes.map((h) => row.terms.get(h.column))).toEqual(sizes.map((h) => h.persons));
      expect(new Set(sizes.map((h) => h.persons)).size).toBe(sizes.length);
      for (const h of sizes) {
        const placedPersons = new Set(h.placements.map((j) => model.classes[model.placements.find((p) => p.column === j)!.cls].persons));
        expect([...placedPersons]).toEqual([h.persons]);
      }
    }
    const generous = parseScenario({ ...generateScenario({ seed: 4, employees: 2000, waves: 3 }), waves: s.waves.map((w) => ({ ...w, maxPersons: 1_000_000 })) });
    const loose = modelOf(generous);
    expect(loose.householdSizes).toEqual([]);
    expect(loose.program.rows.some((r) => r.name.startsWith("persons_") || isHouseholdSizeRow(r))).toBe(false);
  });

  it("leave the optimum unchanged: the program with and without them agree on 400 random scenarios", () => {
    let withSizes = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const model = modelOf(randomScenario(seed));
      if (model.householdSizes.length === 0) continue;
      withSizes++;
      expectSameOptimumWithout(model, model.householdSizes, highs, `seed ${seed}`);
    }
    expect(withSizes).toBeGreaterThan(15);
  });

  it("follow the placements in the LP rounding, which stays feasible", () => {
    const s = parseScenario(generateScenario({ seed: 2, employees: 400, towers: 5, waves: 3 }));
    const model = modelOf(s);
    expect(model.householdSizes.length).toBeGreaterThan(0);
    const lp = highs(relaxation(model.program), { gap: 0, seed: 0 }, NO_HOOKS);
    if (lp.status !== "solution") throw new Error(`LP: ${lp.status}`);
    const start = roundedSolution(model, lp.values);
    expect(start).toBeDefined();
    expect(maxViolation(model.program, start!)).toBeLessThanOrEqual(1e-6);
    expect(sumsAgree(model.householdSizes, start!)).toBe(true);
  });

  it("bound the rounding where they replace a persons row, which their bounds made redundant", () => {
    let rounded = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const model = modelOf(randomScenario(seed));
      if (model.householdSizes.length === 0 || model.program.rows.some((r) => r.name.startsWith("persons_"))) continue;
      const lp = highs(relaxation(model.program), { gap: 0, seed: 0 }, NO_HOOKS);
      if (lp.status !== "solution") continue;
      const start = roundedSolution(model, lp.values);
      expect(start, `seed ${seed}`).toBeDefined();
      expect(maxViolation(model.program, start!), `seed ${seed}`).toBeLessThanOrEqual(1e-6);
      rounded++;
    }
    expect(rounded).toBeGreaterThan(30);
  });
});

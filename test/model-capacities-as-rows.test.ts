import { beforeAll, describe, expect, it } from "vitest";
import { scenarioPolicy } from "../src/domain/index.js";
import { buildModel } from "../src/model/build.js";
import type { IntegerProgram } from "../src/model/program.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";
import { randomScenario } from "./support/random-scenarios.js";

// Explanations use the model with every capacity as a row only (docs/formulation.md, "Explaining
// infeasibility"): the same integer solutions as the solver's model, its bounds looser.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

function optimum(p: IntegerProgram): number | "infeasible" {
  const r = highs(p, { gap: 0, seed: 0 }, NO_HOOKS);
  if (r.status === "stopped") throw new Error(r.reason);
  return r.status === "infeasible" ? r.status : r.objective;
}

describe("the model with capacities as rows only", () => {
  it("has the optimum of the solver's model, and no placement bound tighter than its class's size, on 300 random scenarios", () => {
    let infeasible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const s = randomScenario(seed, { maxEmployees: 12, maxUnits: 6 });
      const policy = scenarioPolicy(s);
      const tight = buildModel(s, { policy });
      const loose = buildModel(s, { policy, capacitiesAsRowsOnly: true });
      const want = optimum(tight.program);
      const got = optimum(loose.program);
      if (want === "infeasible") {
        infeasible++;
        expect(got, `seed ${seed}`).toBe("infeasible");
      } else expect(got, `seed ${seed}`).toBeCloseTo(want, 6);
      for (const p of loose.placements) {
        const cls = loose.classes[p.cls];
        expect(loose.program.columns[p.column].upper).toBe(cls.mustMove.length + cls.optional.length);
      }
    }
    // Both kinds of answer are compared.
    expect(infeasible).toBeGreaterThan(10);
  });
});

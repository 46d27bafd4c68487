import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Scenario } from "../src/domain/index.js";
import { generateScenario, namedScenario } from "../src/generate/index.js";
import { buildModel, withCoverRows } from "../src/model/build.js";
import { maxViolation, objectiveOf, relaxation } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import { solvePolicy, solveScenario } from "../src/pipeline/solve.js";
import { relativeGap } from "../src/solvers/bound.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// The LP rounding (src/model/rounding.ts): the plan answered when the neighbourhood search finds
// none, and the answer itself when it is within the requested gap of the LP bound.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

/** The model under `preset` and the rounding of its LP with the cover rows, as the solver does it. */
function rounding(s: Scenario, preset: string) {
  const model = buildModel(s, { policy: solvePolicy(s, { model: preset }) });
  const lp = highs(relaxation(withCoverRows(model)), { gap: 0, seed: 0 }, NO_HOOKS);
  if (lp.status !== "solution") throw new Error(`LP: ${lp.status}`);
  return { model, lpBound: lp.objective, rounded: roundedSolution(model, lp.values) };
}

describe("the LP rounding", () => {
  // A later wave's beds row also counts the singles placed in earlier waves: where the units run out,
  // the placement closed must come from that row, whichever wave it is in.
  it.each([
    [3, "default"],
    [1, "strict-priority"],
  ])("reaches a feasible plan where a dated beds row overflows with earlier waves' singles (seed %i, %s)", (seed, preset) => {
    const s = parseScenario(generateScenario({ seed, employees: 1000, towers: 8, waves: 3 }));
    const { model, lpBound, rounded } = rounding(s, preset);
    expect(rounded).toBeDefined();
    expect(maxViolation(model.program, rounded!)).toBeLessThanOrEqual(1e-6);
    expect(objectiveOf(model.program, rounded!)).toBeLessThanOrEqual(lpBound + 1e-6);
  });

  it("is the answer, stopping the neighbourhood search, when it is within the requested gap", async () => {
    const s = namedScenario("ikn-2024-2k");
    const { model, lpBound, rounded } = rounding(s, "families-first");
    expect(rounded).toBeDefined();
    const roundedObjective = objectiveOf(model.program, rounded!);
    const gap = 2 * relativeGap(roundedObjective, lpBound);
    expect(gap).toBeLessThan(1e-3);

    const plan = await solveScenario(s, { model: "families-first", gap });
    expect(plan.objective).toBeCloseTo(roundedObjective, 6);
    expect(plan.status).toBe("feasible");
    expect(relativeGap(plan.objective!, plan.bound!)).toBeLessThanOrEqual(gap);
  });
});

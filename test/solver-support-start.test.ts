import { describe, expect, it } from "vitest";
import { generateScenario } from "../src/generate/index.js";
import { buildModel, withCoverRows } from "../src/model/build.js";
import { relaxation } from "../src/model/program.js";
import { solvePolicy, solveScenario } from "../src/pipeline/solve.js";
import { nearTieCount } from "../src/pipeline/neighbourhood.js";
import { NEAR_TIES_FOR_SUPPORT_START } from "../src/pipeline/warm-start.js";
import { runBackend } from "../src/solvers/run.js";

// Where the LP leaves many near-ties, the neighbourhood search first finds a plan over the LP's
// support alone and starts the search over the whole neighbourhood from it (src/pipeline/warm-start.ts).
// A generated 5,000-employee scenario has that many; its answer must still be the optimum, which
// plain HiGHS proves independently on the same program.

const scenario = generateScenario({ seed: 1, employees: 5000, waves: 3 });
const model = buildModel(scenario, { policy: solvePolicy(scenario, {}) });
const options = { gap: 1e-6, seed: 0 };

describe("a model whose LP leaves many near-ties", () => {
  it("has more near-ties than the support start needs", async () => {
    const lp = await runBackend("highs", relaxation(withCoverRows(model)), options);
    if (lp.status !== "solution" || !lp.reducedCosts) throw new Error(`the LP has an optimum with reduced costs, not ${lp.status}`);
    expect(nearTieCount(model, lp)).toBeGreaterThanOrEqual(NEAR_TIES_FOR_SUPPORT_START);
  });

  it("is answered at the optimum plain HiGHS proves", async () => {
    const plan = await solveScenario(scenario);
    const plain = await runBackend("highs", model.program, options);
    if (plain.status !== "solution") throw new Error(`plain HiGHS proves an optimum, not ${plain.status}`);
    expect(plan.status).toBe("optimal");
    // Within MODEL.md's 1e-6 of the optimum, which plain HiGHS's plan does not exceed; neither plan
    // above the other's bound.
    expect(plan.objective!).toBeGreaterThanOrEqual(plain.objective * (1 - 1e-6));
    expect(plan.objective!).toBeLessThanOrEqual(plain.bound);
    expect(plan.bound!).toBeGreaterThanOrEqual(plain.objective);
  }, 120_000);
});

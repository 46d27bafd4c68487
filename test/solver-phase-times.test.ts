import { describe, expect, it, vi } from "vitest";
import { parseScenario } from "../src/domain/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { twoTowersInput } from "./support/two-towers.js";

/** The real checker, made to take at least this long so that its phase's time can be seen. */
const CHECK_MS = 40;

vi.mock("../src/plan/check.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/plan/check.js")>();
  return {
    ...real,
    checkPlan: (...args: Parameters<typeof real.checkPlan>) => {
      const until = Date.now() + CHECK_MS;
      while (Date.now() < until);
      return real.checkPlan(...args);
    },
  };
});

describe("the times a solve reports", () => {
  it.each(["jslp", "highs"] as const)("count the check in its own phase and in the total (%s)", async (solver) => {
    const plan = await solveScenario(parseScenario(twoTowersInput), { solver });
    expect(plan.status).toBe("optimal");
    const phases = plan.solver.phasesMs!;
    expect(Object.keys(phases)).toEqual(["validating", "building", "solving", "disaggregating", "checking"]);
    expect(phases.checking).toBeGreaterThanOrEqual(CHECK_MS);
    const sum = Object.values(phases).reduce((a, b) => a + b, 0);
    expect(plan.solver.timeMs).toBeGreaterThanOrEqual(sum);
  });
});

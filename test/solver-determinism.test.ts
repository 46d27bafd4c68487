import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { solveScenario } from "../src/pipeline/solve.js";

// MODEL.md: "the same scenario and options must give the same plan". Conformance c3 has many optimal
// plans (interchangeable singles and units, ties between waves), so a choice left to chance would show.

const scenario = parseScenario(JSON.parse(readFileSync(new URL("../fixtures/conformance/c3-no-sharing.json", import.meta.url), "utf8")));

/** The plan as bytes, without the wall-clock times that legitimately differ between runs. */
function bytesWithoutTimes(plan: Plan): string {
  const { timeMs: _t, phasesMs: _p, ...solver } = plan.solver;
  return JSON.stringify({ ...plan, solver });
}

describe("the same scenario solved twice gives the same plan, byte for byte", () => {
  it.each(["highs", "jslp"] as const)("%s", async (solver) => {
    const first = await solveScenario(scenario, { solver });
    const second = await solveScenario(scenario, { solver });
    expect(first.status).toBe("optimal");
    expect(first.placements.length).toBeGreaterThan(0);
    expect(bytesWithoutTimes(second)).toBe(bytesWithoutTimes(first));
  });
});

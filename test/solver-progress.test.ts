import { describe, expect, it } from "vitest";
import { generateScenario } from "../src/generate/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { PHASES, type Progress } from "../src/pipeline/types.js";

// API.md's progress carries the incumbent and the bound: the best plan found and the bound proven so
// far. The warm-start stages and the two sides of the search pair each report their own, and on this
// generated model (300 employees, 4 waves, `families-first`) a later stage reported a bound 99 points
// above one already proven (1,456,154 after 1,456,055.7).

const scenario = generateScenario({ seed: 1011, employees: 300, waves: 4, towers: 5 });

describe("solve progress", () => {
  it("comes in phase order, never lets the incumbent fall or the bound rise, and both stay true of the answer", async () => {
    const reports: Progress[] = [];
    const plan = await solveScenario(scenario, { model: "families-first", onProgress: (p) => reports.push(p) });
    expect(plan.status).toBe("optimal");
    // In phase order: a solver thread's report that arrives once checking has begun is not passed on.
    const order = reports.map((p) => PHASES.indexOf(p.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const solving = reports.filter((p) => p.phase === "solving");
    const incumbents = solving.flatMap((p) => (p.incumbent === undefined ? [] : [p.incumbent]));
    const bounds = solving.flatMap((p) => (p.bound === undefined ? [] : [p.bound]));
    expect(incumbents.length).toBeGreaterThan(2);
    expect(bounds.length).toBeGreaterThan(2);
    incumbents.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(incumbents[i]));
    bounds.slice(1).forEach((value, i) => expect(value).toBeLessThanOrEqual(bounds[i]));
    for (const value of incumbents) expect(value).toBeLessThanOrEqual(plan.bound! + 1e-6);
    for (const value of bounds) expect(value).toBeGreaterThanOrEqual(plan.objective! - 1e-6);
    solving.slice(1).forEach((p, i) => expect(p.percent).toBeGreaterThanOrEqual(solving[i].percent));
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { scenarioPolicy, type Scenario } from "../src/domain/index.js";
import { generateScenario } from "../src/generate/index.js";
import { buildModel } from "../src/model/build.js";
import { maxViolation, objectiveOf, relaxation, restrictColumns, type IntegerProgram } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import { explainUnplaceable } from "../src/pipeline/explain.js";
import { fixByReducedCosts } from "../src/pipeline/reduced-cost.js";
import { pinViolations, solveScenario } from "../src/pipeline/solve.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { randomScenario } from "./support/random-scenarios.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// Reduced-cost fixing must be exact: the cut-down program keeps the incumbent it was built against
// and reaches the whole program's optimum, whatever the incumbent's quality.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

const solve = (p: IntegerProgram) => highs(p, { gap: 1e-9, seed: 0 }, NO_HOOKS);

describe("restrictColumns", () => {
  // max 3a + 2b + c  s.t.  a + b ≤ 4,  b + c ≥ 1,  a ∈ [0, 3], b ∈ [1, 2], c ∈ [0, 5]
  const p: IntegerProgram = {
    offset: 10,
    columns: [
      { name: "a", lower: 0, upper: 3, integer: true, cost: 3 },
      { name: "b", lower: 1, upper: 2, integer: true, cost: 2 },
      { name: "c", lower: 0, upper: 5, integer: true, cost: 1 },
    ],
    rows: [
      { name: "r1", label: "r1", lower: -Infinity, upper: 4, terms: new Map([[0, 1], [1, 1]]) },
      { name: "r2", label: "r2", lower: 1, upper: Infinity, terms: new Map([[1, 1], [2, 1]]) },
    ],
  };

  it("fixes the dropped columns at their lower bound, in the rows' bounds and the offset", () => {
    const r = restrictColumns(p, (j) => j !== 1);
    expect(r.program.columns.map((c) => c.name)).toEqual(["a", "c"]);
    expect(r.program.offset).toBe(12);
    expect(r.program.rows.map((row) => [row.lower, row.upper, [...row.terms]])).toEqual([
      [-Infinity, 3, [[0, 1]]],
      [0, Infinity, [[1, 1]]],
    ]);
    expect(r.expand([3, 0])).toEqual([3, 1, 0]);
    expect(r.project([3, 1, 0])).toEqual([3, 0]);
    expect(objectiveOf(r.program, [3, 0])).toBe(objectiveOf(p, [3, 1, 0]));
  });

  it("drops a row the fixed columns satisfy alone, and keeps one they break, without columns, so that the restriction is infeasible", () => {
    expect(restrictColumns(p, (j) => j === 0).program.rows.map((row) => row.name)).toEqual(["r1"]);
    const broken = restrictColumns({ ...p, rows: [{ ...p.rows[1], lower: 2 }] }, (j) => j === 0).program;
    expect(broken.rows).toMatchObject([{ name: "r2", lower: 1, terms: new Map() }]);
    expect(solve(broken).status).toBe("infeasible");
  });
});

interface Case {
  name: string;
  scenario: Scenario;
}

const randomCases: Case[] = Array.from({ length: 120 }, (_, i) => ({ name: `random seed ${i + 1}`, scenario: randomScenario(i + 1) }));
const generatedCases: Case[] = [11, 12, 13].map((seed) => ({ name: `generated seed ${seed}, 250 employees`, scenario: generateScenario({ seed, employees: 250, towers: 3, waves: 3 }) }));

describe("fixByReducedCosts on random and generated scenarios", () => {
  const tally = { checked: 0, columns: 0, removed: 0 };

  it.each([...randomCases, ...generatedCases])("$name: the reduced program keeps the incumbent and reaches the optimum", ({ scenario }) => {
    const policy = scenarioPolicy(scenario);
    if (pinViolations(scenario, policy).length > 0) return;
    const model = buildModel(scenario, { policy });
    if (explainUnplaceable(model) || model.program.columns.length === 0) return;
    const p = model.program;
    const lp = solve(relaxation(p));
    if (lp.status !== "solution") return;
    expect(lp.reducedCosts).toHaveLength(p.columns.length);
    const optimum = solve(p);
    if (optimum.status !== "solution") return;

    // A weak incumbent (the rounded LP) and the best one (the optimum itself).
    const incumbents = [roundedSolution(model, lp.values), optimum.values].filter((x): x is number[] => x !== undefined);
    for (const incumbent of incumbents) {
      const reduced = fixByReducedCosts(p, { objective: lp.objective, values: lp.values, reducedCosts: lp.reducedCosts! }, incumbent, objectiveOf(p, incumbent));
      expect(maxViolation(reduced.program, reduced.project(incumbent))).toBeLessThanOrEqual(1e-6);
      const r = solve(reduced.program);
      expect(r.status).toBe("solution");
      if (r.status !== "solution") continue;
      const whole = reduced.expand(r.values);
      expect(maxViolation(p, whole)).toBeLessThanOrEqual(1e-6);
      expect(objectiveOf(p, whole)).toBeCloseTo(optimum.objective, 6);
      tally.checked++;
      tally.columns += p.columns.length;
      tally.removed += p.columns.length - reduced.program.columns.length;
    }
  });

  it("removed columns in the cases above (the property is not vacuous)", () => {
    expect(tally.checked).toBeGreaterThan(100);
    expect(tally.removed / tally.columns).toBeGreaterThan(0.1);
  });
});

describe("the warm-started HiGHS solve (LP, neighbourhood, fixing, root, branch and bound)", () => {
  it.each(generatedCases)("$name: proves the optimum that HiGHS finds on the whole program", async ({ scenario }) => {
    const model = buildModel(scenario, { policy: scenarioPolicy(scenario) });
    const direct = solve(model.program);
    expect(direct.status).toBe("solution");
    const plan = await solveScenario(scenario, { solver: "highs" });
    expect(plan.status).toBe("optimal");
    if (direct.status === "solution") expect(plan.objective).toBeCloseTo(direct.objective, 6);
    expect(plan.bound).toBe(plan.objective);
  });
});

describe("the root's cuts (rootCuts), which stage 4b adds to the LP before fixing again", () => {
  const tally = { cases: 0, cuts: 0 };

  it.each([...generatedCases, { name: "generated seed 3, 2,000 employees", scenario: generateScenario({ seed: 3, employees: 2000, waves: 3 }) }])(
    "$name: every cut holds for the optimum, a plan better than the root's start",
    ({ scenario }) => {
      const model = buildModel(scenario, { policy: scenarioPolicy(scenario) });
      const p = model.program;
      const lp = solve(relaxation(p));
      const optimum = solve(p);
      if (lp.status !== "solution" || optimum.status !== "solution") return;
      const start = roundedSolution(model, lp.values);
      if (!start || objectiveOf(p, start) >= optimum.objective - 0.5) return;
      const root = highs(p, { gap: 1e-6, seed: 0, presolve: false, maxNodes: 1, heuristics: false, rootCuts: true, initial: start }, NO_HOOKS);
      expect(root.status).toBe("solution");
      if (root.status !== "solution" || !root.cuts) return;
      const withCuts = { ...p, rows: [...p.rows, ...root.cuts] };
      expect(maxViolation(withCuts, optimum.values)).toBeLessThanOrEqual(1e-6);
      const cutLp = solve(relaxation(withCuts));
      expect(cutLp.status).toBe("solution");
      if (cutLp.status === "solution") expect(cutLp.objective).toBeGreaterThanOrEqual(optimum.objective - 1e-6);
      tally.cases++;
      tally.cuts += root.cuts.length;
    },
    60_000,
  );

  it("collected cuts in the cases above (the property is not vacuous)", () => {
    expect(tally.cases).toBeGreaterThan(0);
    expect(tally.cuts).toBeGreaterThan(0);
  });

  it("are not handed back with presolve on, where they would be rows over the presolved columns", () => {
    const { scenario } = generatedCases[0];
    const model = buildModel(scenario, { policy: scenarioPolicy(scenario) });
    const root = highs(model.program, { gap: 1e-6, seed: 0, maxNodes: 1, rootCuts: true }, NO_HOOKS);
    expect(root.status).toBe("solution");
    if (root.status === "solution") expect(root.cuts).toBeUndefined();
  });
});

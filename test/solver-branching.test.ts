import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Scenario } from "../src/domain/index.js";
import { generateScenario } from "../src/generate/index.js";
import { branchingPriority, buildModel, withCoverRows } from "../src/model/build.js";
import { maxViolation, type IntegerProgram } from "../src/model/program.js";
import { solvePolicy, solveScenario } from "../src/pipeline/solve.js";
import type { Branching } from "../src/solvers/highs-branching.js";
import type { BackendOptions, BackendSolve } from "../src/solvers/types.js";
import { loadHighsBackend, NO_HOOKS } from "./support/highs-backend.js";
import { multiKnapsack } from "./support/multi-knapsack.js";
import { randomScenario } from "./support/random-scenarios.js";

// Stage 2a of the warm start (`searchByBranching` in src/pipeline/warm-start.ts) is a best-first
// branch-and-bound of our own over HiGHS's LP (src/solvers/highs-branching.ts). Where it ends, its
// answer is the optimum and its bound a proof; where it stops early, its bound must still hold.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

const exact: BackendOptions = { gap: 0, seed: 0 };
const unlimited = (priority: number[]): Branching => ({ priority, stallNodes: Infinity, planWithinNodes: Infinity });
const evenly = (p: IntegerProgram) => p.columns.map(() => 0);
const branchAndBound = (p: IntegerProgram, branching: Branching, more: Partial<BackendOptions> = {}) => highs(p, { ...exact, branching, ...more }, NO_HOOKS);

describe("the branch-and-bound over HiGHS's LP", () => {
  it("proves the optimum HiGHS's own search proves, on knapsacks whose LP bound is far above it", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const p = multiKnapsack(seed, 16, 3);
      const mip = highs(p, exact, NO_HOOKS);
      const result = branchAndBound(p, unlimited(evenly(p)));
      if (mip.status !== "solution" || result.status !== "solution") throw new Error(`seed ${seed}: ${mip.status}, ${result.status}`);
      expect(result.objective).toBeCloseTo(mip.objective, 6);
      // The objective is integral: a bound below the next whole number proves it.
      expect(Math.floor(result.bound + 1e-6)).toBe(result.objective);
      expect(maxViolation(p, result.values)).toBe(0);
    }
  });

  it("with cuts at every node, proves the same optima on knapsacks, and its pace stops it with a bound that holds", () => {
    const everyNode = (p: IntegerProgram, nodes = Infinity): Branching => ({ ...unlimited(evenly(p)), nodeCuts: { window: 5, nodes } });
    for (const seed of [1, 2, 3, 4, 5, 7]) {
      const p = multiKnapsack(seed, 16, 3);
      const mip = highs(p, exact, NO_HOOKS);
      const proven = branchAndBound(p, everyNode(p));
      if (mip.status !== "solution" || proven.status !== "solution") throw new Error(`seed ${seed}: ${mip.status}, ${proven.status}`);
      expect(proven.objective).toBeCloseTo(mip.objective, 6);
      expect(Math.floor(proven.bound + 1e-6)).toBe(proven.objective);
      expect(maxViolation(p, proven.values)).toBe(0);
      // A pace that promises nothing within 6 nodes stops the search once it has a plan; its bound still holds.
      const paced = branchAndBound(p, everyNode(p, 6));
      expect(paced.status).not.toBe("infeasible");
      if (paced.status !== "infeasible") expect(paced.bound).toBeGreaterThanOrEqual(mip.objective - 1e-9);
    }
  });

  it("answers infeasible where the LP has a solution and no integer point exists", () => {
    const halfOfTwo: IntegerProgram = {
      offset: 0,
      columns: [{ name: "x", lower: 0, upper: 3, integer: true, cost: 1 }],
      rows: [{ name: "r", label: "2x = 3", lower: 3, upper: 3, terms: new Map([[0, 2]]) }],
    };
    expect(branchAndBound(halfOfTwo, unlimited([0]))).toEqual({ status: "infeasible" });
  });

  it("stops at its limits with a bound that still holds, and a plan only where it found one", () => {
    const p = multiKnapsack(7, 16, 3);
    const optimum = highs(p, exact, NO_HOOKS);
    if (optimum.status !== "solution") throw new Error(optimum.status);
    const cut = [
      branchAndBound(p, unlimited(evenly(p)), { maxNodes: 5 }),
      branchAndBound(p, { ...unlimited(evenly(p)), planWithinNodes: 1 }),
      branchAndBound(p, { ...unlimited(evenly(p)), stallNodes: 3 }),
    ];
    for (const result of cut) {
      expect(result.status).not.toBe("infeasible");
      if (result.status === "infeasible") continue;
      expect(result.bound).toBeGreaterThanOrEqual(optimum.objective);
      if (result.status === "solution") {
        expect(result.objective).toBeLessThanOrEqual(optimum.objective);
        expect(maxViolation(p, result.values)).toBe(0);
      }
    }
    expect(cut[1]).toMatchObject({ status: "stopped", reason: expect.stringMatching(/after 1 nodes, without a plan$/) });
  });

  it("starts from a plan it is given, and ignores one that breaks the program", () => {
    const p = multiKnapsack(5, 16, 3);
    const optimum = highs(p, exact, NO_HOOKS);
    if (optimum.status !== "solution") throw new Error(optimum.status);
    const fromOptimum = branchAndBound(p, unlimited(evenly(p)), { initial: optimum.values, maxNodes: 1 });
    expect(fromOptimum).toMatchObject({ status: "solution", objective: expect.closeTo(optimum.objective, 6) });
    const everyItem = p.columns.map(() => 1);
    expect(maxViolation(p, everyItem)).toBeGreaterThan(0);
    const result = branchAndBound(p, unlimited(evenly(p)), { initial: everyItem });
    if (result.status !== "solution") throw new Error(result.status);
    expect(result.objective).toBeCloseTo(optimum.objective, 6);
    expect(Math.floor(result.bound + 1e-6)).toBe(Math.round(result.objective));
  });

  it("gives the same answer on every run", () => {
    const p = multiKnapsack(11, 16, 3);
    expect(branchAndBound(p, unlimited(evenly(p)))).toEqual(branchAndBound(p, unlimited(evenly(p))));
  });

  it.each([
    ["at the root", undefined],
    ["at every node", { window: 20, nodes: Infinity }],
  ])("agrees with HiGHS's own search on the class models of 120 random scenarios, branching first as the pipeline does, with cuts %s", (_, nodeCuts) => {
    for (let seed = 1; seed <= 120; seed++) {
      const s = randomScenario(seed);
      const model = buildModel(s, { policy: solvePolicy(s, {}) });
      const p = withCoverRows(model);
      const result = branchAndBound(p, { ...unlimited(branchingPriority(model)), nodeCuts });
      const reference = highs(p, exact, NO_HOOKS);
      expect(result.status, `seed ${seed}`).toBe(reference.status);
      if (result.status !== "solution" || reference.status !== "solution") continue;
      expect(result.objective, `seed ${seed}`).toBeCloseTo(reference.objective, 6);
      // The root's cuts are eased by 1e-9 of their right-hand side, so the bound may stand that much above.
      expect(result.bound - result.objective, `seed ${seed}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(result.objective)));
      expect(result.bound, `seed ${seed}`).toBeGreaterThanOrEqual(result.objective);
      expect(maxViolation(p, result.values), `seed ${seed}`).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe("the pipeline on generated 2,000-employee models", () => {
  const generated = (seed: number): Scenario => parseScenario(generateScenario({ seed, employees: 2000, waves: 3 }));

  // Seeds 6 and 8 took HiGHS's own searches 5 and 2.4 s (the neighbourhood's search was slow to find
  // their optima); branching first on the households of each size proves them in under a hundred nodes.
  // Seeds 12 and 13 are proven by the same branching only over the program cut down by the root's cuts.
  // Seed 21, where branching alone found no plan in 100 nodes, is proven once Gomory cuts at its root
  // have brought the LP bound down; seed 16 by the branch-and-bound with cuts at every node.
  it.each([
    [6, 1_008_120],
    [8, 1_002_824],
    [12, 1_007_335],
    [13, 1_007_308],
    [16, 1_007_711],
    [21, 1_010_529],
  ])("proves seed %i optimal at %i", async (seed, optimum) => {
    const plan = await solveScenario(generated(seed), { solver: "highs" });
    expect(plan).toMatchObject({ status: "optimal", objective: optimum, bound: optimum });
  }, 60_000);
});

import { readFileSync } from "node:fs";
import jslpModule from "javascript-lp-solver";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { maxViolation, type Column, type IntegerProgram } from "../src/model/program.js";
import { NoPlanError, solveScenario } from "../src/pipeline/solve.js";
import { checkPlan } from "../src/plan/check.js";
import { defaultExport } from "../src/solvers/interop.js";
import { readAnswer, toJslpModel } from "../src/solvers/jslp.js";
import { runBackend } from "../src/solvers/run.js";

// javascript-lp-solver may hand back a relaxation, or a point that breaks a row, as if it were a
// solved integer program, and its timeout ends the search without saying so. The adapter must
// refuse such answers and call a result optimal only after a search that ran to its end.

const binary = (name: string, cost: number): Column => ({ name, lower: 0, upper: 1, integer: true, cost });

/** max x + y subject to x + y ≤ 1.5, both binary: LP optimum 1.5 at a fractional point, integer optimum 1. */
const pair: IntegerProgram = {
  columns: [binary("x", 1), binary("y", 1)],
  rows: [{ name: "r", label: "x + y ≤ 1.5", lower: -Infinity, upper: 1.5, terms: new Map([[0, 1], [1, 1]]) }],
  offset: 0,
};

describe("readAnswer refuses what javascript-lp-solver should not have returned", () => {
  it("a fractional answer reported as feasible is stopped, with the reason", () => {
    const r = readAnswer(pair, { feasible: true, result: 1.5, bounded: true, c0: 1, c1: 0.5 }, true, 1.5);
    expect(r.status).toBe("stopped");
    if (r.status === "stopped") {
      expect(r.reason).toMatch(/non-integral|infeasible/);
      expect(r.bound).toBe(1.5);
    }
  });

  it("an integral answer that breaks a row is stopped, with the reason", () => {
    const r = readAnswer(pair, { feasible: true, result: 2, bounded: true, c0: 1, c1: 1 }, true, 1.5);
    expect(r.status).toBe("stopped");
    if (r.status === "stopped") expect(r.reason).toMatch(/violation/);
  });

  it("an answer outside a column's bounds is stopped", () => {
    const r = readAnswer(pair, { feasible: true, result: 2, bounded: true, c0: 2, c1: 0 }, true, 1.5);
    expect(r.status).toBe("stopped");
  });

  it("no integer solution at the time limit is not infeasibility", () => {
    expect(readAnswer(pair, { feasible: false, result: 0 }, false, 1.5).status).toBe("stopped");
    expect(readAnswer(pair, { feasible: false, result: 0 }, true, 1.5).status).toBe("infeasible");
  });

  it("a valid answer from a search cut short keeps the LP bound, so it cannot pass as optimal", () => {
    const r = readAnswer(pair, { feasible: true, result: 1, bounded: true, c0: 1 }, false, 1.5);
    expect(r).toEqual({ status: "solution", values: [1, 0], objective: 1, bound: 1.5 });
  });

  it("a valid answer from a search that ran to its end is proven", () => {
    const r = readAnswer(pair, { feasible: true, result: 1, bounded: true, c1: 1 }, true, 1.5);
    expect(r).toEqual({ status: "solution", values: [0, 1], objective: 1, bound: 1 });
  });

  it("the real solver's answer on the model the adapter writes is read back as the integer optimum", () => {
    const solver = defaultExport<{ Solve(model: object): Record<string, unknown> }>(jslpModule);
    const r = readAnswer(pair, solver.Solve(toJslpModel(pair, true)), true, 1.5);
    expect(r.status).toBe("solution");
    if (r.status === "solution") expect(r.objective).toBe(1);
  });
});

/** A 0/1 knapsack with nearly equal value/weight ratios: easy to state, slow to prove by branch and bound. */
function knapsack(n: number) {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const weights = Array.from({ length: n }, () => 1000 + Math.floor(rand() * 1000));
  const values = weights.map((w) => w + Math.floor(rand() * 10));
  const capacity = Math.floor(weights.reduce((a, b) => a + b, 0) / 2) + 1;
  const program: IntegerProgram = {
    columns: values.map((v, i) => binary(`k${i}`, v)),
    rows: [{ name: "cap", label: "capacity", lower: -Infinity, upper: capacity, terms: new Map(weights.map((w, i) => [i, w])) }],
    offset: 0,
  };
  // Its optimum by dynamic programming over the capacity.
  const best = new Float64Array(capacity + 1);
  weights.forEach((w, i) => {
    for (let c = capacity; c >= w; c--) best[c] = Math.max(best[c], best[c - w] + values[i]);
  });
  return { program, optimum: best[capacity] };
}

describe("a time-limited jslp run never reports an unproven result as optimal", () => {
  it("a knapsack it cannot prove in 300 ms: stopped, or a valid solution whose bound stays above it", async () => {
    const { program, optimum } = knapsack(60);
    const r = await runBackend("jslp", program, { gap: 1e-6, seed: 0, timeLimitMs: 300 });
    if (r.status === "stopped") {
      expect(r.reason).toMatch(/jslp/);
      return;
    }
    expect(r.status).toBe("solution");
    if (r.status !== "solution") return;
    expect(maxViolation(program, r.values)).toBeLessThanOrEqual(1e-6);
    expect(r.objective).toBeLessThanOrEqual(optimum);
    expect(r.bound).toBeGreaterThanOrEqual(optimum);
    // Proven would mean the bound met the objective; then the objective has to be the optimum.
    if (r.bound - r.objective <= 1e-6 * Math.abs(optimum)) expect(r.objective).toBe(optimum);
    else expect(r.bound).toBeGreaterThan(r.objective);
  });

  const c4 = parseScenario(JSON.parse(readFileSync(new URL("../fixtures/conformance/c4-varied-units.json", import.meta.url), "utf8")));
  const C4_OPTIMUM = 21292;

  /** A plan of c4 is valid and, unless it is the optimum, says `feasible` with a bound above the optimum. */
  function expectHonest(plan: Plan) {
    expect(checkPlan(c4, plan).violations.map((v) => v.message)).toEqual([]);
    if (plan.status === "optimal") expect(plan.objective).toBe(C4_OPTIMUM);
    else {
      expect(plan.status).toBe("feasible");
      expect(plan.objective!).toBeLessThanOrEqual(C4_OPTIMUM);
      expect(plan.bound!).toBeGreaterThanOrEqual(C4_OPTIMUM);
    }
  }

  it("conformance c4 with a one-second limit: no plan, a feasible plan below its optimum, or the optimum itself", async () => {
    let plan;
    try {
      plan = await solveScenario(c4, { solver: "jslp", timeLimitSeconds: 1 });
    } catch (err) {
      expect(err).toBeInstanceOf(NoPlanError);
      return;
    }
    expectHonest(plan);
  });

  it("conformance c4 with a ten-second limit: a plan, since the search dives to an integer plan first (within 2 s here)", async () => {
    const plan = await solveScenario(c4, { solver: "jslp", timeLimitSeconds: 10 });
    expectHonest(plan);
    expect(plan.solver.name).toBe("jslp");
  });
});

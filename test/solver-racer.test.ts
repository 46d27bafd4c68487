import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan, type Scenario } from "../src/domain/index.js";
import { objectiveOf } from "../src/model/program.js";
import { generateScenario } from "../src/generate/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { firstWithinGapOfOptimum } from "../src/solvers/bound.js";
import { Racer } from "../src/solvers/racer.js";
import type { BackendResult } from "../src/solvers/types.js";
import { hardKnapsack, multiKnapsack } from "./support/multi-knapsack.js";

// Mid-size models are raced by plain HiGHS on a second thread (src/solvers/racer.ts, `race` in
// src/pipeline/warm-start.ts). The two never wait for each other, yet the answer must not depend on
// which thread ran faster: it is the first of a fixed list of plans within the gap of the optimum.

describe("the first of a fixed list of plans within the gap of the optimum", () => {
  const integral = (objectives: number[], bound: number, best: number, gap = 0) => firstWithinGapOfOptimum(objectives, { bound, best }, "integral", gap);

  it("is the first plan a bound proves, rounded down for an integral objective", () => {
    expect(integral([100, 90, 100], 100.4, 100)).toBe(0);
  });

  it("passes over plans a better plan shows to be outside the gap", () => {
    expect(integral([99, 95, 100, 100], 100, 100)).toBe(2);
  });

  it("is not known while a plan may be within the gap but is not proven to be", () => {
    // The optimum is 99 or 100: the first plan is optimal or not, and neither the bound nor the best plan tells.
    expect(integral([99, 100], 100.5, 99)).toBeUndefined();
    expect(integral([99, 100], 100.5, 100)).toBe(1);
    expect(integral([99, 100], 99.9, 100)).toBe(0);
  });

  it("takes the gap as the measure of within", () => {
    expect(integral([99, 100], 100, 100, 0.02)).toBe(0);
    expect(integral([99, 100], 100, 100, 0.01)).toBe(1);
    expect(firstWithinGapOfOptimum([99.5, 100], { bound: 100.05, best: 100 }, "real", 0.001)).toBe(1);
    expect(firstWithinGapOfOptimum([99.95, 100], { bound: 100.02, best: 100 }, "real", 0.001)).toBe(0);
  });

  it("ignores the rounding noise of an integral objective computed in floating point", () => {
    expect(integral([1_009_025.999_999_999_5], 1_009_026.3, 1_009_026)).toBe(0);
  });
});

describe("the racer, plain HiGHS told nothing", () => {
  it("reports every plan it finds in order, each better than the last, the last its proven answer", async () => {
    const program = multiKnapsack(7, 60, 5);
    const bounds: number[] = [];
    let end: BackendResult | undefined;
    const racer = new Racer(program, { gap: 0, seed: 0 });
    racer.tell({ onPlan: () => {}, onBound: (b) => bounds.push(b), onEnd: (r) => (end = r) });
    racer.start();
    await racer.ended;
    expect(end?.status).toBe("solution");
    if (end?.status !== "solution") return;
    const objectives = racer.plans.map((plan) => objectiveOf(program, plan.values));
    expect(objectives.length).toBeGreaterThan(1);
    for (let i = 1; i < objectives.length; i++) expect(objectives[i]).toBeGreaterThanOrEqual(objectives[i - 1]);
    expect(objectives.at(-1)).toBe(end.objective);
    expect(Math.min(...bounds)).toBeLessThan(end.objective + 1);
    expect(racer.failed).toBe(false);
  });

  it("tells a listener who comes after it has ended everything it missed: its plans in order, its smallest bound, its end", async () => {
    const program = multiKnapsack(7, 60, 5);
    const live = { plans: [] as number[][], bounds: [] as number[], end: undefined as BackendResult | undefined };
    const racer = new Racer(program, { gap: 0, seed: 0 });
    racer.tell({ onPlan: (v) => live.plans.push(v), onBound: (b) => live.bounds.push(b), onEnd: (r) => (live.end = r) });
    racer.start();
    await racer.ended;
    const late = { plans: [] as number[][], bounds: [] as number[], end: undefined as BackendResult | undefined };
    racer.tell({ onPlan: (v) => late.plans.push(v), onBound: (b) => late.bounds.push(b), onEnd: (r) => (late.end = r) });
    expect(late.plans).toEqual(live.plans);
    expect(late.bounds).toEqual([Math.min(...live.bounds)]);
    expect(late.end).toEqual(live.end);
  });

  it("once abandoned, ends at once without waiting for HiGHS to stop", async () => {
    const program = hardKnapsack();
    let end: BackendResult | undefined;
    const racer = new Racer(program, { gap: 0, seed: 0 });
    racer.tell({ onPlan: () => {}, onBound: () => {}, onEnd: (r) => (end = r) });
    racer.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    racer.abandon();
    await racer.ended;
    expect(end).toMatchObject({ status: "stopped", reason: "highs was abandoned" });
  });

  it("abandoned before it started, ends at once and never starts", async () => {
    let end: BackendResult | undefined;
    const racer = new Racer(hardKnapsack(), { gap: 0, seed: 0 });
    racer.tell({ onPlan: () => {}, onBound: () => {}, onEnd: (r) => (end = r) });
    racer.abandon();
    racer.start();
    await racer.ended;
    expect(end).toMatchObject({ status: "stopped" });
    expect(racer.plans).toEqual([]);
  });

  it("finds the same plans in the same order on every run", async () => {
    const program = multiKnapsack(11, 60, 5);
    const run = async () => {
      const racer = new Racer(program, { gap: 0, seed: 0 });
      racer.start();
      await racer.ended;
      return racer.plans;
    };
    expect(await run()).toEqual(await run());
  });
});

/** The plan as bytes, without the wall-clock times that legitimately differ between runs. */
function bytesWithoutTimes(plan: Plan): string {
  const { timeMs: _t, phasesMs: _p, ...solver } = plan.solver;
  return JSON.stringify({ ...plan, solver });
}

/** A thread that keeps one core busy, so that the solver's two threads are scheduled differently. */
function busyCore(): Worker {
  return new Worker("for (;;) {}", { eval: true });
}

/** Solves with a core free, then with a core taken: both proven at `optimum`, in the same bytes. */
async function expectOptimalAlikeWithCoreTaken(scenario: Scenario, optimum: number): Promise<void> {
  const quiet = await solveScenario(scenario, { solver: "highs" });
  const busy = busyCore();
  try {
    const loaded = await solveScenario(scenario, { solver: "highs" });
    expect(quiet.status).toBe("optimal");
    expect(quiet.objective).toBe(optimum);
    expect(bytesWithoutTimes(loaded)).toBe(bytesWithoutTimes(quiet));
  } finally {
    await busy.terminate();
  }
}

describe("conformance c8 (400 employees), raced since its first plan is far from the LP bound, where the racer finds the optimum long before the stages do", () => {
  const c8 = parseScenario(JSON.parse(readFileSync(new URL("../fixtures/conformance/c8-defaults.json", import.meta.url), "utf8")));

  it("is proven optimal with the same plan, byte for byte, with a core free and with a core taken", async () => {
    await expectOptimalAlikeWithCoreTaken(c8, 706_870);
  }, 120_000);
});

describe("generated seed 4 (2,000 employees), never raced: proven by the branch-and-bound of stage 2a", () => {
  const seed4 = parseScenario(generateScenario({ seed: 4, employees: 2000, waves: 3 }));

  it("is proven optimal with the same plan, byte for byte, with a core free and with a core taken", async () => {
    await expectOptimalAlikeWithCoreTaken(seed4, 1_002_368);
  }, 120_000);
});

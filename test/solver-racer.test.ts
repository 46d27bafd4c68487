import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import highsModule, { type Highs } from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { restrictColumns, type IntegerProgram } from "../src/model/program.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { highsBackend } from "../src/solvers/highs.js";
import { defaultExport } from "../src/solvers/interop.js";
import { PartnerLink, partnerBuffer } from "../src/solvers/partner.js";
import type { BackendHooks, BackendOptions, BackendSolve } from "../src/solvers/types.js";
import { multiKnapsack } from "./support/multi-knapsack.js";

// Mid-size models are raced by plain HiGHS on a second thread, the partner of the staged warm start
// across its stages (src/solvers/racer.ts). The racer may find and prove the plan first, yet the
// answer must not depend on which thread ran faster.

const options: BackendOptions = { gap: 1e-6, seed: 0 };
const never = () => false;
const hooks: BackendHooks = { shouldStop: never, onProgress: () => {}, onIncumbent: () => {} };

describe("PartnerLink, for a racer that may fail", () => {
  it("tells a waiting partner that this side left without an answer", () => {
    const buffer = partnerBuffer();
    new PartnerLink(buffer, 1).leave();
    expect(new PartnerLink(buffer, 0).partnerAt(1, never)).toBe("left");
  });

  it("keeps the first final state of a side that is told twice it has finished", () => {
    const buffer = partnerBuffer();
    const a = new PartnerLink(buffer, 0);
    a.finish({ objective: 15, bound: 16 });
    a.finish({ objective: -Infinity, bound: Infinity });
    a.leave();
    expect(new PartnerLink(buffer, 1).partnerAt(1, never)).toEqual({ state: { objective: 15, bound: 16 }, finished: true });
  });
});

describe("a stage of a staged search with a partner", () => {
  let highs: BackendSolve;
  beforeAll(async () => {
    highs = highsBackend(await defaultExport<() => Promise<Highs>>(highsModule)());
  });

  it("numbers its epochs on from the earlier stages', and leaves saying the side has finished to its caller", () => {
    const buffer = partnerBuffer();
    const stage = { epochsBefore: 3, boundHolds: true };
    const r = highs(multiKnapsack(2, 60, 5), { ...options, partner: { buffer, side: 0, epochIterations: 1e9, stage } }, hooks);
    expect(r.status).toBe("solution");
    if (r.status !== "solution") return;
    expect(r.epochs).toBe(stage.epochsBefore);
    expect(r.endedByPartner).toBeUndefined();
    let polls = 0;
    expect(new PartnerLink(buffer, 1).partnerAt(1, () => ++polls > 1)).toBeUndefined();
  });

  it("goes on alone to the optimum when its partner has left", () => {
    const program = multiKnapsack(4, 60, 5);
    const alone = highs(program, { ...options, gap: 0 }, hooks);
    const buffer = partnerBuffer();
    new PartnerLink(buffer, 1).leave();
    const r = highs(program, { ...options, gap: 0, partner: { buffer, side: 0, epochIterations: 50, stage: { epochsBefore: 0, boundHolds: true } } }, hooks);
    expect(r.status).toBe("solution");
    expect(alone.status).toBe("solution");
    if (r.status !== "solution" || alone.status !== "solution") return;
    expect(r.objective).toBeCloseTo(alone.objective, 6);
    expect(r.endedByPartner).toBeUndefined();
  });
});

describe("a stage whose program is cut down (its own dual bound holds for it alone)", () => {
  let highs: BackendSolve;
  const whole = multiKnapsack(5, 60, 5);
  // Every other item removed: the cut-down optimum is far below the whole program's.
  const cut = restrictColumns(whole, (j) => j % 2 === 0).program;
  let wholeOptimum: number;
  let cutOptimum: number;
  beforeAll(async () => {
    highs = highsBackend(await defaultExport<() => Promise<Highs>>(highsModule)());
    const optimum = (p: IntegerProgram) => {
      const r = highs(p, { ...options, gap: 0 }, hooks);
      if (r.status !== "solution") throw new Error("no solution");
      return Math.round(r.objective);
    };
    wholeOptimum = optimum(whole);
    cutOptimum = optimum(cut);
  });

  /** The cut-down search, its partner having published the whole optimum's plan with a bound that does not prove it. */
  const besidePartner = (boundHolds: boolean) => {
    const buffer = partnerBuffer();
    const partner = new PartnerLink(buffer, 1);
    for (let epoch = 1; epoch <= 200; epoch++) partner.publish(epoch, { objective: wholeOptimum, bound: wholeOptimum + 50 });
    return highs(cut, { ...options, gap: 0, partner: { buffer, side: 0, epochIterations: 5, stage: { epochsBefore: 0, boundHolds } } }, hooks);
  };

  it("never takes its own bound as proof of the partner's plan", () => {
    expect(cutOptimum).toBeLessThan(wholeOptimum - 50);
    const r = besidePartner(false);
    expect(r.status).toBe("solution");
    if (r.status !== "solution") return;
    expect(r.endedByPartner).toBeUndefined();
    expect(Math.round(r.objective)).toBe(cutOptimum);
  });

  it("(where its bound did hold, the same exchange would prove the partner's plan and end it)", () => {
    const r = besidePartner(true);
    expect(r.status === "solution" && r.endedByPartner).toBe(true);
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

describe("conformance c8 (400 employees), where the racer finds the optimum long before the stages do", () => {
  const c8 = parseScenario(JSON.parse(readFileSync(new URL("../fixtures/conformance/c8-defaults.json", import.meta.url), "utf8")));

  it("is proven optimal with the same plan, byte for byte, with a core free and with a core taken", async () => {
    const quiet = await solveScenario(c8, { solver: "highs" });
    const busy = busyCore();
    try {
      const loaded = await solveScenario(c8, { solver: "highs" });
      expect(quiet.status).toBe("optimal");
      expect(quiet.objective).toBe(706_870);
      expect(bytesWithoutTimes(loaded)).toBe(bytesWithoutTimes(quiet));
    } finally {
      await busy.terminate();
    }
  }, 120_000);
});

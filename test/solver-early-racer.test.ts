import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { relaxation } from "../src/model/program.js";
import { EarlyRacer } from "../src/pipeline/warm-start.js";
import type { Racer } from "../src/solvers/racer.js";
import { runBackend } from "../src/solvers/run.js";
import type { BackendResult } from "../src/solvers/types.js";
import { hardKnapsack } from "./support/multi-knapsack.js";

// The racer may start before the neighbourhood search has ended, while it is not yet known whether
// the model is raced (`EarlyRacer` in src/pipeline/warm-start.ts): after a delay, if the
// neighbourhood's plan is still far from the LP bound. It is handed over with what it found when
// the model is raced, and abandoned when it is not.

const program = hardKnapsack();
const options = { gap: 0, seed: 0 };
const DELAY_MS = 200;
const pastTheDelay = () => new Promise((resolve) => setTimeout(resolve, DELAY_MS + 800));
/** Waits until `count` is positive: on a loaded machine the racer's first plan may come after the pause. */
const untilSome = (count: () => number) => vi.waitFor(() => expect(count()).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
let lpBound = 0;
let left: Racer | undefined;

afterEach(async () => {
  left?.abandon();
  await left?.ended;
  left = undefined;
});

describe("the early racer", () => {
  beforeAll(async () => {
    const lp = await runBackend("highs", relaxation(program), options);
    if (lp.status !== "solution") throw new Error(`the knapsack's LP has an optimum, not ${lp.status}`);
    lpBound = lp.objective;
  });

  it("starts after the delay while the neighbourhood's plan is far, and is handed over with what it found", async () => {
    const early = new EarlyRacer(program, lpBound, options, DELAY_MS);
    early.neighbourhoodPlan(lpBound * 0.9);
    await pastTheDelay();
    left = early.settle(true);
    const told: number[][] = [];
    left?.tell({ onPlan: (v) => told.push(v), onBound: () => {}, onEnd: () => {} });
    await untilSome(() => told.length);
    expect(told).toEqual(left?.plans.map((p) => p.values));
  });

  it("never starts once the neighbourhood's plan is near the LP bound, nor without a delay", async () => {
    const near = new EarlyRacer(program, lpBound, options, DELAY_MS);
    near.neighbourhoodPlan(lpBound * (1 - 1e-5));
    const undelayed = new EarlyRacer(program, lpBound, options, undefined);
    await pastTheDelay();
    // A racer that had started would have found plans of the knapsack by now.
    left = near.settle(true);
    expect(left?.plans).toEqual([]);
    left?.abandon();
    left = undelayed.settle(true);
    expect(left?.plans).toEqual([]);
  });

  it("is abandoned, its thread ended at once, when the model is not raced after all", async () => {
    const early = new EarlyRacer(program, lpBound, options, DELAY_MS);
    await pastTheDelay();
    const results: (BackendResult | undefined)[] = [];
    const racer = early.settle(true);
    await untilSome(() => racer?.plans.length ?? 0);
    racer?.tell({ onPlan: () => {}, onBound: () => {}, onEnd: (r) => results.push(r) });
    expect(early.settle(false)).toBeUndefined();
    await racer?.ended;
    expect(results).toEqual([expect.objectContaining({ status: "stopped", reason: "highs was abandoned" })]);
  });
});

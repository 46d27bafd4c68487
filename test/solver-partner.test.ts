import { beforeAll, describe, expect, it } from "vitest";
import { objectiveKind, provenWithin } from "../src/solvers/bound.js";
import { PartnerLink, partnerBuffer } from "../src/solvers/partner.js";
import { runSearchPair } from "../src/solvers/run.js";
import type { BackendHooks, BackendOptions, BackendSolve } from "../src/solvers/types.js";
import { multiKnapsack } from "./support/multi-knapsack.js";
import { loadHighsBackend } from "./support/highs-backend.js";

// The last warm-start stage runs two HiGHS searches on two threads that exchange objectives and
// bounds at fixed amounts of work. Their answer must not depend on how the threads are scheduled.

const options: BackendOptions = { gap: 1e-6, seed: 0 };
const never = () => false;

describe("PartnerLink", () => {
  it("hands over the partner's state of the same epoch, even after the partner has gone one further", () => {
    const buffer = partnerBuffer();
    const [a, b] = [new PartnerLink(buffer, 0), new PartnerLink(buffer, 1)];
    a.publish(1, { objective: 10, bound: 20 });
    a.publish(2, { objective: 12, bound: 18 });
    expect(b.partnerAt(1, never)).toEqual({ state: { objective: 10, bound: 20 }, finished: false });
    expect(b.partnerAt(2, never)).toEqual({ state: { objective: 12, bound: 18 }, finished: false });
  });

  it("answers with the final state once the partner has finished before the epoch", () => {
    const buffer = partnerBuffer();
    const [a, b] = [new PartnerLink(buffer, 0), new PartnerLink(buffer, 1)];
    a.publish(1, { objective: 10, bound: 20 });
    a.finish({ objective: 15, bound: 15 });
    expect(b.partnerAt(1, never)).toEqual({ state: { objective: 10, bound: 20 }, finished: false });
    expect(b.partnerAt(2, never)).toEqual({ state: { objective: 15, bound: 15 }, finished: true });
  });

  it("gives up waiting when asked to stop", () => {
    const b = new PartnerLink(partnerBuffer(), 1);
    let polls = 0;
    expect(b.partnerAt(1, () => ++polls > 2)).toBeUndefined();
    expect(polls).toBe(3);
  });
});

describe("a pair of HiGHS searches", () => {
  const program = multiKnapsack(3, 80, 6);
  let optimum: number;
  beforeAll(async () => {
    const solo = await loadHighsBackend();
    const exact = solo(program, { ...options, gap: 0 }, { shouldStop: never, onProgress: () => {}, onIncumbent: () => {} });
    if (exact.status !== "solution") throw new Error("the knapsack has no solution");
    optimum = Math.round(exact.objective);
  });

  const solvePair = () => runSearchPair(program, options, 100);

  it("reaches the optimum, every result it answers proven by the shared bound, and answers the same on every run", async () => {
    const runs = [await solvePair(), await solvePair(), await solvePair()];
    for (const pair of runs) {
      const objectives = pair.map((r) => (r.status === "solution" ? r.objective : -Infinity));
      expect(Math.round(Math.max(...objectives))).toBe(optimum);
      for (const r of pair) {
        expect(r.status).toBe("solution");
        if (r.status === "solution") expect(provenWithin(optimum, r.bound, objectiveKind(program), options.gap)).toBe(true);
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  }, 60_000);
});

describe("HiGHS progress", () => {
  let highs: BackendSolve;
  beforeAll(async () => {
    highs = await loadHighsBackend();
  });

  it("reports incumbent and bound during branch and bound, the bound never below the final plan", () => {
    const reports: { incumbent?: number; bound?: number }[] = [];
    const hooks: BackendHooks = { shouldStop: never, onProgress: (p) => reports.push(p), onIncumbent: () => {} };
    const r = highs(multiKnapsack(1, 80, 6), options, hooks);
    expect(r.status).toBe("solution");
    if (r.status !== "solution") return;
    const full = reports.filter((p) => p.incumbent !== undefined && p.bound !== undefined);
    expect(full.length).toBeGreaterThan(0);
    for (const p of full) {
      expect(p.incumbent!).toBeLessThanOrEqual(r.objective + 1e-6);
      expect(p.bound!).toBeGreaterThanOrEqual(r.objective - 1e-6);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { IntegerProgram } from "../src/model/program.js";
import { searchMayStop } from "../src/solvers/highs.js";
import type { BackendOptions, BackendSolve } from "../src/solvers/types.js";
import { multiKnapsack } from "./support/multi-knapsack.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// Later stages of the warm start hand HiGHS a bound proven before it started (`knownBound`): the
// search may stop as soon as its incumbent is proven by that bound, and never earlier.

const options: BackendOptions = { gap: 1e-6, seed: 0 };
const integral: IntegerProgram = { columns: [], rows: [], offset: 0, integralObjective: true };
const real: IntegerProgram = { ...integral, integralObjective: false };

describe("searchMayStop", () => {
  it("never stops without an incumbent", () => {
    expect(searchMayStop(integral, { ...options, knownBound: 10 }, undefined, 10)).toBe(false);
  });

  it("rounds a bound down for an integral objective, not for a real one", () => {
    expect(searchMayStop(integral, { ...options, knownBound: 100.9 }, 100, undefined)).toBe(true);
    expect(searchMayStop(real, { ...options, knownBound: 100.9 }, 100, undefined)).toBe(false);
    expect(searchMayStop(integral, { ...options, knownBound: 101 }, 100, undefined)).toBe(false);
  });

  it("takes the smaller of the known bound and HiGHS's own", () => {
    expect(searchMayStop(integral, { ...options, knownBound: 120 }, 100, 100.5)).toBe(true);
    expect(searchMayStop(integral, { ...options, knownBound: 100.5 }, 100, 120)).toBe(true);
    expect(searchMayStop(integral, options, 100, 120)).toBe(false);
  });

  it("stops within the relative gap, whatever HiGHS's own bound", () => {
    expect(searchMayStop(real, { ...options, gap: 1e-3, knownBound: 1000.5 }, 1000, undefined)).toBe(true);
    expect(searchMayStop(real, { ...options, gap: 1e-4, knownBound: 1000.5 }, 1000, undefined)).toBe(false);
    expect(searchMayStop(real, { ...options, knownBound: 1000 }, 1000, 2000)).toBe(true);
  });
});

describe("HiGHS with a known bound", () => {
  let highs: BackendSolve;
  beforeAll(async () => {
    highs = await loadHighsBackend();
  });

  it.each([1, 2, 3, 4, 5])("still reaches the optimum from a poor start, heuristics off (seed %i)", (seed) => {
    const p = multiKnapsack(seed);
    const exact = highs(p, { ...options, gap: 0 }, NO_HOOKS);
    expect(exact.status).toBe("solution");
    if (exact.status !== "solution") return;
    const optimum = Math.round(exact.objective);
    const empty = p.columns.map(() => 0);
    const r = highs(p, { ...options, knownBound: optimum + 0.5, initial: empty, heuristics: false }, NO_HOOKS);
    expect(r.status === "solution" && Math.round(r.objective)).toBe(optimum);
  });
});

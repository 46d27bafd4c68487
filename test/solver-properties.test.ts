import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScenarioIndex, scenarioPolicy, validateScenario, type Plan, type Scenario } from "../src/domain/index.js";
import { buildModel } from "../src/model/build.js";
import { disaggregate } from "../src/model/disaggregate.js";
import { maxViolation, objectiveOf, relaxation } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import { explainUnplaceable } from "../src/pipeline/explain.js";
import { greedySolution, objectiveCeiling } from "../src/pipeline/fallback.js";
import { NoPlanError, pinViolations, solveScenario } from "../src/pipeline/solve.js";
import { checkPlan } from "../src/plan/check.js";
import { provenBound } from "../src/solvers/bound.js";
import { jslpBackend } from "../src/solvers/jslp.js";
import type { BackendResult, BackendSolve } from "../src/solvers/types.js";
import { buildPerEmployeeModel, perEmployeeSize, solvePerEmployee, type ReferenceResult } from "./support/per-employee-model.js";
import { objectiveTolerance, sameObjective } from "./support/objectives.js";
import { randomScenario, randomScenarioInput, type RandomSize } from "./support/random-scenarios.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// Random tiny scenarios against the literal per-employee model of test/support. Two layers:
//  - every scenario goes through the class model, both backends called on this thread, the
//    disaggregation and the checker (the pipeline's pieces: a solver thread costs about a second to
//    start from sources, so 2 × 240 full pipeline runs would take minutes);
//  - the first E2E_SCENARIOS go through solveScenario itself with each backend, warm start,
//    explanations and all.

const SCENARIOS = 240;
const E2E_SCENARIOS = 8;
const JSLP_LIMIT_MS = 5000;

const seeds = Array.from({ length: SCENARIOS }, (_, i) => i + 1);

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

/** The scenario as JSON, for a failure message that reproduces it. */
const repro = (seed: number, size?: RandomSize) => `seed ${seed}: ${JSON.stringify(randomScenarioInput(seed, size))}`;

/** Pins that break constraints 2-7 by themselves (the pipeline answers infeasible before modelling). */
const pinsBreakRules = (s: Scenario) => pinViolations(s, scenarioPolicy(s)).length > 0;

type ClassOutcome = { kind: "infeasible" } | { kind: "stopped"; reason: string } | { kind: "plan"; result: Extract<BackendResult, { status: "solution" }>; plan: Plan };

/** The class model solved by `backend` on this thread, its counts disaggregated into a plan. */
function solveClassModel(s: Scenario, backend: BackendSolve, timeLimitMs?: number): ClassOutcome {
  if (pinsBreakRules(s)) return { kind: "infeasible" };
  const policy = scenarioPolicy(s);
  const model = buildModel(s, { policy });
  if (explainUnplaceable(model)) return { kind: "infeasible" };
  const result = backend(model.program, { gap: 1e-9, seed: 0, timeLimitMs }, NO_HOOKS);
  if (result.status === "infeasible") return { kind: "infeasible" };
  if (result.status === "stopped") return { kind: "stopped", reason: result.reason };
  const { placements, unplaced } = disaggregate(s, model, result.values);
  const plan: Plan = {
    scenarioId: s.id,
    status: "feasible",
    objective: result.objective,
    bound: Math.max(provenBound(result.bound, model.program.integralObjective ? "integral" : "real"), result.objective),
    solver: { name: "in-process", timeMs: 0 },
    placements,
    unplaced,
  };
  return { kind: "plan", result, plan };
}

const refs = new Map<number, ReferenceResult>();
async function reference(seed: number): Promise<ReferenceResult> {
  let r = refs.get(seed);
  if (!r) {
    r = await solvePerEmployee(randomScenario(seed));
    refs.set(seed, r);
  }
  return r;
}

describe("the random scenario generator", () => {
  it("produces valid input for every seed, with every kind of answer among the first ones", async () => {
    for (let seed = 1; seed <= 500; seed++) {
      const v = validateScenario(randomScenarioInput(seed));
      expect(v.ok, repro(seed)).toBe(true);
    }
    const kinds = new Set<string>();
    for (const seed of seeds.slice(0, 60)) {
      const s = randomScenario(seed);
      const r = await reference(seed);
      kinds.add(r.status);
      if (s.pinned.length > 0) kinds.add("pinned");
      if (s.policy?.sharing === false) kinds.add("no sharing");
    }
    expect([...kinds].sort()).toEqual(["infeasible", "no sharing", "optimal", "pinned"]);
  });
});

describe("the per-employee model", () => {
  it("counts its size without building it exactly as it builds it (the benchmark counts the large ones)", () => {
    for (const seed of seeds) {
      const s = randomScenario(seed);
      expect(perEmployeeSize(s), repro(seed)).toEqual(buildPerEmployeeModel(s).size);
    }
  });
});

describe(`${SCENARIOS} random scenarios: class model (both backends, this thread) = per-employee model`, () => {
  const tally = { feasible: 0, infeasible: 0, jslpProved: 0, jslpUnproved: 0 };

  it.each(seeds)("seed %i", async (seed) => {
    const s = randomScenario(seed);
    const ref = await reference(seed);
    expect(["optimal", "infeasible"], repro(seed)).toContain(ref.status);
    tally[ref.status === "infeasible" ? "infeasible" : "feasible"]++;

    const byJslp = solveClassModel(s, jslpBackend, JSLP_LIMIT_MS);
    if (byJslp.kind === "infeasible") {
      expect(ref.status, `jslp says infeasible\n${repro(seed)}`).toBe("infeasible");
    } else if (byJslp.kind === "stopped") {
      tally.jslpUnproved++;
    } else {
      expect(ref.status, `jslp found a plan\n${repro(seed)}`).toBe("optimal");
      const check = checkPlan(s, byJslp.plan, scenarioPolicy(s));
      expect(check.violations.map((v) => v.message), repro(seed)).toEqual([]);
      expect(check.objective, repro(seed)).toBeLessThanOrEqual(ref.objective! + objectiveTolerance(ref.objective!));
      const proved = sameObjective(byJslp.plan.bound!, byJslp.result.objective);
      if (proved) {
        tally.jslpProved++;
        expect(sameObjective(check.objective, ref.objective!), `jslp claims ${check.objective}, the optimum is ${ref.objective}\n${repro(seed)}`).toBe(true);
      } else {
        tally.jslpUnproved++;
        expect(byJslp.plan.bound!, repro(seed)).toBeGreaterThanOrEqual(ref.objective! - objectiveTolerance(ref.objective!));
      }
    }

    const byHighs = solveClassModel(s, highs);
    if (ref.status === "infeasible") {
      expect(byHighs.kind, repro(seed)).toBe("infeasible");
    } else {
      if (byHighs.kind !== "plan") throw new Error(`highs: ${byHighs.kind === "stopped" ? byHighs.reason : "infeasible"}; the reference has ${ref.objective}\n${repro(seed)}`);
      const check = checkPlan(s, byHighs.plan, scenarioPolicy(s));
      expect(check.violations.map((v) => v.message), repro(seed)).toEqual([]);
      // The model's objective is the plan's, the plan is optimal, and its bound is proven.
      expect(sameObjective(byHighs.result.objective, check.objective), `model ${byHighs.result.objective} vs plan ${check.objective}\n${repro(seed)}`).toBe(true);
      expect(sameObjective(check.objective, ref.objective!), `class ${check.objective} vs per-employee ${ref.objective}\n${repro(seed)}`).toBe(true);
      expect(sameObjective(byHighs.plan.bound!, ref.objective!), `bound ${byHighs.plan.bound} vs optimum ${ref.objective}\n${repro(seed)}`).toBe(true);
    }
  });

  it("LP rounding (the warm start) gives a feasible point no better than the optimum, or none", async () => {
    let rounded = 0;
    for (const seed of seeds) {
      const s = randomScenario(seed);
      const ref = await reference(seed);
      if (ref.status !== "optimal" || pinsBreakRules(s)) continue;
      const model = buildModel(s, { policy: scenarioPolicy(s) });
      if (explainUnplaceable(model) || model.program.columns.length === 0) continue;
      const lp = highs(relaxation(model.program), { gap: 1e-9, seed: 0 }, NO_HOOKS);
      if (lp.status !== "solution") throw new Error(`LP relaxation: ${lp.status}\n${repro(seed)}`);
      expect(lp.objective, repro(seed)).toBeGreaterThanOrEqual(ref.objective! - objectiveTolerance(ref.objective!));
      const start = roundedSolution(model, lp.values);
      if (!start) continue;
      rounded++;
      expect(maxViolation(model.program, start), repro(seed)).toBeLessThanOrEqual(1e-6);
      expect(objectiveOf(model.program, start), repro(seed)).toBeLessThanOrEqual(ref.objective! + objectiveTolerance(ref.objective!));
    }
    expect(rounded).toBeGreaterThan(0);
  });

  it("without a solver: the greedy plan is valid and no better than the optimum, the ceiling no lower", async () => {
    let greedy = 0;
    for (const seed of seeds) {
      const s = randomScenario(seed);
      const ref = await reference(seed);
      if (pinsBreakRules(s)) continue;
      const policy = scenarioPolicy(s);
      const model = buildModel(s, { policy });
      const values = explainUnplaceable(model) ? undefined : greedySolution(model);
      if (ref.status === "infeasible") {
        expect(values, repro(seed)).toBeUndefined();
        continue;
      }
      expect(objectiveCeiling(s, policy), repro(seed)).toBeGreaterThanOrEqual(ref.objective! - objectiveTolerance(ref.objective!));
      if (!values) continue;
      greedy++;
      const { placements, unplaced } = disaggregate(s, model, values);
      const objective = new ScenarioIndex(s).placementsValue(placements, policy);
      const plan: Plan = { scenarioId: s.id, status: "feasible", objective, bound: objective, solver: { name: "greedy", timeMs: 0 }, placements, unplaced };
      const check = checkPlan(s, plan, policy);
      expect(check.violations.map((v) => v.message), repro(seed)).toEqual([]);
      expect(check.objective, repro(seed)).toBeLessThanOrEqual(ref.objective! + objectiveTolerance(ref.objective!));
    }
    expect(greedy).toBeGreaterThan(SCENARIOS / 2);
  });

  afterAll(() => {
    // Visible in the test log: how the sample splits and how often jslp proved its answer.
    console.info(`random scenarios: ${JSON.stringify(tally)}`);
  });

  it("jslp proved optimality on most feasible scenarios", () => {
    expect(tally.feasible + tally.infeasible).toBe(SCENARIOS);
    expect(tally.feasible).toBeGreaterThan(SCENARIOS / 2);
    expect(tally.infeasible).toBeGreaterThan(0);
    expect(tally.jslpProved).toBeGreaterThan(0.9 * tally.feasible);
  });
});

describe(`the first ${E2E_SCENARIOS} random scenarios through solveScenario`, () => {
  it.each(seeds.slice(0, E2E_SCENARIOS))("seed %i: both backends agree with the per-employee model", async (seed) => {
    const s = randomScenario(seed);
    const ref = await reference(seed);
    const byHighs = await solveScenario(s, { solver: "highs" });
    expect(byHighs.status, repro(seed)).toBe(ref.status);
    expect(byHighs.placements.length + byHighs.unplaced.length).toBe(s.employees.length);
    expect(checkPlan(s, byHighs).violations.map((v) => v.message), repro(seed)).toEqual([]);
    if (ref.status === "optimal") expect(sameObjective(byHighs.objective!, ref.objective!), `highs ${byHighs.objective} vs ${ref.objective}\n${repro(seed)}`).toBe(true);

    let byJslp: Plan | undefined;
    try {
      byJslp = await solveScenario(s, { solver: "jslp", timeLimitSeconds: JSLP_LIMIT_MS / 1000 });
    } catch (err) {
      if (!(err instanceof NoPlanError)) throw err;
    }
    if (!byJslp) return; // stopped without a plan: allowed, never a wrong one
    expect(checkPlan(s, byJslp).violations.map((v) => v.message), repro(seed)).toEqual([]);
    if (ref.status === "infeasible") expect(byJslp.status, repro(seed)).toBe("infeasible");
    else if (byJslp.status === "optimal") expect(sameObjective(byJslp.objective!, ref.objective!), `jslp ${byJslp.objective} vs ${ref.objective}\n${repro(seed)}`).toBe(true);
    else expect(byJslp.status, repro(seed)).toBe("feasible");
  });
});

// Larger scenarios reach the pipeline's stages that tiny ones skip (many classes, binding caps and
// seats); `npm run sweep -- --scaled` runs thousands of them.
const LARGER: RandomSize = { maxEmployees: 60, maxUnits: 30, scaleCapacities: true };
const LARGER_SEEDS = Array.from({ length: 12 }, (_, i) => 70001 + i);

describe(`${LARGER_SEEDS.length} random scenarios of up to 60 employees, caps and seats scaled to them, through solveScenario`, () => {
  const statuses: string[] = [];

  it.each(LARGER_SEEDS)("seed %i: HiGHS agrees with the per-employee model", async (seed) => {
    const s = randomScenario(seed, LARGER);
    const ref = await solvePerEmployee(s);
    statuses.push(ref.status);
    const plan = await solveScenario(s, { solver: "highs" });
    expect(plan.status, repro(seed, LARGER)).toBe(ref.status);
    expect(checkPlan(s, plan).violations.map((v) => v.message), repro(seed, LARGER)).toEqual([]);
    if (ref.status === "optimal") expect(sameObjective(plan.objective!, ref.objective!), `highs ${plan.objective} vs ${ref.objective}\n${repro(seed, LARGER)}`).toBe(true);
  });

  it("are mostly feasible, unlike unscaled ones of that size", () => {
    expect(statuses.filter((st) => st === "optimal").length).toBeGreaterThan(LARGER_SEEDS.length / 2);
  });
});

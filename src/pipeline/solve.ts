import {
  ScenarioIndex,
  findPreset,
  policyToInput,
  resolvePolicy,
  scenarioPolicy,
  type Plan,
  type Policy,
  type Scenario,
  type SolverReport,
} from "../domain/index.js";
import { buildModel, type AllocationModel } from "../model/build.js";
import { disaggregate } from "../model/disaggregate.js";
import { programSize, type ProgramSize } from "../model/program.js";
import { checkPlan, type Violation } from "../plan/check.js";
import { objectiveKind, provenBound, relativeGap, statusFromGap } from "../solvers/bound.js";
import { prepareBackend, runBackend } from "../solvers/run.js";
import type { Backend } from "../solvers/types.js";
import { explainConflict, explainUnplaceable } from "./explain.js";
import { greedySolution, objectiveCeiling } from "./fallback.js";
import { solveWithWarmStart } from "./warm-start.js";
import type { Phase, Progress, SolveOptions } from "./types.js";

export const DEFAULT_GAP = 1e-6;

/** A model this small is solved by javascript-lp-solver under `auto`; anything larger by HiGHS. */
export const JSLP_MAX_CELLS = 2500;

/** The options named something that does not exist (an input error, not a fault). */
export class UnknownPresetError extends Error {
  constructor(readonly preset: string) {
    super(`unknown model "${preset}"`);
  }
}

/** The solve ended without any plan to give (time limit without incumbent, solver failure). */
export class NoPlanError extends Error {}

/** A plan failed the independent checker: a bug, never a plan to return. */
export class PlanCheckError extends Error {
  constructor(readonly violations: Violation[]) {
    super(`the plan failed the checker (a bug in the solver pipeline):\n${violations.map((v) => v.message).join("\n")}`);
  }
}

/** The policy a solve uses: MODEL.md's defaults ← the scenario's ← the preset's ← the request's. */
export function solvePolicy(scenario: Scenario, options: Pick<SolveOptions, "model" | "policy">): Policy {
  const preset = options.model === undefined ? undefined : findPreset(options.model);
  if (options.model !== undefined && !preset) throw new UnknownPresetError(options.model);
  return resolvePolicy(scenarioPolicy(scenario), preset?.policy, options.policy);
}

export function chooseBackend(requested: SolveOptions["solver"], size: ProgramSize): Backend {
  if (requested === "highs" || requested === "jslp") return requested;
  return size.columns * Math.max(1, size.rows) <= JSLP_MAX_CELLS ? "jslp" : "highs";
}

function phaseClock(onProgress: SolveOptions["onProgress"]) {
  const started = Date.now();
  const phasesMs: Record<string, number> = {};
  let current: { phase: Phase; since: number } | undefined;
  const close = () => {
    if (current) phasesMs[current.phase] = (phasesMs[current.phase] ?? 0) + Date.now() - current.since;
  };
  return {
    started,
    phasesMs,
    enter(phase: Phase, percent: number) {
      close();
      current = { phase, since: Date.now() };
      onProgress?.({ phase, percent, elapsedMs: Date.now() - started });
    },
    /** A report of a phase that has already ended (a solver thread's message still on its way) is dropped. */
    report(p: Omit<Progress, "elapsedMs">) {
      if (current?.phase === p.phase) onProgress?.({ ...p, elapsedMs: Date.now() - started });
    },
    stop() {
      close();
      current = undefined;
      return Date.now() - started;
    },
  };
}

/**
 * The whole pipeline: scenario → model → solver → plan → checker. Every plan it returns passed the
 * independent checker; an infeasible scenario is an answer (status `infeasible` with an explanation).
 */
export async function solveScenario(scenario: Scenario, options: SolveOptions = {}): Promise<Plan> {
  // HiGHS loads on a thread of its own while the model is built.
  if (options.solver !== "jslp") prepareBackend("highs");
  const clock = phaseClock(options.onProgress);
  clock.enter("validating", 0);
  const policy = solvePolicy(scenario, options);
  const report = (name: string, extra: Partial<SolverReport> = {}): SolverReport => ({
    name,
    timeMs: clock.stop(),
    requested: options.solver ?? "auto",
    phasesMs: clock.phasesMs,
    ...extra,
  });

  const pinProblem = pinnedConflicts(scenario, policy);
  if (pinProblem) return infeasiblePlan(scenario, policy, pinProblem, report("none"));

  clock.enter("building", 5);
  const model = buildModel(scenario, { policy });
  const size = programSize(model.program);
  const unplaceable = explainUnplaceable(model);
  if (unplaceable) return infeasiblePlan(scenario, policy, unplaceable, report("none", { model: size }));

  const backend = chooseBackend(options.solver, size);
  clock.enter("solving", 10);
  const soFar = bestSoFar();
  const deadline = options.timeLimitSeconds !== undefined ? clock.started + options.timeLimitSeconds * 1000 : undefined;
  const timeLimitMs = deadline !== undefined ? Math.max(1, deadline - Date.now()) : undefined;
  const runOptions = {
    gap: options.gap ?? DEFAULT_GAP,
    seed: options.seed ?? 0,
    timeLimitMs,
    signal: options.signal,
    onProgress: (p: { incumbent?: number; bound?: number }) => {
      const known = soFar(p);
      clock.report({ phase: "solving", percent: solvingPercent(known), ...known });
    },
  };
  const result = backend === "highs" ? await solveWithWarmStart(model, runOptions) : await runBackend(backend, model.program, runOptions);
  if (result.status === "infeasible") {
    clock.enter("explaining", 90);
    const explanation = await explainConflict(scenario, policy, { signal: options.signal, deadline });
    return infeasiblePlan(scenario, policy, explanation, report(backend, { model: size }));
  }
  if (result.status === "stopped" && options.signal?.aborted) throw new NoPlanError(`no plan: ${result.reason}`);
  const answer = result.status === "solution" ? { ...result, by: backend } : greedyAnswer(scenario, policy, model, result.reason);

  clock.enter("disaggregating", 90);
  const { placements, unplaced } = disaggregate(scenario, model, answer.values);
  // The objective recomputed from the placements themselves (the solver's own figure is not trusted).
  const objective = new ScenarioIndex(scenario).placementsValue(placements, policy);
  const bound = Math.max(provenBound(answer.bound, objectiveKind(model.program)), objective);
  clock.enter("checking", 95);
  const plan: Plan = {
    scenarioId: scenario.id,
    status: statusFromGap(objective, bound),
    objective,
    bound,
    // Filled in once the check has been timed too.
    solver: { name: answer.by, timeMs: 0 },
    placements,
    unplaced,
    policy: policyToInput(policy),
  };
  const check = checkPlan(scenario, plan, policy);
  if (!check.ok) throw new PlanCheckError(check.violations);
  plan.solver = report(answer.by, { gap: relativeGap(objective, bound), model: size, ...("note" in answer ? { note: answer.note } : {}) });
  return plan;
}

/**
 * For a solver that stopped before it had any plan: the greedy plan (`greedySolution`) with a bound
 * that holds without a solver (`objectiveCeiling`), named as such; where it finds none, no plan.
 */
function greedyAnswer(scenario: Scenario, policy: Policy, model: AllocationModel, reason: string) {
  const values = greedySolution(model);
  if (!values) throw new NoPlanError(`no plan: ${reason}; a greedy fill found none either`);
  const note = `${reason}: this plan is the pinned placements with a greedy fill, its bound found without a solver`;
  return { values, bound: objectiveCeiling(scenario, policy), by: "greedy", note };
}

/**
 * The best plan found and the lowest bound proven so far, from a solver's reports. Each warm-start
 * stage and each side of a search pair reports its own incumbent and bound, which can be worse than
 * an earlier stage's; a reader of the progress expects the incumbent never to fall nor the bound to rise.
 */
function bestSoFar() {
  const known: { incumbent?: number; bound?: number } = {};
  return (p: { incumbent?: number; bound?: number }) => {
    if (p.incumbent !== undefined) known.incumbent = Math.max(known.incumbent ?? -Infinity, p.incumbent);
    if (p.bound !== undefined) known.bound = Math.min(known.bound ?? Infinity, p.bound);
    return { ...known };
  };
}

function solvingPercent(p: { incumbent?: number; bound?: number }): number {
  if (p.incumbent === undefined || p.bound === undefined) return 10;
  return 10 + Math.round(80 * Math.max(0, 1 - Math.min(1, relativeGap(p.incumbent, p.bound) * 100)));
}

/** Violations of constraints 2–7 by the pinned placements alone (MODEL.md: the answer is then infeasible). */
export function pinViolations(scenario: Scenario, policy: Policy): Violation[] {
  if (scenario.pinned.length === 0) return [];
  const pinnedIds = new Set(scenario.pinned.map((p) => p.employee));
  const pinsOnly: Plan = {
    scenarioId: scenario.id,
    status: "feasible",
    objective: 0,
    bound: 0,
    solver: { name: "pins", timeMs: 0 },
    placements: scenario.pinned.map(({ employee, unit, wave }) => ({ employee, unit, wave })),
    unplaced: scenario.employees.filter((e) => !pinnedIds.has(e.id)).map((e) => ({ employee: e.id, reason: "not pinned" })),
  };
  return checkPlan(scenario, pinsOnly, policy).violations.filter((v) => typeof v.constraint === "number" && v.constraint >= 2 && v.constraint <= 7);
}

/** The pins' violations, described for the explanation. */
function pinnedConflicts(scenario: Scenario, policy: Policy): string | undefined {
  const problems = pinViolations(scenario, policy);
  const pinnedIds = new Set(scenario.pinned.map((p) => p.employee));
  if (problems.length === 0) return undefined;
  const pinLabel = (id: string) => {
    const i = scenario.pinned.findIndex((p) => p.employee === id);
    const p = scenario.pinned[i];
    return `pinned[${i}] (employee ${p.employee}, unit ${p.unit}, wave ${p.wave})`;
  };
  return `the pinned placements cannot all be kept: ${problems
    .map((v) => `${v.employees.filter((e) => pinnedIds.has(e)).map(pinLabel).join(" and ")} — ${v.message}`)
    .join("; ")}`;
}

function infeasiblePlan(scenario: Scenario, policy: Policy, explanation: string, solver: SolverReport): Plan {
  return {
    scenarioId: scenario.id,
    status: "infeasible",
    objective: null,
    bound: null,
    solver,
    placements: [],
    unplaced: scenario.employees.map((e) => ({ employee: e.id, reason: "no feasible plan exists: see explanation" })),
    explanation,
    policy: policyToInput(policy),
  };
}


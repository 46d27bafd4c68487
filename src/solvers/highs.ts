import type { CallbackData, Highs } from "highs";
import type { IntegerProgram, Row } from "../model/program.js";
import { objectiveKind, provenWithin, type ObjectiveKind } from "./bound.js";
import { PartnerLink } from "./partner.js";
import { branchAndBound } from "./highs-branching.js";
import { costsForHighs, toHighsModel } from "./highs-model.js";
import { solveWithoutColumns, type BackendHooks, type BackendOptions, type BackendResult, type BackendSolve } from "./types.js";

/** A HiGHS backend over a loaded HiGHS runtime. */
export function highsBackend(highs: Highs): BackendSolve {
  return (program, options, hooks) => {
    const trivial = solveWithoutColumns(program);
    if (trivial) return trivial;
    const { branching } = options;
    if (branching) return branchAndBound(highs, program, { ...options, branching }, hooks);
    try {
      return solveOnce(highs, program, options, hooks);
    } catch (err) {
      // HiGHS's presolve can fail where the same run without it succeeds: c7 with priority weights of
      // 2.5e8-1e9, its LP with the cover rows, answered "run failed with HiGHS status -1".
      if (options.presolve !== false && runFailed(highs, err)) return solveOnce(highs, program, { ...options, presolve: false }, hooks);
      throw err;
    }
  };
}

/** One run on a model of its own, disposed before the run's answer (or failure) is passed on. */
function solveOnce(highs: Highs, program: IntegerProgram, options: BackendOptions, hooks: BackendHooks): BackendResult {
  const { program: scaled, scale } = costsForHighs(program);
  const model = highs.createModel(toHighsModel(highs, scaled));
  try {
    return runModel(highs, model, program, scale, options, hooks);
  } finally {
    model.dispose();
  }
}

/** HiGHS's run itself failed (native status -1), as opposed to bad input or a misuse of the wrapper. */
function runFailed(highs: Highs, err: unknown): boolean {
  return err instanceof highs.errors.HighsError && err.operation === "run";
}

/**
 * Every primal heuristic off. `mip_heuristic_effort` 0 alone leaves those HiGHS runs at the root
 * regardless (RENS, RINS, root reduced cost, feasibility jump, …): on a 2,000-employee model started
 * from its optimum they took 27 sub-MIPs and half of the root's 3.2 s.
 */
const WITHOUT_HEURISTICS = {
  mip_heuristic_effort: 0,
  mip_heuristic_run_feasibility_jump: false,
  mip_heuristic_run_rins: false,
  mip_heuristic_run_rens: false,
  mip_heuristic_run_root_reduced_cost: false,
  mip_heuristic_run_zi_round: false,
  mip_heuristic_run_shifting: false,
};

function runModel(
  highs: Highs,
  model: ReturnType<Highs["createModel"]>,
  program: IntegerProgram,
  scale: number,
  options: BackendOptions,
  hooks: BackendHooks,
): BackendResult {
  const unscaled = (x: number | undefined) => (x === undefined ? undefined : x / scale);
  model.options.set({
    output_flag: false,
    mip_rel_gap: options.gap,
    // With an integral objective a bound less than 1 above the incumbent proves it optimal.
    mip_abs_gap: (program.integralObjective ? 0.999 : 1e-6) * scale,
    random_seed: options.seed,
    ...(options.presolve === false ? { presolve: "off" } : {}),
    ...(options.maxNodes !== undefined ? { mip_max_nodes: options.maxNodes } : {}),
    ...(options.timeLimitMs !== undefined ? { time_limit: options.timeLimitMs / 1000 } : {}),
    ...(options.heuristics === false ? WITHOUT_HEURISTICS : {}),
  });
  if (options.initial) model.setSolution({ colValue: Float64Array.from(options.initial) });
  const search = new SearchTrack(program, options, hooks);
  const cb = highs.constants.callbackType;
  let result: BackendResult | undefined;
  let cuts: Row[] | undefined;
  const collectingCuts = options.rootCuts === true && options.presolve === false;
  try {
    model.run({
      ...(collectingCuts
        ? {
            [cb.mipCutPool](event: { data: { cut_pool?: CutPool } }) {
              if (event.data.cut_pool?.numCols === program.columns.length) cuts = rowsOfCutPool(highs, event.data.cut_pool);
            },
          }
        : {}),
      [cb.simplexInterrupt](event) {
        if (hooks.shouldStop()) event.interrupt();
      },
      [cb.mipInterrupt](event) {
        const { mip_primal_bound, mip_dual_bound, mip_total_lp_iterations } = event.data;
        const state = { mip_primal_bound: unscaled(mip_primal_bound), mip_dual_bound: unscaled(mip_dual_bound), mip_total_lp_iterations };
        if (search.mayStop(state)) event.interrupt();
      },
      [cb.mipImprovingSolution](event) {
        const x = event.data.mip_solution;
        const z = unscaled(event.data.objective_function_value);
        if (x && x.length === program.columns.length && z !== undefined) hooks.onIncumbent(Array.from(x), z);
      },
    });
    result = resultOf(highs, model, program, scale, search.knownBound());
    if (cuts && result.status === "solution") result.cuts = cuts;
    return result;
  } finally {
    search.finish(result);
  }
}

type CutPool = NonNullable<CallbackData["cut_pool"]>;

/** HiGHS's cut pool as rows of the program (HiGHS marks a missing side with its infinity). */
function rowsOfCutPool(highs: Highs, pool: CutPool): Row[] {
  const side = (x: number) => (Math.abs(x) >= highs.infinity ? Math.sign(x) * Infinity : x);
  return Array.from({ length: pool.numCuts }, (_, i) => {
    const terms = new Map<number, number>();
    for (let k = pool.starts[i]; k < pool.starts[i + 1]; k++) terms.set(pool.indices[k], pool.values[k]);
    return { name: `cut_${i}`, label: "a cut HiGHS derived at the root", lower: side(pool.lower[i]), upper: side(pool.upper[i]), terms };
  });
}

/** The answer of a finished run, its bound also limited by what was known before or learned from a partner. */
function resultOf(highs: Highs, model: ReturnType<Highs["createModel"]>, program: IntegerProgram, scale: number, knownBound: number): BackendResult {
  const status = highs.constants.modelStatus;
  const modelStatus = model.getModelStatus();
  if (modelStatus === status.infeasible) return { status: "infeasible" };
  const hasSolution = model.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible;
  const isMip = program.columns.some((c) => c.integer);
  const rawBound = (isMip ? Number(model.info.get("mip_dual_bound")) : model.getObjectiveValue()) / scale;
  // An LP's objective bounds the MIP, and its reduced costs mean anything, only at its optimum.
  if (!hasSolution || (!isMip && modelStatus !== status.optimal)) {
    return { status: "stopped", bound: finite(rawBound), reason: `HiGHS stopped (${statusName(highs, modelStatus)}) without an integer solution` };
  }
  const solution = model.getSolution();
  const values = Array.from(solution.colValue);
  const objective = model.getObjectiveValue() / scale;
  // Without a finite dual bound (stopped before one was known) nothing is proven beyond the objective.
  const bound = Math.max(objective, Math.min(finite(rawBound) ?? Infinity, isMip ? knownBound : Infinity));
  const reducedCosts = !isMip && solution.colDual ? Array.from(solution.colDual, (d) => d / scale) : undefined;
  return { status: "solution", values, objective, bound, ...(reducedCosts ? { reducedCosts } : {}) };
}

/**
 * Minimum time between two progress reports of one search, unless its plan improved. A race is
 * decided on the bounds reported (`race` in src/pipeline/warm-start.ts), so this is short; the
 * consumers of progress (CLI line, job progress) throttle for themselves.
 */
const PROGRESS_INTERVAL_MS = 50;

/**
 * What one MIP search knows as it runs: the best bound known (its own, the one it was given, its
 * partner's), when it may stop, and its progress reports.
 */
class SearchTrack {
  private known: number;
  private incumbent?: number;
  private dual?: number;
  private epoch = 0;
  /** LP iterations of this run at which the current epoch ends. */
  private nextEpochAt: number;
  private iterations = 0;
  private lastReport: { at: number; incumbent?: number; bound?: number } = { at: 0 };
  private readonly kind: ObjectiveKind;
  private readonly link?: PartnerLink;

  constructor(
    private readonly program: IntegerProgram,
    private readonly options: BackendOptions,
    private readonly hooks: BackendHooks,
  ) {
    this.known = options.knownBound ?? Infinity;
    this.kind = objectiveKind(program);
    const partner = options.partner;
    if (partner) this.link = new PartnerLink(partner.buffer, partner.side);
    this.nextEpochAt = partner?.epochIterations ?? Infinity;
  }

  knownBound(): number {
    return this.known;
  }

  /** At a MIP checkpoint: reports progress, exchanges with the partner at an epoch's end, and says whether to stop. */
  mayStop(data: { mip_primal_bound?: number; mip_dual_bound?: number; mip_total_lp_iterations?: bigint }): boolean {
    if (this.hooks.shouldStop()) return true;
    this.incumbent = finite(data.mip_primal_bound);
    this.dual = finite(data.mip_dual_bound) ?? this.dual;
    this.iterations = Number(data.mip_total_lp_iterations ?? 0n);
    this.report();
    return this.exchange() || this.proves(this.incumbent);
  }

  /** Tells a waiting partner that this search is over, with its final objective and bound. */
  finish(result: BackendResult | undefined): void {
    if (!this.link) return;
    const objective = result?.status === "solution" ? result.objective : (this.incumbent ?? -Infinity);
    const bound = result?.status === "solution" || result?.status === "stopped" ? (result.bound ?? Infinity) : Infinity;
    this.link.finish({ objective, bound: Math.min(bound, this.known) });
  }

  private proves(objective: number | undefined): boolean {
    return provenByBound(objective, this.bestBound(), this.kind, this.options.gap);
  }

  /** The smallest bound known: this search's own, the one it was given, its partner's. */
  private bestBound(): number {
    return Math.min(this.known, this.dual ?? Infinity);
  }

  /** At an epoch's end, learns the partner's bound; true when the partner has finished or either plan is proven. */
  private exchange(): boolean {
    const partner = this.options.partner;
    if (!this.link || !partner || this.iterations < this.nextEpochAt) return false;
    this.epoch += 1;
    this.nextEpochAt += partner.epochIterations;
    this.link.publish(this.epoch, { objective: this.incumbent ?? -Infinity, bound: this.bestBound() });
    const seen = this.link.partnerAt(this.epoch, () => this.hooks.shouldStop());
    if (!seen) return true;
    this.known = Math.min(this.known, seen.state.bound);
    const best = Math.max(this.incumbent ?? -Infinity, seen.state.objective);
    return seen.finished || provenByBound(Number.isFinite(best) ? best : undefined, this.bestBound(), this.kind, this.options.gap);
  }

  private report(): void {
    const { incumbent, dual } = this;
    const last = this.lastReport;
    const now = Date.now();
    if (incumbent === last.incumbent && (dual === last.bound || now - last.at < PROGRESS_INTERVAL_MS)) return;
    this.lastReport = { at: now, incumbent, bound: dual };
    this.hooks.onProgress({ incumbent, bound: finite(Math.min(this.known, dual ?? Infinity)) });
  }
}

/**
 * The search may stop: the incumbent is within the gap of the best bound known (HiGHS's own, or
 * one proven before it started), rounded down for an integral objective.
 */
export function searchMayStop(program: IntegerProgram, options: BackendOptions, incumbent: number | undefined, dualBound: number | undefined): boolean {
  return provenByBound(incumbent, Math.min(options.knownBound ?? Infinity, dualBound ?? Infinity), objectiveKind(program), options.gap);
}

function provenByBound(incumbent: number | undefined, bound: number, kind: ObjectiveKind, gap: number): boolean {
  return incumbent !== undefined && Number.isFinite(bound) && provenWithin(incumbent, bound, kind, gap);
}

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) && Math.abs(x) < 1e300 ? x : undefined;
}

function statusName(highs: Highs, code: number): string {
  return Object.entries(highs.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
}

import type { Highs, ModelData } from "highs";
import type { IntegerProgram } from "../model/program.js";
import { objectiveKind, provenWithin } from "./bound.js";
import { solveWithoutColumns, type BackendHooks, type BackendOptions, type BackendResult, type BackendSolve } from "./types.js";

/** The program as HiGHS's sparse column-wise model data. */
export function toHighsModel(highs: Highs, p: IntegerProgram): ModelData {
  const n = p.columns.length;
  const byColumn: { row: number; value: number }[][] = p.columns.map(() => []);
  p.rows.forEach((r, i) => {
    for (const [j, v] of r.terms) byColumn[j].push({ row: i, value: v });
  });
  const starts = new Int32Array(n + 1);
  const nnz = byColumn.reduce((s, c) => s + c.length, 0);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  byColumn.forEach((entries, j) => {
    starts[j] = k;
    for (const e of entries.sort((a, b) => a.row - b.row)) {
      indices[k] = e.row;
      values[k++] = e.value;
    }
  });
  starts[n] = k;
  const inf = (x: number) => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x);
  return {
    numCols: n,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    offset: p.offset,
    colCost: Float64Array.from(p.columns, (c) => c.cost),
    colLower: Float64Array.from(p.columns, (c) => inf(c.lower)),
    colUpper: Float64Array.from(p.columns, (c) => inf(c.upper)),
    rowLower: Float64Array.from(p.rows, (r) => inf(r.lower)),
    rowUpper: Float64Array.from(p.rows, (r) => inf(r.upper)),
    matrix: { format: "csc", numRows: p.rows.length, numCols: n, starts, indices, values },
    integrality: Int32Array.from(p.columns, (c) => (c.integer ? 1 : 0)),
  };
}

/** A HiGHS backend over a loaded HiGHS runtime. */
export function highsBackend(highs: Highs): BackendSolve {
  return (program, options, hooks) => {
    const trivial = solveWithoutColumns(program);
    if (trivial) return trivial;
    const model = highs.createModel(toHighsModel(highs, program));
    try {
      return runModel(highs, model, program, options, hooks);
    } finally {
      model.dispose();
    }
  };
}

function runModel(
  highs: Highs,
  model: ReturnType<Highs["createModel"]>,
  program: IntegerProgram,
  options: BackendOptions,
  hooks: BackendHooks,
): BackendResult {
  model.options.set({
    output_flag: false,
    mip_rel_gap: options.gap,
    // With an integral objective a bound less than 1 above the incumbent proves it optimal.
    mip_abs_gap: program.integralObjective ? 0.999 : 1e-6,
    random_seed: options.seed,
    ...(options.presolve === false ? { presolve: "off" } : {}),
    ...(options.maxNodes !== undefined ? { mip_max_nodes: options.maxNodes } : {}),
    ...(options.timeLimitMs !== undefined ? { time_limit: options.timeLimitMs / 1000 } : {}),
    ...(options.heuristics === false ? { mip_heuristic_effort: 0 } : {}),
  });
  if (options.initial) model.setSolution({ colValue: Float64Array.from(options.initial) });
  const cb = highs.constants.callbackType;
  const status = highs.constants.modelStatus;
  model.run({
    [cb.simplexInterrupt](event) {
      if (hooks.shouldStop()) event.interrupt();
    },
    [cb.mipInterrupt](event) {
      if (hooks.shouldStop() || searchMayStop(program, options, finite(event.data.mip_primal_bound), finite(event.data.mip_dual_bound))) event.interrupt();
    },
    [cb.mipLogging](event) {
      hooks.onProgress({ incumbent: finite(event.data.mip_primal_bound), bound: finite(event.data.mip_dual_bound) });
    },
    [cb.mipImprovingSolution](event) {
      const x = event.data.mip_solution;
      const z = event.data.objective_function_value;
      if (x && x.length === program.columns.length && z !== undefined) hooks.onIncumbent(Array.from(x), z);
    },
  });
  const modelStatus = model.getModelStatus();
  if (modelStatus === status.infeasible) return { status: "infeasible" };
  const hasSolution = model.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible;
  const isMip = program.columns.some((c) => c.integer);
  const rawBound = isMip ? Number(model.info.get("mip_dual_bound")) : model.getObjectiveValue();
  // An LP's objective bounds the MIP, and its reduced costs mean anything, only at its optimum.
  if (!hasSolution || (!isMip && modelStatus !== status.optimal)) {
    return { status: "stopped", bound: finite(rawBound), reason: `HiGHS stopped (${statusName(highs, modelStatus)}) without an integer solution` };
  }
  const solution = model.getSolution();
  const values = Array.from(solution.colValue);
  const objective = model.getObjectiveValue();
  // Without a finite dual bound (stopped before one was known) nothing is proven beyond the objective.
  const bound = Math.max(objective, finite(rawBound) ?? Infinity);
  const reducedCosts = !isMip && solution.colDual ? Array.from(solution.colDual) : undefined;
  return { status: "solution", values, objective, bound, ...(reducedCosts ? { reducedCosts } : {}) };
}

/**
 * The search may stop: the incumbent is within the gap of the best bound known (HiGHS's own, or
 * one proven before it started), rounded down for an integral objective.
 */
export function searchMayStop(program: IntegerProgram, options: BackendOptions, incumbent: number | undefined, dualBound: number | undefined): boolean {
  if (incumbent === undefined) return false;
  const bound = Math.min(options.knownBound ?? Infinity, dualBound ?? Infinity);
  return Number.isFinite(bound) && provenWithin(incumbent, bound, objectiveKind(program), options.gap);
}

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) && Math.abs(x) < 1e300 ? x : undefined;
}

function statusName(highs: Highs, code: number): string {
  return Object.entries(highs.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
}

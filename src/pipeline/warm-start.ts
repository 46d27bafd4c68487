import type { AllocationModel } from "../model/build.js";
import { objectiveOf, type IntegerProgram } from "../model/program.js";
import { roundedSolution } from "../model/rounding.js";
import { provenBound, relativeGap } from "../solvers/bound.js";
import { runBackend, type RunOptions } from "../solvers/run.js";
import type { BackendResult } from "../solvers/types.js";

/** Share of the time limit the neighbourhood search may use before the full branch and bound. */
const NEIGHBOURHOOD_SHARE = 0.3;

/** The program restricted to the LP's support: every integer column the LP left at zero is fixed at zero. */
function lpNeighbourhood(p: IntegerProgram, lp: number[]): IntegerProgram {
  return { ...p, columns: p.columns.map((c, j) => (c.integer && Math.abs(lp[j]) <= 1e-9 ? { ...c, lower: 0, upper: 0 } : c)) };
}

/**
 * HiGHS from a warm start. MIP search is slow to find good integer plans of this model while its LP
 * bound is tight, so: solve the LP relaxation; solve the small MIP over the columns the LP uses (a
 * relaxation-induced neighbourhood), or round the LP when that finds nothing;
 * hand the result to the full MIP as its incumbent. When it is already within the requested gap of
 * the LP bound it is the answer and the full branch and bound is skipped.
 */
export async function solveWithWarmStart(model: AllocationModel, options: RunOptions): Promise<BackendResult> {
  const started = Date.now();
  const remaining = (share = 1) => (options.timeLimitMs === undefined ? undefined : Math.max(1, (options.timeLimitMs - (Date.now() - started)) * share));
  const p = model.program;
  const lp = await runBackend("highs", { ...p, columns: p.columns.map((c) => ({ ...c, integer: false })) }, options);
  if (lp.status !== "solution") return lp;
  const lpBound = provenBound(lp.objective, p.integralObjective ? "integral" : "real");
  options.onProgress?.({ bound: lpBound });

  const goodEnough = lpBound - options.gap * Math.max(1, Math.abs(lpBound));
  const local = await runBackend("highs", lpNeighbourhood(p, lp.values), { ...options, target: goodEnough, timeLimitMs: remaining(NEIGHBOURHOOD_SHARE) });
  const initial = local.status === "solution" ? local.values : roundedSolution(model, lp.values);
  if (initial) {
    const objective = objectiveOf(p, initial);
    options.onProgress?.({ incumbent: objective, bound: lpBound });
    if (relativeGap(objective, lpBound) <= options.gap) return { status: "solution", values: initial, objective, bound: lpBound };
  }
  const full = await runBackend("highs", p, { ...options, initial, timeLimitMs: remaining() });
  return full.status === "solution" ? { ...full, bound: Math.min(full.bound, lpBound) } : full;
}

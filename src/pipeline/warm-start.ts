import type { AllocationModel } from "../model/build.js";
import { objectiveOf, restrictColumns, type IntegerProgram, type RestrictedProgram } from "../model/program.js";
import { roundedSolution } from "../model/rounding.js";
import { objectiveKind, provenBound, provenWithin } from "../solvers/bound.js";
import { Racer, type RaceEpochs } from "../solvers/racer.js";
import { runBackend, runSearchPair, type RunOptions } from "../solvers/run.js";
import { endedByPartner, type BackendResult } from "../solvers/types.js";
import { fixByReducedCosts, type LpOptimum } from "./reduced-cost.js";

/** Share of the time limit, and branch-and-bound nodes, the neighbourhood search may use: it is a heuristic. */
const NEIGHBOURHOOD_SHARE = 0.3;
const NEIGHBOURHOOD_NODES = 200;
/**
 * The neighbourhood also takes the columns the LP leaves at a bound whose reduced cost is below this
 * share of the largest objective coefficient: near-ties of the LP's choice (another wave or zone a
 * few days or minutes worse), which the integer optimum often needs where the LP splits a household.
 */
const NEIGHBOURHOOD_REDUCED_COST = 0.01;
/** Share of the remaining time the root-node attempt without presolve may use (it ends with the root anyway). */
const ROOT_ATTEMPT_SHARE = 0.5;
/** LP iterations between two exchanges of the branch-and-bound pair (a few seconds on 400 employees). */
const EPOCH_ITERATIONS = 5000;
/** The same for the stages and their racer (`RaceEpochs`; the choice is measured in docs/formulation.md). */
const RACE_EPOCHS: RaceEpochs = { firstStages: 1000, lastStage: 15_000, racer: 5000 };
/**
 * Largest model raced by plain HiGHS (see `solveWithWarmStart`). At full scale (17,864 columns) the
 * stages prove the optimum in seconds where plain HiGHS is still in its presolve and root, so a racer
 * there only costs memory (+190 MiB) and a stop that takes seconds to be heard; `ikn-2024-5k` (9,611)
 * pays nothing for it.
 */
const RACER_MAX_COLUMNS = 12_000;

type Solution = Extract<BackendResult, { status: "solution" }>;

/**
 * The MIP over every continuous column, the integer columns the LP uses, and those it leaves at a
 * bound with a reduced cost within the tolerance (a relaxation-induced neighbourhood, widened by
 * near-ties).
 */
function lpNeighbourhood(p: IntegerProgram, lp: Solution): RestrictedProgram {
  const tolerance = NEIGHBOURHOOD_REDUCED_COST * Math.max(0, ...p.columns.map((c) => Math.abs(c.cost)));
  const reducedCost = lp.reducedCosts;
  return restrictColumns(p, (j) => {
    const c = p.columns[j];
    return !c.integer || Math.abs(lp.values[j] - c.lower) > 1e-9 || (reducedCost !== undefined && Math.abs(reducedCost[j]) <= tolerance);
  });
}

/**
 * HiGHS from a warm start. MIP search is slow to find good integer plans of this model while its LP
 * bound is tight, so:
 * 1. solve the LP relaxation;
 * 2. solve the small MIP over the columns the LP uses or nearly ties (`lpNeighbourhood`), or round
 *    the LP when that finds nothing; within the requested gap of the LP bound, that is the answer;
 * 3. fix columns by their reduced costs against that plan (`fixByReducedCosts`, exact): on the
 *    named instances this removes a sixth to two thirds of the columns;
 * 4. try to prove the rest at the root node without presolve: on these models presolve removes
 *    almost nothing yet costs most of a second, and the root's cuts often close the gap;
 * 5. else branch and bound (with presolve, which pays off in a long search) from the best plan,
 *    without HiGHS's primal heuristics (after the earlier stages what is left is mostly proof).
 * Stages 4 and 5 know the bound proven so far and stop once the plan is proven by it (rounded down
 * for an integral objective, which HiGHS alone does not do); once a search has found a plan, stage 4
 * runs without primal heuristics.
 * Each stage's dual bound holds for the whole program, so the smallest is reported.
 *
 * From stage 2 on, models up to `RACER_MAX_COLUMNS` columns are raced by plain HiGHS on the second
 * core (`Racer`), the partner of stages 2–5: on some models it finds and proves the optimum long
 * before the stages do, on others long after. Larger models instead run stage 5 as a pair of
 * searches, one with primal heuristics and one without (`runSearchPair`). Either way the searches
 * share objectives and bounds at fixed amounts of work, so that the answer is the same on every run.
 */
export async function solveWithWarmStart(model: AllocationModel, options: RunOptions): Promise<BackendResult> {
  const started = Date.now();
  const remaining = (share = 1) => (options.timeLimitMs === undefined ? undefined : Math.max(1, (options.timeLimitMs - (Date.now() - started)) * share));
  const p = model.program;
  const kind = objectiveKind(p);
  const lp = await runBackend("highs", { ...p, columns: p.columns.map((c) => ({ ...c, integer: false })) }, options);
  if (lp.status !== "solution") return lp;
  let bound = provenBound(lp.objective, kind);
  let best: number[] | undefined;
  /** A MIP stage found a plan (not only rounding): the root attempt leaves heuristics off and works on the proof. */
  let planFromSearch = false;
  const value = (values: number[]) => objectiveOf(p, values);
  const report = () => options.onProgress?.({ incumbent: best && value(best), bound });
  const proven = () => best !== undefined && provenWithin(value(best), bound, kind, options.gap);
  const answer = (values: number[]): BackendResult => ({ status: "solution", values, objective: value(values), bound: Math.max(bound, value(values)) });
  /** Takes a stage's plan when it is better, and its dual bound when that holds for the whole program. */
  const take = (result: BackendResult | undefined, toWhole: (values: number[]) => number[], boundHolds: boolean) => {
    if (result?.status !== "solution") return;
    planFromSearch = true;
    const values = toWhole(result.values);
    if (!best || value(values) > value(best)) best = values;
    if (boundHolds) bound = Math.min(bound, provenBound(result.bound, kind));
    report();
  };
  const racer = p.columns.length <= RACER_MAX_COLUMNS && p.columns.some((c) => c.integer) ? new Racer(p, options, RACE_EPOCHS) : undefined;
  /** Epochs of the stages so far: the racer's partnership goes on across them. */
  let epochsBefore = 0;
  const partner = (previous: BackendResult, { boundHolds = true, last = false } = {}) => {
    if (previous.status !== "infeasible") epochsBefore = previous.epochs ?? epochsBefore;
    return racer?.stage({ epochsBefore, boundHolds }, last);
  };
  /** The answer, with the racer's when the last stage ended at an exchange with it. */
  const end = async (last: BackendResult): Promise<BackendResult> => {
    const state = { objective: best ? value(best) : -Infinity, bound };
    if (racer && endedByPartner(last)) take(await racer.conclude(state), (v) => v, true);
    else racer?.finish(state);
    return best ? answer(best) : last;
  };
  report();

  try {
    const neighbourhood = lpNeighbourhood(p, lp);
    const searchingNeighbourhood = runBackend("highs", neighbourhood.program, {
      ...options,
      onProgress: (q) => options.onProgress?.({ incumbent: q.incumbent, bound }),
      maxNodes: NEIGHBOURHOOD_NODES,
      // The LP bound holds for the cut-down program too; the cut-down program's own bound does not hold for the whole.
      knownBound: bound,
      timeLimitMs: remaining(NEIGHBOURHOOD_SHARE),
      partner: partner(lp, { boundHolds: false }),
    });
    // Now that the neighbourhood has the thread that solved the LP, where HiGHS is warm.
    racer?.start();
    const local = await searchingNeighbourhood;
    take(local, neighbourhood.expand, false);
    best ??= roundedSolution(model, lp.values);
    report();
    if (proven() || endedByPartner(local)) return await end(local);

    const onReduced = (q: { incumbent?: number; bound?: number }) =>
      options.onProgress?.({ incumbent: q.incumbent, bound: q.bound === undefined ? bound : Math.min(bound, q.bound) });
    /** Options of a stage that works on the cut-down program from the best plan, towards proof. */
    const proofStage = (r: RestrictedProgram, after: BackendResult, last = false): RunOptions => ({
      ...options,
      onProgress: onReduced,
      initial: best && r.project(best),
      knownBound: bound,
      partner: partner(after, { last }),
    });
    let reduced = reducedProgram(p, lp, best);
    const root = await runBackend("highs", reduced.program, {
      ...proofStage(reduced, local),
      heuristics: !planFromSearch,
      presolve: false,
      maxNodes: 1,
      timeLimitMs: remaining(ROOT_ATTEMPT_SHARE),
    });
    // Without a plan yet the "reduced" program is the whole one, so its infeasibility is the answer.
    if (root.status === "infeasible") return await end(root);
    const before = best && value(best);
    take(root, reduced.expand, true);
    if (proven() || endedByPartner(root)) return await end(root);
    if (best && value(best) !== before) reduced = reducedProgram(p, lp, best);

    if (racer) {
      const search = await runBackend("highs", reduced.program, { ...proofStage(reduced, root, true), heuristics: false, timeLimitMs: remaining() });
      take(search, reduced.expand, true);
      return await end(search);
    }
    const pair = await runSearchPair(reduced.program, { ...proofStage(reduced, root), timeLimitMs: remaining() }, EPOCH_ITERATIONS);
    // In side order, so that of two equal plans the first side's is kept.
    for (const result of pair) take(result, reduced.expand, true);
    return best ? answer(best) : pair[0];
  } finally {
    racer?.finish({ objective: -Infinity, bound: Infinity });
  }
}

/** The program cut down by reduced-cost fixing against the best plan, or whole when there is none. */
function reducedProgram(p: IntegerProgram, lp: Solution, best: number[] | undefined): RestrictedProgram {
  if (!best || !lp.reducedCosts) return restrictColumns(p, () => true);
  return fixByReducedCosts(p, lp as LpOptimum, best, objectiveOf(p, best));
}

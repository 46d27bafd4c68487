import type { AllocationModel } from "../model/build.js";
import { restrictColumns, type IntegerProgram, type RestrictedProgram } from "../model/program.js";
import type { BackendSolution } from "../solvers/types.js";

// The neighbourhood of stage 2 of the warm start (src/pipeline/warm-start.ts): which columns of the
// program the small MIP around the LP's solution keeps.

/**
 * The neighbourhood also takes the columns the LP leaves at a bound whose reduced cost is below this
 * share of the largest objective coefficient: near-ties of the LP's choice (another wave or zone a
 * few days or minutes worse), which the integer optimum often needs where the LP splits a household.
 */
const NEIGHBOURHOOD_REDUCED_COST = 0.01;
/**
 * ... but below no more than this share of the largest spread of one class's placement costs (the
 * days waited and minutes travelled between its best and worst placement). The largest coefficient
 * grows with the priority weights and the family bonus, which no choice between two placements of a
 * household changes: under `strict-priority` (weights up to 20,000) its 1% was 203 points, where the
 * spread is 164 at full scale, and the neighbourhood twice the LP's support took 12 s to a plan 289
 * points below the LP bound. Under MODEL.md's default weights (1% of 3,477) the share above binds.
 */
const NEIGHBOURHOOD_SPREAD_SHARE = 0.25;

/**
 * The MIP over every continuous column and the integer columns the LP uses (a relaxation-induced
 * neighbourhood), with `withNearTies` also its near-ties (`nearTie`).
 */
export function lpNeighbourhood(model: AllocationModel, lp: BackendSolution, withNearTies: boolean): RestrictedProgram {
  const used = usedByLp(model.program, lp);
  const tie = withNearTies ? nearTie(model, lp) : () => false;
  return restrictColumns(model.program, (j) => used(j) || tie(j));
}

/** Columns outside the LP's support (`usedByLp`) that are near-ties of it. */
export function nearTieCount(model: AllocationModel, lp: BackendSolution): number {
  const used = usedByLp(model.program, lp);
  const tie = nearTie(model, lp);
  return model.program.columns.filter((_, j) => !used(j) && tie(j)).length;
}

/** Every continuous column, and the integer columns the LP does not leave at their lower bound. */
function usedByLp(p: IntegerProgram, lp: BackendSolution): (j: number) => boolean {
  return (j) => !p.columns[j].integer || Math.abs(lp.values[j] - p.columns[j].lower) > 1e-9;
}

/** Columns whose reduced cost in the LP is within `nearTieTolerance`. */
function nearTie(model: AllocationModel, lp: BackendSolution): (j: number) => boolean {
  const reducedCost = lp.reducedCosts;
  const tolerance = nearTieTolerance(model);
  return (j) => reducedCost !== undefined && Math.abs(reducedCost[j]) <= tolerance;
}

/** The reduced cost up to which a column the LP leaves at a bound is a near-tie (`lpNeighbourhood`). */
export function nearTieTolerance(model: AllocationModel): number {
  const largest = Math.max(0, ...model.program.columns.map((c) => Math.abs(c.cost)));
  return Math.min(NEIGHBOURHOOD_REDUCED_COST * largest, NEIGHBOURHOOD_SPREAD_SHARE * largestPlacementSpread(model));
}

/** The largest difference between the costs of two placement columns of one employee class. */
function largestPlacementSpread(model: AllocationModel): number {
  const range = new Map<number, { low: number; high: number }>();
  for (const { column, cls } of model.placements) {
    const cost = model.program.columns[column].cost;
    const r = range.get(cls);
    if (r) {
      r.low = Math.min(r.low, cost);
      r.high = Math.max(r.high, cost);
    } else range.set(cls, { low: cost, high: cost });
  }
  return Math.max(0, ...[...range.values()].map((r) => r.high - r.low));
}

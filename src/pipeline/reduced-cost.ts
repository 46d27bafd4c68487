import { restrictColumns, type IntegerProgram, type RestrictedProgram } from "../model/program.js";

/** An optimal LP relaxation with its reduced costs (HiGHS reports them for pure LPs). */
export interface LpOptimum {
  objective: number;
  values: number[];
  reducedCosts: number[];
}

/** Slack for the LP's own tolerances when its objective and reduced costs bound the MIP. */
const LP_TOLERANCE = 1e-6;

/**
 * Reduced-cost fixing, an exact reduction. At an optimal LP with objective zLP, every solution x of
 * the program satisfies obj(x) ≤ zLP − Σ_j |d_j|·|x_j − x̄_j| over the columns the LP leaves at a
 * bound x̄_j with reduced cost d_j. A plan better than the incumbent (by at least 1 when the
 * objective is integral) therefore moves each such integer column at most (zLP − incumbent − 1)/|d_j|
 * away from its LP value. The returned program has those bounds, widened where needed to keep the
 * incumbent itself, with the columns they fix removed: it holds the incumbent and every better plan,
 * so its optimum and dual bound are the whole program's.
 */
export function fixByReducedCosts(p: IntegerProgram, lp: LpOptimum, incumbent: number[], incumbentObjective: number): RestrictedProgram {
  const step = p.integralObjective ? 1 : 0;
  const allowance = lp.objective - incumbentObjective - step + LP_TOLERANCE * Math.max(1, Math.abs(lp.objective));
  const columns = p.columns.map((c, j) => {
    const d = lp.reducedCosts[j];
    if (!c.integer || Math.abs(d) <= 1e-9) return c;
    const reach = allowance < 0 ? 0 : Math.floor(allowance / Math.abs(d) + 1e-9);
    const own = Math.round(incumbent[j]);
    if (d < 0 && Math.abs(lp.values[j] - c.lower) <= 1e-9) return { ...c, upper: Math.min(c.upper, Math.max(own, c.lower + reach)) };
    if (d > 0 && Math.abs(lp.values[j] - c.upper) <= 1e-9) return { ...c, lower: Math.max(c.lower, Math.min(own, c.upper - reach)) };
    return c;
  });
  return restrictColumns({ ...p, columns }, (j) => columns[j].upper > columns[j].lower);
}

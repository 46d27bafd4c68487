import type { Highs } from "highs";
import type { IntegerProgram } from "../model/program.js";

type HighsModel = ReturnType<Highs["createModel"]>;

/** A row `Σ values·x ≥ lower` over the program's columns. */
export interface Cut {
  indices: Int32Array;
  values: Float64Array;
  lower: number;
}

/** A row of the LP as the separator reads it. */
export interface LpRow {
  indices: Int32Array;
  values: Float64Array;
  lower: number;
  upper: number;
  /** Its activity is whole in every plan: whole coefficients over integer columns. */
  integral: boolean;
}

/** The program's columns and rows as the separator reads them. */
export interface SeparatorInput {
  /** The program's column bounds, to be changed at a node. */
  columnLower: Float64Array;
  columnUpper: Float64Array;
  integerColumn: boolean[];
  rows: LpRow[];
}

export function separatorInput(p: IntegerProgram): SeparatorInput {
  return {
    columnLower: Float64Array.from(p.columns, (c) => c.lower),
    columnUpper: Float64Array.from(p.columns, (c) => c.upper),
    integerColumn: p.columns.map((c) => c.integer),
    rows: p.rows.map((r) => ({
      indices: Int32Array.from(r.terms.keys()),
      values: Float64Array.from(r.terms.values()),
      lower: r.lower,
      upper: r.upper,
      integral: [...r.terms].every(([j, v]) => p.columns[j].integer && Number.isInteger(v)),
    })),
  };
}

/** The cut's left-hand side at `x`. */
export function cutActivity(cut: Cut, x: ArrayLike<number>): number {
  let activity = 0;
  for (let k = 0; k < cut.indices.length; k++) activity += cut.values[k] * x[cut.indices[k]];
  return activity;
}

/** An LP at its optimum, with what the separator needs besides HiGHS's basis. */
export interface OptimalLp {
  lp: HighsModel;
  columnLower: ArrayLike<number>;
  columnUpper: ArrayLike<number>;
  integerColumn: ArrayLike<boolean>;
  rows: readonly LpRow[];
  /** Column values and row activities at the optimum. */
  x: Float64Array;
  activity: Float64Array;
}

/** Tableau rows whose basic value is this near a whole number give no cut. */
const MIN_FRACTION = 0.01;
/** A nonbasic value this near a bound (relative) is at it. */
const AT_BOUND = 1e-9;
/** Coefficients smaller than this share of the largest are moved into the right-hand side through the column's bounds. */
const TINY = 1e-6;
/**
 * Cuts with more terms are not kept: each makes every later LP slower. On the generated 2,000-employee
 * models, cuts of up to 1,000 terms proved no more than those of up to 200 and took longer.
 */
const MAX_TERMS = 200;
/** Smallest violation at the LP point, divided by the cut's norm, for a cut to be kept. */
const MIN_EFFICACY = 1e-4;

/**
 * Gomory mixed-integer cuts read off the optimal simplex tableau: one from each row whose basic column
 * is integer and fractional, the most fractional first, `limit` at most. They hold for every point
 * of the LP's feasible set whose integer columns are whole, within the LP's bounds: derived at the
 * root of a search, for every plan of the program.
 */
export function gomoryCuts(at: OptimalLp, limit: number): Cut[] {
  const basic = at.lp.getBasicVariables();
  const basicColumn = new Uint8Array(at.x.length);
  const basicRow = new Uint8Array(at.activity.length);
  const sources: { position: number; fraction: number }[] = [];
  basic.forEach((v, position) => {
    if (v < 0) {
      basicRow[-v - 1] = 1;
      return;
    }
    basicColumn[v] = 1;
    const fraction = at.x[v] - Math.floor(at.x[v]);
    if (at.integerColumn[v] && fraction >= MIN_FRACTION && fraction <= 1 - MIN_FRACTION) sources.push({ position, fraction });
  });
  sources.sort((a, b) => Math.abs(a.fraction - 0.5) - Math.abs(b.fraction - 0.5) || a.position - b.position);
  const cuts: Cut[] = [];
  for (const { position, fraction } of sources) {
    if (cuts.length >= limit) break;
    const cut = cutOfTableauRow(at, position, fraction, basicColumn, basicRow);
    if (cut) cuts.push(cut);
  }
  return cuts;
}

/** Where a nonbasic value sits: at its lower (+1) or upper (−1) bound, fixed (0), or at neither (undefined). */
function side(value: number, lower: number, upper: number): 1 | -1 | 0 | undefined {
  if (lower === upper) return 0;
  if (Number.isFinite(lower) && Math.abs(value - lower) <= AT_BOUND * (1 + Math.abs(lower))) return 1;
  if (Number.isFinite(upper) && Math.abs(value - upper) <= AT_BOUND * (1 + Math.abs(upper))) return -1;
  return undefined;
}

/**
 * The tableau row at `position` (row `position` of B⁻¹A·x = B⁻¹·activity) reads
 * x_k = x̄_k + Σ c_j (y_j − ȳ_j) over the nonbasic columns and row activities y_j, with c_j = −(B⁻¹A)_j
 * for a column and (B⁻¹)_i for a row. With t_j ≥ 0 the distance of y_j from the bound it sits at,
 * x_k + Σ a_j t_j = x̄_k, a_j = −c_j at a lower bound and c_j at an upper one. Its mixed-integer
 * rounding, f₀ the fraction of x̄_k and f_j that of a_j, is
 * Σ_{t_j whole} min(f_j/f₀, (1−f_j)/(1−f₀))·t_j + Σ_{t_j continuous} max(a_j/f₀, −a_j/(1−f₀))·t_j ≥ 1,
 * written back in the columns by t_j = y_j − lower or upper − y_j, and a row's activity by its terms.
 * A fixed y_j has t_j = 0 and no term; a row that is not at a bound gives no cut.
 */
function cutOfTableauRow(at: OptimalLp, position: number, f0: number, basicColumn: Uint8Array, basicRow: Uint8Array): Cut | undefined {
  const tableau = at.lp.getReducedRow(position).values;
  const inverse = at.lp.getBasisInverseRow(position).values;
  const coefficients = new Float64Array(at.x.length);
  let lower = 1;
  /** Adds the term of one nonbasic y_j; `write` spreads its coefficient over the columns. False when y_j is at no bound. */
  const add = (c: number, value: number, lo: number, up: number, whole: boolean, write: (g: number) => void): boolean => {
    const where = side(value, lo, up);
    if (where === 0) return true;
    if (where === undefined) return false;
    const a = where === 1 ? -c : c;
    const g = whole ? wholeCoefficient(a, f0) : a >= 0 ? a / f0 : -a / (1 - f0);
    lower += where === 1 ? g * lo : -g * up;
    write(where === 1 ? g : -g);
    return true;
  };
  for (let j = 0; j < at.x.length; j++) {
    if (basicColumn[j] || tableau[j] === 0) continue;
    const whole = at.integerColumn[j] && Number.isInteger(at.columnLower[j]) && Number.isInteger(at.columnUpper[j]);
    if (!add(-tableau[j], at.x[j], at.columnLower[j], at.columnUpper[j], whole, (g) => (coefficients[j] += g))) return undefined;
  }
  for (let i = 0; i < at.activity.length; i++) {
    if (basicRow[i] || inverse[i] === 0) continue;
    const row = at.rows[i];
    const whole = row.integral && [row.lower, row.upper].every((b) => !Number.isFinite(b) || Number.isInteger(b));
    const spread = (g: number) => {
      for (let k = 0; k < row.indices.length; k++) coefficients[row.indices[k]] += g * row.values[k];
    };
    if (!add(inverse[i], at.activity[i], row.lower, row.upper, whole, spread)) return undefined;
  }
  return safeCut(at, coefficients, lower);
}

function wholeCoefficient(a: number, f0: number): number {
  const f = a - Math.floor(a);
  return f <= f0 ? f / f0 : (1 - f) / (1 - f0);
}

/**
 * The cut with its tiny coefficients moved into the right-hand side (v·x_j ≤ max(v·lower, v·upper),
 * so dropping the term weakens the cut by at most that) and the right-hand side eased by 1e-9 of
 * itself for rounding; undefined when it has too many terms or is not violated enough at the LP point.
 */
function safeCut(at: OptimalLp, coefficients: Float64Array, lower: number): Cut | undefined {
  const largest = coefficients.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (largest === 0 || !Number.isFinite(lower)) return undefined;
  const indices: number[] = [];
  const values: number[] = [];
  let rhs = lower;
  for (let j = 0; j < coefficients.length; j++) {
    const v = coefficients[j];
    if (v === 0) continue;
    if (Math.abs(v) >= TINY * largest) {
      indices.push(j);
      values.push(v);
      continue;
    }
    const most = Math.max(v * at.columnLower[j], v * at.columnUpper[j]);
    if (!Number.isFinite(most)) return undefined;
    rhs -= most;
  }
  if (indices.length > MAX_TERMS) return undefined;
  rhs -= 1e-9 * Math.max(1, Math.abs(rhs));
  const cut = { indices: Int32Array.from(indices), values: Float64Array.from(values), lower: rhs };
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return (rhs - cutActivity(cut, at.x)) / norm < MIN_EFFICACY ? undefined : cut;
}

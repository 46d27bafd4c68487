/** A solver-neutral integer program: maximise `offset + Σ cost·x` subject to row bounds. */
export interface IntegerProgram {
  columns: Column[];
  rows: Row[];
  /** Constant part of the objective (pinned placements, forced values). */
  offset: number;
  /** Every optimal solution has an integral objective, so any bound may be rounded down. */
  integralObjective?: boolean;
}

export interface Column {
  name: string;
  lower: number;
  upper: number;
  integer: boolean;
  cost: number;
}

export interface Row {
  name: string;
  /** What the row stands for, in words (used by explanations). */
  label: string;
  lower: number;
  upper: number;
  /** Column index → coefficient. */
  terms: Map<number, number>;
}

export interface ProgramSize {
  columns: number;
  rows: number;
  nonzeros: number;
  integers: number;
}

export function programSize(p: IntegerProgram): ProgramSize {
  let nonzeros = 0;
  for (const r of p.rows) nonzeros += r.terms.size;
  return { columns: p.columns.length, rows: p.rows.length, nonzeros, integers: p.columns.filter((c) => c.integer).length };
}

/** Appends columns and rows, keeping indices. */
export class ProgramBuilder {
  readonly program: IntegerProgram = { columns: [], rows: [], offset: 0 };

  addColumn(column: Column): number {
    this.program.columns.push(column);
    return this.program.columns.length - 1;
  }

  /** Adds `lower ≤ Σ terms ≤ upper`; a row without terms is dropped (its feasibility is checked by the caller). */
  addRow(name: string, label: string, terms: Map<number, number>, lower: number, upper: number): number | undefined {
    if (terms.size === 0) return undefined;
    this.program.rows.push({ name, label, lower, upper, terms });
    return this.program.rows.length - 1;
  }
}

/** Adds `coef` to `terms[col]`. */
export function addTerm(terms: Map<number, number>, col: number, coef: number): void {
  terms.set(col, (terms.get(col) ?? 0) + coef);
}

/** The objective value of `values` (offset included). */
export function objectiveOf(p: IntegerProgram, values: ArrayLike<number>): number {
  let z = p.offset;
  p.columns.forEach((c, j) => (z += c.cost * values[j]));
  return z;
}

/** Largest violation of any row or bound by `values` (0 when feasible). */
export function maxViolation(p: IntegerProgram, values: ArrayLike<number>): number {
  let worst = 0;
  p.columns.forEach((c, j) => {
    worst = Math.max(worst, c.lower - values[j], values[j] - c.upper);
    if (c.integer) worst = Math.max(worst, Math.abs(values[j] - Math.round(values[j])));
  });
  for (const r of p.rows) {
    let a = 0;
    for (const [j, v] of r.terms) a += v * values[j];
    worst = Math.max(worst, r.lower - a, a - r.upper);
  }
  return worst;
}

/** The LP relaxation: every column continuous. */
export function relaxation(p: IntegerProgram): IntegerProgram {
  return { ...p, columns: p.columns.map((c) => ({ ...c, integer: false })) };
}

export interface RestrictedProgram {
  program: IntegerProgram;
  /** A solution of the restricted program as one of the whole program. */
  expand: (values: ArrayLike<number>) => number[];
  /** The kept columns' values of a solution of the whole program. */
  project: (values: ArrayLike<number>) => number[];
}

/**
 * The program over the columns `keep` selects, the others fixed at their lower bound (their part of
 * every row moves into its bounds and their cost into the offset), and the map from a solution of it
 * back to the whole program.
 */
export function restrictColumns(p: IntegerProgram, keep: (j: number) => boolean): RestrictedProgram {
  const kept: number[] = [];
  const position = new Int32Array(p.columns.length).fill(-1);
  let offset = p.offset;
  p.columns.forEach((c, j) => {
    if (keep(j)) position[j] = kept.push(j) - 1;
    else offset += c.cost * c.lower;
  });
  const rows: Row[] = [];
  for (const r of p.rows) {
    const terms = new Map<number, number>();
    let fixed = 0;
    for (const [j, a] of r.terms) {
      if (position[j] >= 0) terms.set(position[j], a);
      else fixed += a * p.columns[j].lower;
    }
    // A row left without columns stays only when the fixed columns break it, so that the restriction is infeasible.
    if (terms.size > 0 || fixed < r.lower || fixed > r.upper) rows.push({ ...r, terms, lower: r.lower - fixed, upper: r.upper - fixed });
  }
  const program = { ...p, columns: kept.map((j) => p.columns[j]), rows, offset };
  const expand = (values: ArrayLike<number>) => {
    const full = p.columns.map((c) => c.lower);
    kept.forEach((j, i) => (full[j] = values[i]));
    return full;
  };
  return { program, expand, project: (values) => kept.map((j) => values[j]) };
}

/** `p` as a restriction of itself, every column kept: `restrictColumns(p, () => true)` without copying its rows. */
export function wholeProgram(p: IntegerProgram): RestrictedProgram {
  return { program: p, expand: (values) => Array.from(values), project: (values) => Array.from(values) };
}

/** `inner`, a restriction of `outer`'s program, as a restriction of the program `outer` restricts. */
export function withinRestriction(outer: RestrictedProgram, inner: RestrictedProgram): RestrictedProgram {
  return { program: inner.program, expand: (values) => outer.expand(inner.expand(values)), project: (values) => inner.project(outer.project(values)) };
}

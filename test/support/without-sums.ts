import { expect } from "vitest";
import { isSumRow, sumOfPlacements, type AllocationModel, type SumColumn } from "../../src/model/build.js";
import { addTerm, maxViolation, objectiveOf, type RestrictedProgram } from "../../src/model/program.js";
import type { BackendSolve } from "../../src/solvers/types.js";
import { NO_HOOKS } from "./highs-backend.js";

/**
 * The program with the given sum columns (household sizes, school needs) substituted by the placements
 * they count (their defining rows left out, their bounds kept as rows on those placements): the same
 * program in the form without them, and the map of its solutions back.
 */
export function withoutSums(model: AllocationModel, sums: SumColumn[]): RestrictedProgram {
  const p = model.program;
  const byColumn = new Map(sums.map((sum) => [sum.column, sum]));
  const kept = p.columns.flatMap((_, j) => (byColumn.has(j) ? [] : [j]));
  const position = new Int32Array(p.columns.length).fill(-1);
  kept.forEach((j, i) => (position[j] = i));
  const rows = p.rows.flatMap((r) => {
    if (isSumRow(r) && [...r.terms.keys()].some((j) => byColumn.has(j))) return [];
    const terms = new Map<number, number>();
    for (const [j, a] of r.terms) {
      const sum = byColumn.get(j);
      if (sum) for (const m of sum.placements) addTerm(terms, position[m], a);
      else addTerm(terms, position[j], a);
    }
    return [{ ...r, terms }];
  });
  // A sum column's bounds constrain the placements it counts (a persons row they make redundant is dropped).
  for (const sum of sums) {
    const c = p.columns[sum.column];
    rows.push({ name: `bounds_${c.name}`, label: c.name, lower: c.lower, upper: c.upper, terms: new Map(sum.placements.map((m) => [position[m], 1])) });
  }
  return {
    program: { ...p, columns: kept.map((j) => p.columns[j]), rows },
    expand: (values) => {
      const full = new Array<number>(p.columns.length).fill(0);
      kept.forEach((j, i) => (full[j] = values[i]));
      for (const sum of sums) full[sum.column] = sumOfPlacements(sum, full);
      return full;
    },
    project: (values) => kept.map((j) => values[j]),
  };
}

/** Each sum column equals the sum of the placements it counts. */
export function sumsAgree(sums: SumColumn[], values: ArrayLike<number>): boolean {
  return sums.every((sum) => Math.abs(values[sum.column] - sumOfPlacements(sum, values)) < 1e-6);
}

/**
 * Solves the program with and without the given sum columns to proof and expects the same status and
 * optimum, sums that agree with the placements, and the plan of the form without them to be one of the
 * program at the same objective. Returns whether both had a plan to compare.
 */
export function expectSameOptimumWithout(model: AllocationModel, sums: SumColumn[], highs: BackendSolve, label: string): boolean {
  const flat = withoutSums(model, sums);
  expect(flat.program.columns.length, label).toBe(model.program.columns.length - sums.length);
  const a = highs(model.program, { gap: 0, seed: 0 }, NO_HOOKS);
  const b = highs(flat.program, { gap: 0, seed: 0 }, NO_HOOKS);
  expect(b.status, label).toBe(a.status);
  if (a.status !== "solution" || b.status !== "solution") return false;
  expect(b.objective, label).toBeCloseTo(a.objective, 6);
  expect(sumsAgree(sums, a.values), label).toBe(true);
  const expanded = flat.expand(b.values);
  expect(maxViolation(model.program, expanded), label).toBeLessThanOrEqual(1e-6);
  expect(objectiveOf(model.program, expanded), label).toBeCloseTo(b.objective, 6);
  const defined = new Set(sums.map((sum) => sum.column));
  expect(flat.project(a.values), label).toEqual(Array.from(a.values).filter((_, j) => !defined.has(j)));
  return true;
}

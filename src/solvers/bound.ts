/** MODEL.md compares objectives with a relative tolerance of 1e-6. */
export const OPTIMALITY_TOLERANCE = 1e-6;

import type { IntegerProgram } from "../model/program.js";

export type ObjectiveKind = "integral" | "real";

export function objectiveKind(p: IntegerProgram): ObjectiveKind {
  return p.integralObjective ? "integral" : "real";
}

/** A proven bound, rounded down when every optimum is known to be integral. */
export function provenBound(bound: number, kind: ObjectiveKind): number {
  return kind === "integral" ? Math.floor(bound + 1e-6) : bound;
}

/** Relative gap between a plan's objective and a proven bound (0 when they meet). */
export function relativeGap(objective: number, bound: number): number {
  return Math.max(0, bound - objective) / Math.max(1, Math.abs(objective));
}

/** The objective is within `gap` of the optimum by this bound (for an integral objective, both rounded first). */
export function provenWithin(objective: number, bound: number, kind: ObjectiveKind, gap: number): boolean {
  return relativeGap(kind === "integral" ? Math.round(objective) : objective, provenBound(bound, kind)) <= gap;
}

/**
 * Of objectives in a fixed order, the index of the first within `gap` of the optimum, as far as a
 * proven bound and the best objective found tell: one proven within by the bound, after every
 * earlier one shown to be outside by the best. Undefined until they tell.
 */
export function firstWithinGapOfOptimum(objectives: number[], known: { bound: number; best: number }, kind: ObjectiveKind, gap: number): number | undefined {
  for (const [i, objective] of objectives.entries()) {
    if (provenWithin(objective, known.bound, kind, gap)) return i;
    // Within the gap of the best plan: perhaps of the optimum too, which only a better bound or plan can tell.
    if (provenWithin(objective, known.best, kind, gap)) return undefined;
  }
  return undefined;
}

/** `optimal` only with proof: the bound meets the objective within MODEL.md's tolerance. */
export function statusFromGap(objective: number, bound: number): "optimal" | "feasible" {
  return relativeGap(objective, bound) <= OPTIMALITY_TOLERANCE ? "optimal" : "feasible";
}

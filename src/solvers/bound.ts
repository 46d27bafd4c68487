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

/** The objective is within `gap` of the optimum by this bound (rounded down first for an integral objective). */
export function provenWithin(objective: number, bound: number, kind: ObjectiveKind, gap: number): boolean {
  return relativeGap(objective, provenBound(bound, kind)) <= gap;
}

/** `optimal` only with proof: the bound meets the objective within MODEL.md's tolerance. */
export function statusFromGap(objective: number, bound: number): "optimal" | "feasible" {
  return relativeGap(objective, bound) <= OPTIMALITY_TOLERANCE ? "optimal" : "feasible";
}

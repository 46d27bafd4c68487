/** How far two objectives may differ and still be the same optimum: MODEL.md's relative gap 1e-6 (absolute below 1). */
export function objectiveTolerance(reference: number): number {
  return 1e-6 * Math.max(1, Math.abs(reference));
}

export function sameObjective(a: number, reference: number): boolean {
  return Math.abs(a - reference) <= objectiveTolerance(reference);
}

import { isSumRow, sumOfPlacements, type AllocationModel, type SumColumn } from "../../src/model/build.js";
import { addTerm, type RestrictedProgram } from "../../src/model/program.js";

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

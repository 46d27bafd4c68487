import { householdsOfSize, isHouseholdSizeRow, type AllocationModel } from "../../src/model/build.js";
import { addTerm, type RestrictedProgram } from "../../src/model/program.js";

/**
 * The program with its household-size columns substituted by the placements they count (their rows
 * left out, their bounds kept as rows on those placements): the same program in the form without
 * them, and the map of its solutions back.
 */
export function withoutHouseholdSizes(model: AllocationModel): RestrictedProgram {
  const p = model.program;
  const sizes = new Map(model.householdSizes.map((h) => [h.column, h]));
  const kept = p.columns.flatMap((_, j) => (sizes.has(j) ? [] : [j]));
  const position = new Int32Array(p.columns.length).fill(-1);
  kept.forEach((j, i) => (position[j] = i));
  const rows = p.rows.flatMap((r) => {
    if (isHouseholdSizeRow(r)) return [];
    const terms = new Map<number, number>();
    for (const [j, a] of r.terms) {
      const h = sizes.get(j);
      if (h) for (const m of h.placements) addTerm(terms, position[m], a);
      else addTerm(terms, position[j], a);
    }
    return [{ ...r, terms }];
  });
  // An h column's bounds constrain the placements it counts (a persons row they make redundant is dropped).
  for (const h of model.householdSizes) {
    const c = p.columns[h.column];
    rows.push({ name: `bounds_${c.name}`, label: c.name, lower: c.lower, upper: c.upper, terms: new Map(h.placements.map((m) => [position[m], 1])) });
  }
  return {
    program: { ...p, columns: kept.map((j) => p.columns[j]), rows },
    expand: (values) => {
      const full = new Array<number>(p.columns.length).fill(0);
      kept.forEach((j, i) => (full[j] = values[i]));
      for (const h of model.householdSizes) full[h.column] = householdsOfSize(h, full);
      return full;
    },
    project: (values) => kept.map((j) => values[j]),
  };
}

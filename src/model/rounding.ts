import { isSumRow, sumColumns, sumOfPlacements, type AllocationModel } from "./build.js";
import { classSize } from "./classes.js";
import { maxViolation, type IntegerProgram } from "./program.js";

const EPS = 1e-7;

/**
 * A feasible integer solution near an LP optimum: round the placement counts down, open just enough
 * singles units, then add placements greedily by marginal value while every row allows it. MIP
 * solvers are slow to find good integer plans of this model while its LP bound is tight, so this
 * start often proves a small gap at once. Returns undefined when it cannot reach feasibility (e.g. a
 * mustMove count the rounding broke), in which case the solver starts from nothing.
 *
 * Singles units open in the model's order; where that leaves no plan, once more with the units of
 * singles who must move first (a unit opened for others may leave none for them). Not first in
 * every case: at full scale under `strict-priority` that order rounds 30,000 points lower.
 */
export function roundedSolution(model: AllocationModel, lp: ArrayLike<number>, rank: Rank = "value"): number[] | undefined {
  const rows = rowsOverPlacements(model);
  return roundDown(model, lp, rows, rank, false) ?? roundDown(model, lp, rows, rank, true);
}

/**
 * The order in which placements are added: by marginal value, or by marginal value per person
 * (the wave's persons are what families and singles compete for when few units are taken).
 */
export type Rank = "value" | "valuePerPerson";

function roundDown(model: AllocationModel, lp: ArrayLike<number>, { rowsOf, upper }: PlacementRows, rank: Rank, mustMoveFirst: boolean): number[] | undefined {
  const p = model.program;
  const values = p.columns.map((c, j) => (c.integer ? Math.floor(lp[j] + EPS) : 0));
  const isCount = p.rows.map((r) => r.name.startsWith("count_"));
  const activity = p.rows.map(() => 0);
  values.forEach((v, j) => {
    for (const { row, coef } of rowsOf[j]) activity[row] += coef * v;
  });
  const singlesColumn = new Map(model.singlesUnits.map((s) => [`${s.unitClass}|${s.gender}|${s.date}`, s.column]));
  const placedInClass = model.classes.map(() => 0);
  for (const pc of model.placements) placedInClass[pc.cls] += values[pc.column];

  const fits = (j: number, delta: number) =>
    values[j] + delta <= p.columns[j].upper + EPS &&
    rowsOf[j].every(({ row, coef }) => isCount[row] || activity[row] + coef * delta <= upper[row] + EPS);
  const apply = (j: number, delta: number) => {
    values[j] += delta;
    for (const { row, coef } of rowsOf[j]) activity[row] += coef * delta;
  };
  const singlesUnitFor = (pc: (typeof model.placements)[number]) =>
    model.classes[pc.cls].family ? undefined : singlesColumn.get(`${pc.unitClass}|${model.classes[pc.cls].gender}|${model.waveDates[pc.wave]}`);

  // Open singles units for the rounded-down singles, closing placements where the units run out.
  const placementAt = new Map(model.placements.map((pc) => [pc.column, pc]));
  const placedIn = (row: number) => [...p.rows[row].terms.keys()].filter((j) => placementAt.has(j) && values[j] > 0);
  const mustStay = (j: number) => {
    const { cls } = placementAt.get(j)!;
    return placedInClass[cls] <= model.classes[cls].mustMove.length;
  };
  const forMustMove = (s: (typeof model.singlesUnits)[number]) => rowsOf[s.column].some(({ row, coef }) => coef < 0 && placedIn(row).some(mustStay));
  const opening = mustMoveFirst ? mustMoveUnitsFirst(model.singlesUnits, forMustMove) : model.singlesUnits;
  for (const s of opening) {
    for (;;) {
      const overfull = rowsOf[s.column].find(({ row, coef }) => coef <= 0 && activity[row] > upper[row] + EPS);
      if (!overfull) break;
      if (fits(s.column, 1)) apply(s.column, 1);
      else {
        // A dated beds row counts the placements of earlier waves too: the least valuable of its placements goes.
        const victim = placementAt.get(leastValuable(p, placedIn(overfull.row)) ?? -1);
        if (!victim) return undefined;
        apply(victim.column, -1);
        placedInClass[victim.cls]--;
      }
    }
  }

  const marginal = (k: number, cost: number) => {
    const cls = model.classes[k];
    const next = placedInClass[k] - cls.mustMove.length;
    if (next < 0) return Infinity;
    return cost + (levelValue(model, k, next) - levelValue(model, k, 0));
  };
  const tryAdd = (pc: (typeof model.placements)[number]) => {
    if (placedInClass[pc.cls] >= classSize(model.classes[pc.cls])) return false;
    if (fits(pc.column, 1)) {
      apply(pc.column, 1);
    } else {
      const s = singlesUnitFor(pc);
      if (s === undefined || !fits(s, 1)) return false;
      apply(s, 1);
      if (!fits(pc.column, 1)) {
        apply(s, -1);
        return false;
      }
      apply(pc.column, 1);
    }
    placedInClass[pc.cls]++;
    return true;
  };
  const rankOf = (gain: number, k: number) => (rank === "valuePerPerson" ? gain / model.classes[k].persons : gain);
  // A class short of its mustMove members takes as many as it lacks, and no more, before the others.
  const short = (k: number) => placedInClass[k] < model.classes[k].mustMove.length;
  for (let improved = true; improved; ) {
    improved = false;
    const order = model.placements
      .map((pc) => {
        const gain = marginal(pc.cls, p.columns[pc.column].cost);
        return { pc, gain, key: rankOf(gain, pc.cls) };
      })
      .filter((c) => c.gain > 0)
      .sort((a, b) => b.key - a.key || a.pc.column - b.pc.column);
    for (const { pc, gain } of order) {
      if (gain !== Infinity) improved = tryAdd(pc) || improved;
      else while (short(pc.cls) && tryAdd(pc)) improved = true;
    }
  }
  setLevelColumns(model, values, placedInClass);
  for (const sum of sumColumns(model)) values[sum.column] = sumOfPlacements(sum, values);
  return maxViolation(p, values) <= 1e-6 ? values : undefined;
}

/** Of the columns, the one of least objective value (the first of equals), if any. */
function leastValuable(p: IntegerProgram, columns: number[]): number | undefined {
  return columns.reduce<number | undefined>((least, j) => (least === undefined || p.columns[j].cost < p.columns[least].cost ? j : least), undefined);
}

/** The units for which `forMustMove` holds, then the others, each in their order. */
function mustMoveUnitsFirst<T>(units: T[], forMustMove: (unit: T) => boolean): T[] {
  const first = units.map(forMustMove);
  return [...units.filter((_, i) => first[i]), ...units.filter((_, i) => !first[i])];
}

interface PlacementRows {
  rowsOf: { row: number; coef: number }[][];
  upper: number[];
}

/**
 * Each column's rows and every row's upper limit, with the sum columns (household sizes, school needs)
 * substituted by the placements they count: a sum's defining row becomes "its placements ≤ the sum's
 * upper bound". The rounding moves placements, and the sums follow at the end.
 */
function rowsOverPlacements(model: AllocationModel): PlacementRows {
  const p = model.program;
  const sums = sumColumns(model);
  const defined = new Set(sums.map((sum) => sum.column));
  const rowsOf = p.columns.map((): { row: number; coef: number }[] => []);
  const upper = p.rows.map((r) => r.upper);
  p.rows.forEach((r, i) => {
    const defines = isSumRow(r);
    for (const [j, a] of r.terms) {
      if (defines && defined.has(j)) upper[i] = p.columns[j].upper;
      else rowsOf[j].push({ row: i, coef: a });
    }
  });
  for (const sum of sums) {
    for (const j of sum.placements) rowsOf[j].push(...rowsOf[sum.column]);
    rowsOf[sum.column] = [];
  }
  return { rowsOf, upper };
}

/** The fixed value of the class's optional member at position `i` (0 = best). */
function levelValue(model: AllocationModel, k: number, i: number): number {
  const levels = model.levels[k];
  let seen = 0;
  for (const level of levels) {
    seen += level.count;
    if (i < seen) return level.value;
  }
  return -Infinity;
}

/** Sets the `y` columns of each class to the cheapest fill of its count beyond the first level. */
function setLevelColumns(model: AllocationModel, values: number[], placedInClass: number[]): void {
  model.levelColumns.forEach((columns, k) => {
    const levels = model.levels[k];
    let beyond = Math.max(0, placedInClass[k] - model.classes[k].mustMove.length - (levels[0]?.count ?? 0));
    columns.forEach((column, l) => {
      const take = Math.min(beyond, levels[l + 1].count);
      values[column] = take;
      beyond -= take;
    });
  });
}

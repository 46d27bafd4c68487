import type { Highs, ModelData } from "highs";
import type { IntegerProgram } from "../model/program.js";

/** A bound as HiGHS takes it: ±Infinity as its own infinity. */
export function highsBound(highs: Highs, x: number): number {
  return x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x;
}

/** The program as HiGHS's sparse column-wise model data. */
export function toHighsModel(highs: Highs, p: IntegerProgram): ModelData {
  const n = p.columns.length;
  const byColumn: { row: number; value: number }[][] = p.columns.map(() => []);
  p.rows.forEach((r, i) => {
    for (const [j, v] of r.terms) byColumn[j].push({ row: i, value: v });
  });
  const starts = new Int32Array(n + 1);
  const nnz = byColumn.reduce((s, c) => s + c.length, 0);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  byColumn.forEach((entries, j) => {
    starts[j] = k;
    for (const e of entries.sort((a, b) => a.row - b.row)) {
      indices[k] = e.row;
      values[k++] = e.value;
    }
  });
  starts[n] = k;
  const inf = (x: number) => highsBound(highs, x);
  return {
    numCols: n,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    offset: p.offset,
    colCost: Float64Array.from(p.columns, (c) => c.cost),
    colLower: Float64Array.from(p.columns, (c) => inf(c.lower)),
    colUpper: Float64Array.from(p.columns, (c) => inf(c.upper)),
    rowLower: Float64Array.from(p.rows, (r) => inf(r.lower)),
    rowUpper: Float64Array.from(p.rows, (r) => inf(r.upper)),
    matrix: { format: "csc", numRows: p.rows.length, numCols: n, starts, indices, values },
    integrality: Int32Array.from(p.columns, (c) => (c.integer ? 1 : 0)),
  };
}

/**
 * HiGHS takes a cost of 1e20 or more for an infinite one (a family bonus of 1e20 made it answer
 * "optimal" with an infinite objective and no plan), and fails or crawls long before that when the
 * costs are huge. So when the largest cost is above 2^24 (realistic policies' are about 2e4), HiGHS
 * sees every cost and the offset multiplied by a power of two (exact in floating point) that brings
 * the largest to at most 2^12, the range of MODEL.md's default policy (3,477), and every objective
 * value it reports is divided again: a policy scaled by a power of two solves as the original.
 */
const SCALE_ABOVE = 2 ** 24;
const SCALED_LARGEST = 2 ** 12;

function costScale(p: IntegerProgram): number {
  const largest = p.columns.reduce((m, c) => Math.max(m, Math.abs(c.cost)), 0);
  return largest > SCALE_ABOVE ? 2 ** -Math.ceil(Math.log2(largest / SCALED_LARGEST)) : 1;
}

/** The program with its costs as HiGHS is to see them, and the factor they were multiplied by (`costScale`). */
export function costsForHighs(p: IntegerProgram): { program: IntegerProgram; scale: number } {
  const scale = costScale(p);
  if (scale === 1) return { program: p, scale };
  return { program: { ...p, offset: p.offset * scale, columns: p.columns.map((c) => ({ ...c, cost: c.cost * scale })) }, scale };
}

import type { Highs } from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { relaxation, type IntegerProgram } from "../src/model/program.js";
import { cutActivity, gomoryCuts, separatorInput, type Cut } from "../src/solvers/gomory.js";
import { toHighsModel } from "../src/solvers/highs-model.js";
import { loadHighs } from "./support/highs-backend.js";
import { multiKnapsack } from "./support/multi-knapsack.js";

// The branch-and-bound's root cuts (src/solvers/gomory.ts) must hold for every point of the program
// whose integer columns are whole: a cut that removes one could remove the optimum and "prove" a
// worse plan. Here every integer point of small programs is enumerated and checked against them.

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The cuts of the LP relaxation of `p` at its optimum, and that optimum. */
function cutsAtLpOptimum(p: IntegerProgram): { cuts: Cut[]; x: Float64Array } {
  const lp = highs.createModel(toHighsModel(highs, relaxation(p)));
  try {
    lp.options.set({ output_flag: false, presolve: "off" });
    lp.run();
    const { colValue, rowValue } = lp.getSolution();
    return { cuts: gomoryCuts({ lp, ...separatorInput(p), x: colValue, activity: rowValue }, 50), x: colValue };
  } finally {
    lp.dispose();
  }
}

/** Every whole point within the columns' bounds (all columns integer, small ranges). */
function* wholePoints(p: IntegerProgram): Generator<number[]> {
  const point = p.columns.map((c) => c.lower);
  for (;;) {
    yield [...point];
    let j = 0;
    while (j < point.length && point[j] === p.columns[j].upper) point[j++] = p.columns[j - 1].lower;
    if (j === point.length) return;
    point[j]++;
  }
}

const satisfies = (p: IntegerProgram, x: number[]) =>
  p.rows.every((r) => {
    const a = [...r.terms].reduce((s, [j, v]) => s + v * x[j], 0);
    return a >= r.lower - 1e-9 && a <= r.upper + 1e-9;
  });

/** A small program with general integer columns, equality and two-sided rows, and fractional coefficients. */
function mixedRows(seed: number): IntegerProgram {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const n = 5;
  const columns = Array.from({ length: n }, (_, j) => ({ name: `x${j}`, lower: 0, upper: 1 + Math.floor(next() * 3), integer: true, cost: 3 + Math.floor(next() * 20) }));
  const terms = () => new Map(columns.map((_, j) => [j, next() < 0.3 ? 0.5 + Math.floor(next() * 8) / 2 : 1 + Math.floor(next() * 6)]));
  return {
    offset: 0,
    columns,
    rows: [
      { name: "a", label: "a", lower: -Infinity, upper: 7 + Math.floor(next() * 6) + 0.5, terms: terms() },
      { name: "b", label: "b", lower: 2, upper: 9 + Math.floor(next() * 5), terms: terms() },
      { name: "c", label: "c", lower: -Infinity, upper: 6 + Math.floor(next() * 4), terms: new Map([[0, 2], [1, 2], [2, 2]]) },
    ],
  };
}

describe("Gomory mixed-integer cuts of the LP optimum", () => {
  it.each([
    ["0-1 knapsacks", Array.from({ length: 30 }, (_, i) => multiKnapsack(i + 1, 10, 3)), 30],
    ["programs with general integers, half coefficients and rows at either bound", Array.from({ length: 60 }, (_, i) => mixedRows(i + 1)), 20],
  ])("cut off the LP's optimum and no whole point of %s", (_, programs, fewestCuts) => {
    let total = 0;
    programs.forEach((p, i) => {
      const { cuts, x } = cutsAtLpOptimum(p);
      total += cuts.length;
      for (const cut of cuts) expect(cutActivity(cut, x)).toBeLessThan(cut.lower);
      for (const point of wholePoints(p)) {
        if (!satisfies(p, point)) continue;
        for (const cut of cuts) expect(cutActivity(cut, point), `program ${i + 1}`).toBeGreaterThanOrEqual(cut.lower - 1e-9);
      }
    });
    expect(total).toBeGreaterThan(fewestCuts);
  });

  it("hold for every plan where continuous columns take any value the rows allow", () => {
    // x0, x1 integer in 0..4, y continuous in 0..3: maximise 5x0 + 4x1 + 3y, 2x0 + 3x1 + y ≤ 10.5, x0 + y ≤ 4.2.
    const p: IntegerProgram = {
      offset: 0,
      columns: [
        { name: "x0", lower: 0, upper: 4, integer: true, cost: 5 },
        { name: "x1", lower: 0, upper: 4, integer: true, cost: 4 },
        { name: "y", lower: 0, upper: 3, integer: false, cost: 3 },
      ],
      rows: [
        { name: "r0", label: "r0", lower: -Infinity, upper: 10.5, terms: new Map([[0, 2], [1, 3], [2, 1]]) },
        { name: "r1", label: "r1", lower: -Infinity, upper: 4.2, terms: new Map([[0, 1], [2, 1]]) },
      ],
    };
    const { cuts } = cutsAtLpOptimum(p);
    expect(cuts.length).toBeGreaterThan(0);
    for (let x0 = 0; x0 <= 4; x0++)
      for (let x1 = 0; x1 <= 4; x1++)
        for (let y = 0; y <= 3; y += 0.01) {
          const point = [x0, x1, y];
          if (!satisfies(p, point)) continue;
          for (const cut of cuts) expect(cutActivity(cut, point)).toBeGreaterThanOrEqual(cut.lower - 1e-9);
        }
  });
});

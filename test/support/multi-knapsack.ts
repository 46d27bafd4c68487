import type { IntegerProgram } from "../../src/model/program.js";

/** max Σ v·x over binaries under a few knapsack rows with seeded random weights: LP bound well above the optimum. */
export function multiKnapsack(seed: number, items = 40, rows = 4): IntegerProgram {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const weights = Array.from({ length: rows }, () => Array.from({ length: items }, () => 5 + Math.floor(next() * 40)));
  return {
    offset: 0,
    integralObjective: true,
    columns: Array.from({ length: items }, (_, j) => ({ name: `x${j}`, lower: 0, upper: 1, integer: true, cost: 10 + Math.floor(next() * 50) })),
    rows: weights.map((w, i) => ({
      name: `r${i}`,
      label: `knapsack ${i}`,
      lower: -Infinity,
      upper: Math.floor(w.reduce((a, b) => a + b, 0) / 3),
      terms: new Map(w.map((v, j) => [j, v])),
    })),
  };
}

/** A multi-knapsack HiGHS finds plans of at once and does not prove in 20 s: a solve that is still at work when stopped. */
export function hardKnapsack(): IntegerProgram {
  return multiKnapsack(3, 400, 30);
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leaveOutUnneeded } from "../src/pipeline/explain.js";

type Feasibility = "feasible" | "infeasible" | "undecided";

/**
 * A feasibility oracle over sets of classes, monotone as the explanation's questions are (a set is
 * infeasible when it holds one of the conflicts, and then so is every set holding it), with some
 * sets left undecided, and answers that arrive after random delays.
 */
function oracle(conflicts: number[][], undecided: Set<string>, delays: number[]) {
  let asked = 0;
  return async (classes: Set<number>): Promise<Feasibility> => {
    await new Promise((resolve) => setTimeout(resolve, delays[asked++ % delays.length]));
    const key = [...classes].sort((a, b) => a - b).join(",");
    if (undecided.has(key)) return "undecided";
    return conflicts.some((c) => c.every((k) => classes.has(k))) ? "infeasible" : "feasible";
  };
}

/** The filter asking about one class at a time, as explain.ts did before it asked two at once. */
async function oneAtATime(required: Set<number>, ask: (classes: Set<number>) => Promise<Feasibility>): Promise<void> {
  for (const k of [...required]) {
    required.delete(k);
    if ((await ask(required)) !== "infeasible") required.add(k);
  }
}

describe("the deletion filter over mustMove classes", () => {
  it("leaves the same classes asking two at a time as asking one at a time, whatever the answers' order", async () => {
    const n = 10;
    const set = fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(set, { minLength: 1, maxLength: 4 }),
        fc.array(set, { maxLength: 30 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }),
        async (conflicts, undecidedSets, delays) => {
          const undecided = new Set(undecidedSets.map((s) => [...s].sort((a, b) => a - b).join(",")));
          const everyone = () => new Set(Array.from({ length: n }, (_, k) => k));
          const byPairs = everyone();
          await leaveOutUnneeded(byPairs, oracle(conflicts, undecided, delays));
          const byOne = everyone();
          await oneAtATime(byOne, oracle(conflicts, undecided, [0]));
          expect([...byPairs].sort((a, b) => a - b)).toEqual([...byOne].sort((a, b) => a - b));
          // Without undecided answers, what is left is a conflict with nothing to spare.
          if (undecided.size === 0) expect(conflicts.some((c) => c.length === byPairs.size && c.every((k) => byPairs.has(k)))).toBe(true);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});

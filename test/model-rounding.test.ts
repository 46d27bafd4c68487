import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Scenario } from "../src/domain/index.js";
import { generateScenario, namedScenario } from "../src/generate/index.js";
import { buildModel, withCoverRows } from "../src/model/build.js";
import { maxViolation, objectiveOf, relaxation } from "../src/model/program.js";
import { roundedSolution } from "../src/model/rounding.js";
import { solvePolicy, solveScenario } from "../src/pipeline/solve.js";
import { relativeGap } from "../src/solvers/bound.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";

// The LP rounding (src/model/rounding.ts): the plan answered when the neighbourhood search finds
// none, and the answer itself when it is within the requested gap of the LP bound.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

/** The model under `preset` and the rounding of its LP with the cover rows, as the solver does it. */
function rounding(s: Scenario, preset: string) {
  const model = buildModel(s, { policy: solvePolicy(s, { model: preset }) });
  const lp = highs(relaxation(withCoverRows(model)), { gap: 0, seed: 0 }, NO_HOOKS);
  if (lp.status !== "solution") throw new Error(`LP: ${lp.status}`);
  return { model, lpBound: lp.objective, rounded: roundedSolution(model, lp.values) };
}

describe("the LP rounding", () => {
  // A later wave's beds row also counts the singles placed in earlier waves: where the units run out,
  // the placement closed must come from that row, whichever wave it is in.
  it.each([
    [3, "default"],
    [1, "strict-priority"],
  ])("reaches a feasible plan where a dated beds row overflows with earlier waves' singles (seed %i, %s)", (seed, preset) => {
    const s = parseScenario(generateScenario({ seed, employees: 1000, towers: 8, waves: 3 }));
    const { model, lpBound, rounded } = rounding(s, preset);
    expect(rounded).toBeDefined();
    expect(maxViolation(model.program, rounded!)).toBeLessThanOrEqual(1e-6);
    expect(objectiveOf(model.program, rounded!)).toBeLessThanOrEqual(lpBound + 1e-6);
  });

  // Without the cover rows the LP shares the one unit between a man who must move and two women
  // worth more (a third of it his). Rounded, the unit goes to one gender only: opened in the model's
  // order it goes to the women and leaves the man none, so it must open for him first.
  it("opens units for singles who must move first where the model's order leaves them none", () => {
    const single = (id: string, gender: "F" | "M", agency: string, mustMove = false) => ({ id, agency, group: "ASN", gender, availableFrom: "2024-07-01", mustMove });
    const s = parseScenario({
      id: "must-move-man",
      agencies: [
        { id: "LOW", priority: 5 },
        { id: "HIGH", priority: 1 },
      ],
      towers: [{ id: "T1", zone: "Z1", readyDate: "2024-07-01", reservedFor: ["ASN"] }],
      units: [{ id: "U1", tower: "T1", bedrooms: 3, maxOccupants: 6 }],
      waves: [{ id: "W1", date: "2024-07-29" }],
      employees: [single("WOMAN-1", "F", "HIGH"), single("WOMAN-2", "F", "HIGH"), single("MAN", "M", "LOW", true)],
    });
    const model = buildModel(s, { policy: solvePolicy(s, {}) });
    const lp = highs(relaxation(model.program), { gap: 0, seed: 0 }, NO_HOOKS);
    if (lp.status !== "solution") throw new Error(`LP: ${lp.status}`);
    const shared = model.singlesUnits.map((u) => lp.values[u.column]);
    expect(shared.every((v) => v > 0 && v < 1)).toBe(true);

    const rounded = roundedSolution(model, lp.values);
    expect(rounded).toBeDefined();
    expect(maxViolation(model.program, rounded!)).toBeLessThanOrEqual(1e-6);
    const placed = (gender: "F" | "M") => model.placements.filter((pc) => model.classes[pc.cls].gender === gender).reduce((n, pc) => n + rounded![pc.column], 0);
    expect([placed("M"), placed("F")]).toEqual([1, 0]);
  });

  it("is the answer, stopping the neighbourhood search, when it is within the requested gap", async () => {
    const s = namedScenario("ikn-2024-2k");
    const { model, lpBound, rounded } = rounding(s, "families-first");
    expect(rounded).toBeDefined();
    const roundedObjective = objectiveOf(model.program, rounded!);
    const gap = 2 * relativeGap(roundedObjective, lpBound);
    expect(gap).toBeLessThan(1e-3);

    const plan = await solveScenario(s, { model: "families-first", gap });
    expect(plan.objective).toBeCloseTo(roundedObjective, 6);
    expect(plan.status).toBe("feasible");
    expect(relativeGap(plan.objective!, plan.bound!)).toBeLessThanOrEqual(gap);
  });
});

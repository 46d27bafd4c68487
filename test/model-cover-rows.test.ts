import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy, type Scenario, type ScenarioInput } from "../src/domain/index.js";
import { buildModel, withCoverRows } from "../src/model/build.js";
import { maxViolation, relaxation, type IntegerProgram } from "../src/model/program.js";
import type { BackendSolve } from "../src/solvers/types.js";
import { NO_HOOKS, loadHighsBackend } from "./support/highs-backend.js";
import { randomScenario } from "./support/random-scenarios.js";

// The cover rows (docs/formulation.md): singles who must move and may live only in some unit classes
// need whole units opened there for their gender. Every integer solution of the program satisfies
// them, so they tighten the LP bound without changing the optimum.

let highs: BackendSolve;
beforeAll(async () => {
  highs = await loadHighsBackend();
});

const modelOf = (s: Scenario) => buildModel(s, { policy: scenarioPolicy(s) });

function optimum(p: IntegerProgram) {
  const r = highs(p, { gap: 0, seed: 0 }, NO_HOOKS);
  if (r.status !== "solution") throw new Error(`expected a solution, got ${r.status}`);
  return r;
}

/** An ASN employee available for the first wave. */
const person = (id: string, gender: "F" | "M", agency: string, extra: { mustMove?: boolean; requiredBy?: string } = {}) => ({ id, agency, group: "ASN", gender, availableFrom: "2024-07-29", ...extra });
/** A three-bedroom unit. */
const unit = (id: string, tower: string) => ({ id, tower, bedrooms: 3, maxOccupants: 6 });

/** Two three-bedroom units, one man who must move and four women of a higher priority who may. */
function oneManMustMove(pinned: ScenarioInput["pinned"] = []): Scenario {
  return parseScenario({
    id: "cover-one-man",
    agencies: [
      { id: "KEMENSETNEG", name: "Kementerian Sekretariat Negara", priority: 1 },
      { id: "KEMENAG", name: "Kementerian Agama", priority: 3 },
    ],
    towers: [{ id: "ASN-01", zone: "WP-1A", readyDate: "2024-07-01", reservedFor: ["ASN"] }],
    units: [unit("ASN-01-0301", "ASN-01"), unit("ASN-01-0302", "ASN-01")],
    waves: [{ id: "W1", date: "2024-07-29" }],
    employees: [person("m1", "M", "KEMENAG", { mustMove: true }), person("m2", "M", "KEMENAG"), ...["f1", "f2", "f3", "f4"].map((id) => person(id, "F", "KEMENSETNEG"))],
    pinned,
  });
}

/**
 * Four men who must move, units of three bedrooms: two ready for the first wave, one only for the
 * second. Three women of a low priority may move in the first wave only, and the second wave is
 * 300 days later, more than a woman's value.
 */
function fourMenMustMove(): Scenario {
  return parseScenario({
    id: "cover-four-men",
    agencies: [
      { id: "KEMENAG", name: "Kementerian Agama", priority: 3 },
      { id: "KEMENPORA", name: "Kementerian Pemuda dan Olahraga", priority: 5 },
    ],
    towers: [
      { id: "ASN-01", zone: "WP-1A", readyDate: "2024-07-01", reservedFor: ["ASN"] },
      { id: "ASN-02", zone: "WP-1A", readyDate: "2025-05-01", reservedFor: ["ASN"] },
    ],
    units: [unit("ASN-01-0301", "ASN-01"), unit("ASN-01-0302", "ASN-01"), unit("ASN-02-0301", "ASN-02")],
    waves: [
      { id: "W1", date: "2024-07-29" },
      { id: "W2", date: "2025-05-25" },
    ],
    employees: [
      ...["m1", "m2", "m3", "m4"].map((id) => person(id, "M", "KEMENAG", { mustMove: true })),
      ...["f1", "f2", "f3"].map((id) => person(id, "F", "KEMENPORA", { requiredBy: "2024-08-30" })),
    ],
  });
}

describe("cover rows", () => {
  it("open a whole unit for one man who must move, where the LP opens a third of one", () => {
    const model = modelOf(oneManMustMove());
    expect(model.coverRows).toHaveLength(1);
    const [row] = model.coverRows;
    expect(row.lower).toBe(1);
    const men = model.singlesUnits.filter((s) => s.gender === "M").map((s) => s.column);
    expect([...row.terms.keys()].sort()).toEqual(men.sort());

    const lp = optimum(relaxation(model.program));
    const tighter = optimum(relaxation(withCoverRows(model)));
    const best = optimum(model.program);
    expect(lp.objective).toBeGreaterThan(best.objective + 1);
    // Here the rows close the whole gap: one unit for the men, one for three of the four women.
    expect(tighter.objective).toBeCloseTo(best.objective, 6);
  });

  it("round the dated cover for more singles than a unit holds: two units by the first wave, or the rest later", () => {
    // The LP opens 4/3 units for the men in the first wave and 2/3 for two women (2 × 250); a whole
    // unit each leaves the fourth man 300 days to wait (3 × 250 − 300). Two units by the first wave
    // and none for the women is worse still. The dated row X + 1·S ≥ 2 (r = 4 − 3 = 1) says so.
    const model = modelOf(fourMenMustMove());
    const rows = new Map(model.coverRows.map((r) => [r.name, r]));
    const men = model.singlesUnits.filter((s) => s.gender === "M");
    const byFirstWave = rows.get(`cover_M_${model.classes.findIndex((c) => !c.family && c.gender === "M")}_2024-07-29`);
    expect(byFirstWave?.lower).toBe(2);
    const laterPlacements = model.placements.filter((p) => model.waves[p.wave] === "W2" && !model.classes[p.cls].family && model.classes[p.cls].gender === "M");
    const openedByFirst = men.filter((s) => s.date === "2024-07-29");
    expect(new Map(byFirstWave!.terms)).toEqual(new Map([...laterPlacements.map((p) => [p.column, 1] as const), ...openedByFirst.map((s) => [s.column, 1] as const)]));

    const best = optimum(model.program);
    const totalOnly = model.coverRows.filter((r) => r !== byFirstWave);
    expect(optimum(relaxation({ ...model.program, rows: [...model.program.rows, ...totalOnly] })).objective).toBeCloseTo(best.objective + 50, 6);
    expect(optimum(relaxation(withCoverRows(model))).objective).toBeCloseTo(best.objective, 6);
  });

  it("count the free beds of units that hold pinned singles of that gender", () => {
    // m2 pinned into one unit leaves two beds for men there, enough for m1: no unit need open.
    const model = modelOf(oneManMustMove([{ employee: "m2", unit: "ASN-01-0301", wave: "W1" }]));
    expect(model.unitClasses.some((u) => u.partial?.gender === "M")).toBe(true);
    expect(model.coverRows).toEqual([]);
  });

  it("leave the optimum unchanged and hold for it, on the random scenarios that have them", () => {
    let covered = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const model = modelOf(randomScenario(seed));
      if (model.coverRows.length === 0) continue;
      covered++;
      const label = `seed ${seed}`;
      const plain = highs(model.program, { gap: 0, seed: 0 }, NO_HOOKS);
      const strengthened = highs(withCoverRows(model), { gap: 0, seed: 0 }, NO_HOOKS);
      expect(strengthened.status, label).toBe(plain.status);
      if (plain.status !== "solution" || strengthened.status !== "solution") continue;
      expect(strengthened.objective, label).toBeCloseTo(plain.objective, 6);
      expect(maxViolation(withCoverRows(model), plain.values), label).toBeLessThanOrEqual(1e-6);
      const lp = optimum(relaxation(withCoverRows(model)));
      expect(lp.objective, label).toBeGreaterThanOrEqual(plain.objective - 1e-6);
    }
    expect(covered).toBeGreaterThanOrEqual(30);
  });
});

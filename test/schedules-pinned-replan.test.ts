import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHOOL_LEVELS, ScenarioIndex, parseScenario, persons, scenarioPolicy, schoolNeeds, type Scenario } from "../src/domain/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { pinPrevious } from "../src/plan/pin-previous.js";

const c3 = JSON.parse(readFileSync(new URL("../fixtures/conformance/c3-no-sharing.json", import.meta.url), "utf8"));

/**
 * The problem left once the pins are fixed, written out directly: pinned employees and their units
 * gone, wave capacities and school seats reduced by what the pins use. Exact only because sharing
 * is off (a pinned unit is full) and every pin is in the earliest wave (its children hold their
 * seats in every wave).
 */
function remainingProblem(s: Scenario): Scenario {
  const index = new ScenarioIndex(s);
  const pinnedEmployees = s.pinned.map((p) => index.employee.get(p.employee)!);
  const seatsTaken = new Map<string, number>();
  for (const p of s.pinned) {
    const zone = index.unitZone(index.unit.get(p.unit)!);
    const needs = schoolNeeds(index.employee.get(p.employee)!);
    for (const level of SCHOOL_LEVELS) seatsTaken.set(`${zone}/${level}`, (seatsTaken.get(`${zone}/${level}`) ?? 0) + needs[level]);
  }
  const schools = s.schools.map((school) => {
    const key = `${school.zone}/${school.level}`;
    const taken = Math.min(school.seats, seatsTaken.get(key) ?? 0);
    seatsTaken.set(key, (seatsTaken.get(key) ?? 0) - taken);
    return { ...school, seats: school.seats - taken };
  });
  const waves = s.waves.map((w) => {
    const inWave = s.pinned.filter((p) => p.wave === w.id).map((p) => index.employee.get(p.employee)!);
    return {
      ...w,
      maxHouseholds: w.maxHouseholds === undefined ? undefined : w.maxHouseholds - inWave.length,
      maxPersons: w.maxPersons === undefined ? undefined : w.maxPersons - inWave.reduce((n, e) => n + persons(e), 0),
    };
  });
  const pinnedUnits = new Set(s.pinned.map((p) => p.unit));
  return {
    ...s,
    schools,
    waves,
    units: s.units.filter((u) => !pinnedUnits.has(u.id)),
    employees: s.employees.filter((e) => !pinnedEmployees.includes(e)),
    pinned: [],
  };
}

describe("re-planning with past waves pinned", () => {
  it("keeps every pinned placement and reaches the optimum of the remaining problem", async () => {
    const v1 = parseScenario(c3);
    const first = await solveScenario(v1, { solver: "highs" });
    expect(first.objective).toBe(14593);

    // The next version: two more tier-1 employees who can only come in the second wave.
    const tier1 = v1.agencies.find((a) => a.priority === 1)!.id;
    const v2 = parseScenario({
      ...c3,
      employees: [
        ...c3.employees,
        { id: "new-single", agency: tier1, group: "ASN", gender: "F", availableFrom: "2024-09-01" },
        { id: "new-family", agency: tier1, group: "ASN", gender: "M", spouse: true, children: ["SD"], availableFrom: "2024-09-01" },
      ],
    });
    const pinned = pinPrevious(v2, first.placements, "2024-08-01");
    const w1 = first.placements.filter((p) => p.wave === "W1");
    expect(pinned.pinned).toEqual(w1);
    expect(w1.length).toBeGreaterThan(0);

    const replanned = await solveScenario(pinned, { solver: "highs" });
    expect(replanned.status).toBe("optimal");
    expect(replanned.placements).toEqual(expect.arrayContaining(w1));

    const remaining = await solveScenario(remainingProblem(pinned), { solver: "highs" });
    expect(remaining.status).toBe("optimal");
    const index = new ScenarioIndex(pinned);
    const policy = scenarioPolicy(pinned);
    const pinnedValue = w1.reduce((z, p) => z + index.placementValue(index.employee.get(p.employee)!, index.unit.get(p.unit)!, index.wave.get(p.wave)!, policy), 0);
    expect(replanned.objective).toBeCloseTo(pinnedValue + remaining.objective!, 6);
  });
});

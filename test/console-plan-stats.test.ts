import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/domain/index.js";
import type { Plan } from "../src/domain/plan.js";
import { planStats, unitSlots } from "../web/src/plan-stats.js";

// A scenario small enough to count by hand: two towers (one numbered by floor, one not), two waves
// listed out of date order, schools that open between the waves.
const scenario = parseScenario({
  id: "hand",
  agencies: [
    { id: "A1", priority: 1 },
    { id: "A2", priority: 3 },
  ],
  towers: [
    { id: "T1", zone: "Z1", readyDate: "2024-07-01", reservedFor: ["ASN"] },
    { id: "T2", zone: "Z2", readyDate: "2024-07-01", reservedFor: ["ASN"] },
  ],
  units: [
    { id: "T1-0101", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "T1-0102", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "T1-0201", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "X", tower: "T2", bedrooms: 3, maxOccupants: 6 },
    { id: "Y", tower: "T2", bedrooms: 3, maxOccupants: 6 },
  ],
  schools: [
    { id: "SD-1", zone: "Z1", level: "SD", seats: 2, openDate: "2024-07-01" },
    { id: "SD-2", zone: "Z1", level: "SD", seats: 1, openDate: "2024-11-01" },
    { id: "PAUD-2", zone: "Z2", level: "PAUD", seats: 1, openDate: "2024-07-01" },
  ],
  waves: [
    { id: "W2", date: "2024-11-11", maxHouseholds: 5, maxPersons: 10 },
    { id: "W1", date: "2024-07-29", maxHouseholds: 2, maxPersons: 6 },
  ],
  employees: [
    { id: "e1", agency: "A1", group: "ASN", gender: "M", spouse: true, children: ["SD", "PAUD"], availableFrom: "2024-07-01" },
    { id: "e2", agency: "A1", group: "ASN", gender: "F", availableFrom: "2024-07-01" },
    { id: "e3", agency: "A2", group: "ASN", gender: "F", availableFrom: "2024-07-01" },
    { id: "e4", agency: "A2", group: "ASN", gender: "M", availableFrom: "2024-07-01" },
    { id: "e5", agency: "A2", group: "ASN", gender: "F", spouse: true, children: ["SD"], availableFrom: "2024-07-01" },
    { id: "e6", agency: "A1", group: "ASN", gender: "M", availableFrom: "2024-07-01" },
  ],
});

const plan: Plan = {
  scenarioId: "hand",
  status: "feasible",
  objective: 100,
  bound: 110,
  solver: { name: "highs", timeMs: 5 },
  placements: [
    { employee: "e1", unit: "T1-0101", wave: "W1" },
    { employee: "e2", unit: "T1-0102", wave: "W1" },
    { employee: "e3", unit: "T1-0102", wave: "W2" },
    { employee: "e5", unit: "T1-0201", wave: "W2" },
    { employee: "e6", unit: "X", wave: "W2" },
  ],
  unplaced: [{ employee: "e4", reason: "no room" }],
};

describe("plan view statistics", () => {
  const stats = planStats(scenario, plan);

  it("counts households, persons, families and singles placed and unplaced", () => {
    expect(stats.households).toEqual({ placed: 5, unplaced: 1 });
    expect(stats.persons).toEqual({ placed: 4 + 1 + 1 + 3 + 1, unplaced: 1 });
    expect(stats.familiesHoused).toBe(2);
    expect(stats.singlesHoused).toBe(3);
    expect(stats.gap).toBeCloseTo(0.1);
  });

  it("counts placements per priority tier against the tier's employees, leaving out empty tiers", () => {
    expect(stats.tiers).toEqual([
      { tier: 1, placed: 3, total: 3 },
      { tier: 3, placed: 2, total: 3 },
    ]);
  });

  it("sums each wave in date order next to its caps", () => {
    expect(stats.waves).toEqual([
      { id: "W1", date: "2024-07-29", households: 2, persons: 5, maxHouseholds: 2, maxPersons: 6 },
      { id: "W2", date: "2024-11-11", households: 3, persons: 5, maxHouseholds: 5, maxPersons: 10 },
    ]);
  });

  it("lays towers out top floor first, shared units by gender with their earliest move-in wave", () => {
    const [t1, t2] = stats.towers;
    expect(t1.floors.map((f) => [f.floor, f.units.map((u) => [u.id, u.kind, u.wave, u.occupants.length])])).toEqual([
      [2, [["T1-0201", "family", "W2", 1]]],
      [
        1,
        [
          ["T1-0101", "family", "W1", 1],
          ["T1-0102", "singles-F", "W1", 2],
        ],
      ],
    ]);
    expect(t2.floors.map((f) => [f.floor, f.units.map((u) => [u.id, u.kind, u.wave])])).toEqual([
      [
        null,
        [
          ["X", "singles-M", "W2"],
          ["Y", "empty", null],
        ],
      ],
    ]);
    expect([t1.occupiedUnits, t1.units, t2.occupiedUnits, t2.units]).toEqual([3, 3, 1, 2]);
  });

  it("counts school seats cumulatively per wave: children placed by then against seats open by then", () => {
    expect(stats.schools).toEqual([
      { zone: "Z1", level: "PAUD", byWave: [{ used: 1, available: 0 }, { used: 1, available: 0 }] },
      { zone: "Z1", level: "SD", byWave: [{ used: 1, available: 2 }, { used: 2, available: 3 }] },
      { zone: "Z2", level: "PAUD", byWave: [{ used: 0, available: 1 }, { used: 0, available: 1 }] },
    ]);
  });

  it("finds an employee by NIP: where and when, why not, or nobody", () => {
    expect(stats.find(" e1 ")).toMatchObject({ kind: "placed", row: { unit: "T1-0101", tower: "T1", floor: 1, wave: "W1", date: "2024-07-29" } });
    expect(stats.find("e4")).toMatchObject({ kind: "unplaced", row: { reason: "no room", tier: 3 } });
    expect(stats.find("nobody")).toEqual({ kind: "unknown" });
    expect(stats.reasons).toEqual(["no room"]);
  });

  it("takes a unit's own floor over its number, and its number over scenario order", () => {
    const slots = unitSlots([
      { id: "T-0307", tower: "T", bedrooms: 1, maxOccupants: 1, accessible: false, floor: 9 },
      { id: "T-0512", tower: "T", bedrooms: 1, maxOccupants: 1, accessible: false },
      { id: "loose", tower: "T", bedrooms: 1, maxOccupants: 1, accessible: false },
    ]);
    expect([...slots.values()]).toEqual([
      { floor: 9, position: 7 },
      { floor: 5, position: 12 },
      { floor: null, position: 2 },
    ]);
  });

  it("shows an infeasible answer as nobody placed, every unit empty, with its explanation", () => {
    const infeasible = planStats(scenario, {
      ...plan,
      status: "infeasible",
      objective: null,
      bound: null,
      placements: [],
      unplaced: scenario.employees.map((e) => ({ employee: e.id, reason: "infeasible" })),
      explanation: "pinned[0] breaks constraint 2",
    });
    expect(infeasible.gap).toBeNull();
    expect(infeasible.households).toEqual({ placed: 0, unplaced: 6 });
    expect(infeasible.towers.flatMap((t) => t.floors.flatMap((f) => f.units.map((u) => u.kind)))).toEqual(Array(5).fill("empty"));
    expect(infeasible.explanation).toBe("pinned[0] breaks constraint 2");
  });
});

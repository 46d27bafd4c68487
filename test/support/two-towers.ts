import { parseScenario, type Placement, type Plan, type ScenarioInput } from "../../src/domain/index.js";

/**
 * Five employees, two towers 10 and 30 minutes from the offices, two waves 28 and 137 days after
 * everyone is available: small enough that every number in a comparison can be worked out by hand.
 */
export const twoTowersInput: ScenarioInput = {
  id: "two-towers",
  agencies: [
    { id: "A1", priority: 1, officeZone: "KIPP" },
    { id: "A2", priority: 3, officeZone: "KIPP" },
  ],
  zones: [{ id: "KIPP", travelMinutes: { WP1: 10, WP2: 30 } }, { id: "WP1" }, { id: "WP2" }],
  towers: [
    { id: "T1", zone: "WP1", readyDate: "2024-07-01", reservedFor: ["ASN"] },
    { id: "T2", zone: "WP2", readyDate: "2024-07-01", reservedFor: ["ASN"] },
  ],
  units: [
    { id: "T1-01", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "T1-02", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "T2-01", tower: "T2", bedrooms: 3, maxOccupants: 6 },
    { id: "T2-02", tower: "T2", bedrooms: 3, maxOccupants: 6 },
  ],
  schools: [
    { id: "SD-1", zone: "WP1", level: "SD", seats: 10, openDate: "2024-07-01" },
    { id: "PAUD-1", zone: "WP1", level: "PAUD", seats: 10, openDate: "2024-07-01" },
  ],
  waves: [
    { id: "W1", date: "2024-07-29" },
    { id: "W2", date: "2024-11-15" },
  ],
  employees: [
    { id: "e1", agency: "A1", group: "ASN", gender: "M", spouse: true, children: ["SD", "PAUD"], availableFrom: "2024-07-01" },
    { id: "e2", agency: "A1", group: "ASN", gender: "M", availableFrom: "2024-07-01" },
    { id: "e3", agency: "A2", group: "ASN", gender: "M", availableFrom: "2024-07-01" },
    { id: "e4", agency: "A2", group: "ASN", gender: "F", availableFrom: "2024-07-01" },
    { id: "e5", agency: "A2", group: "ASN", gender: "F", spouse: true, availableFrom: "2024-07-01" },
  ],
};

export const twoTowers = parseScenario(twoTowersInput);

/** A plan of `twoTowers` that places exactly `placements`; everyone else is unplaced for `reason`. */
export function planOf(placements: Placement[], extra: Partial<Plan> = {}, reason = "no unit left"): Plan {
  const placed = new Set(placements.map((p) => p.employee));
  return {
    scenarioId: twoTowers.id,
    status: "optimal",
    objective: 0,
    bound: 0,
    solver: { name: "hand", timeMs: 5 },
    placements,
    unplaced: twoTowers.employees.filter((e) => !placed.has(e.id)).map((e) => ({ employee: e.id, reason })),
    ...extra,
  };
}

/** e1 and e2 in the first wave near the office, e3 and e5 in the second; e4 unplaced. */
export const planA = planOf([
  { employee: "e1", unit: "T1-01", wave: "W1" },
  { employee: "e2", unit: "T1-02", wave: "W1" },
  { employee: "e3", unit: "T1-02", wave: "W2" },
  { employee: "e5", unit: "T2-01", wave: "W2" },
]);

/** Against planA: e1 a wave later, e2 a wave later in the other tower, e3 out, e4 in, e5 unchanged. */
export const planB = planOf([
  { employee: "e1", unit: "T1-01", wave: "W2" },
  { employee: "e2", unit: "T2-02", wave: "W2" },
  { employee: "e4", unit: "T1-02", wave: "W1" },
  { employee: "e5", unit: "T2-01", wave: "W2" },
]);

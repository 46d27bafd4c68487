import { describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy, type Plan, type Scenario, type ScenarioInput } from "../src/domain/index.js";
import { explainConflict } from "../src/pipeline/explain.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { checkPlan } from "../src/plan/check.js";
import { solvePerEmployee } from "./support/per-employee-model.js";

// Scenarios where mustMove employees cannot all be placed, one reason each. Ids E01..E06 never
// contain one another, so "the explanation names E0x" is a plain substring test.

type Employee = NonNullable<ScenarioInput["employees"]>[number];

const person = (id: string, extra: Partial<Employee> = {}): Employee => ({
  id,
  agency: "KL1",
  group: "ASN",
  gender: "F",
  availableFrom: "2024-07-01",
  ...extra,
});

/** Two ASN towers in Z1 (one ready in July, one in November), a POLRI tower, two waves, SD seats. */
function scenario(employees: Employee[], edit: (s: ScenarioInput) => void = () => {}): Scenario {
  const s: ScenarioInput = {
    id: "infeasible",
    agencies: [{ id: "KL1", priority: 1, officeZone: "Z0" }],
    zones: [{ id: "Z0", travelMinutes: { Z1: 10 } }, { id: "Z1" }],
    towers: [
      { id: "T1", zone: "Z1", readyDate: "2024-07-01", reservedFor: ["ASN"] },
      { id: "T2", zone: "Z1", readyDate: "2024-11-01", reservedFor: ["ASN"] },
      { id: "T3", zone: "Z1", readyDate: "2024-07-01", reservedFor: ["POLRI"] },
    ],
    units: [
      { id: "U1", tower: "T1", bedrooms: 3, maxOccupants: 6 },
      { id: "U2", tower: "T2", bedrooms: 3, maxOccupants: 6 },
      { id: "U3", tower: "T3", bedrooms: 3, maxOccupants: 6, accessible: true },
    ],
    schools: [{ id: "SD1", zone: "Z1", level: "SD", seats: 1, openDate: "2024-07-01" }],
    waves: [
      { id: "W1", date: "2024-07-29" },
      { id: "W2", date: "2024-11-15" },
    ],
    employees,
  };
  edit(s);
  return parseScenario(s);
}

interface Case {
  name: string;
  scenario: Scenario;
  /** Exactly the employees the explanation must name. */
  names: string[];
  /** Placeable employees that cannot all be placed together (not a single unplaceable one). */
  conflict?: true;
  /** What the explanation must give as the binding resource. */
  binding?: string;
}

const cases: Case[] = [
  {
    name: "no tower is reserved for the group (an optional colleague of the same kind is not named)",
    scenario: scenario([person("E01", { group: "BIN", mustMove: true }), person("E02", { group: "BIN" }), person("E03")]),
    names: ["E01"],
  },
  {
    name: "the group's only tower has no units",
    scenario: scenario([person("E01", { group: "POLRI", mustMove: true }), person("E02")], (s) => {
      s.units = s.units.filter((u) => u.tower !== "T3");
    }),
    names: ["E01"],
  },
  {
    name: "no waves at all",
    scenario: scenario([person("E01", { mustMove: true }), person("E02")], (s) => {
      s.waves = [];
    }),
    names: ["E01"],
  },
  {
    name: "the only unit ready by requiredBy is reserved for others",
    scenario: scenario([person("E01", { requiredBy: "2024-08-01", mustMove: true }), person("E02")], (s) => {
      s.units = s.units.filter((u) => u.id !== "U1");
    }),
    names: ["E01"],
  },
  {
    name: "needs an accessible unit and only another group's is accessible",
    scenario: scenario([person("E01", { needsAccessible: true, mustMove: true }), person("E02", { needsAccessible: true })]),
    names: ["E01"],
  },
  {
    name: "a family with two SD children and one SD seat",
    scenario: scenario([person("E01", { spouse: true, children: ["SD", "SD"], mustMove: true }), person("E02")]),
    names: ["E01"],
  },
  {
    name: "two mustMove singles who could share a unit and a wave that takes one household",
    scenario: scenario([person("E01", { mustMove: true }), person("E02", { mustMove: true }), person("E03")], (s) => {
      s.waves = [{ id: "W1", date: "2024-07-29", maxHouseholds: 1 }];
    }),
    names: ["E01", "E02"],
    conflict: true,
    binding: "binding: wave W1 capacity of 1 households)",
  },
  {
    name: "two mustMove families with more persons than the only wave takes",
    scenario: scenario(
      [person("E01", { spouse: true, mustMove: true }), person("E02", { gender: "M", spouse: true, children: ["NONE"], mustMove: true }), person("E03", { spouse: true })],
      (s) => {
        s.waves = [{ id: "W2", date: "2024-11-15", maxPersons: 4 }];
      },
    ),
    names: ["E01", "E02"],
    conflict: true,
    // The wave's capacity, not the definition of its household-size columns (docs/formulation.md).
    binding: "binding: wave W2 capacity of 4 persons)",
  },
  {
    name: "two mustMove families with SD children and one SD seat",
    scenario: scenario([
      person("E01", { spouse: true, children: ["SD"], mustMove: true }),
      person("E02", { gender: "M", children: ["SD", "NONE"], mustMove: true }),
      person("E03", { children: ["SD"] }),
    ]),
    names: ["E01", "E02"],
    conflict: true,
    binding: "binding: SD school seats in zone Z1 open by 2024-11-15)",
  },
  {
    name: "two mustMove families and one unit (the other ASN unit's tower opens after both are required)",
    scenario: scenario(
      [person("E01", { spouse: true, requiredBy: "2024-08-16", mustMove: true }), person("E02", { gender: "M", spouse: true, requiredBy: "2024-08-16", mustMove: true }), person("E03")],
    ),
    names: ["E01", "E02"],
    conflict: true,
    // Each family's placement is bounded by the one unit as well: the capacity is named all the same.
    binding: "binding: the 1 unit(s) of U1, U2 (zone Z1, ready 2024-07-01) ready by 2024-07-29)",
  },
  {
    name: "two mustMove families who need an accessible unit, and one accessible unit",
    scenario: scenario(
      [
        person("E01", { group: "POLRI", spouse: true, needsAccessible: true, mustMove: true }),
        person("E02", { group: "POLRI", gender: "M", spouse: true, needsAccessible: true, mustMove: true }),
        person("E03", { group: "POLRI" }),
      ],
    ),
    names: ["E01", "E02"],
    conflict: true,
    binding: "binding: the 1 unit(s) of U3 (zone Z1, ready 2024-07-01, accessible) ready by 2024-11-15)",
  },
  {
    name: "three mustMove families and two units of different sizes",
    scenario: scenario(
      [
        person("E01", { spouse: true, mustMove: true }),
        person("E02", { gender: "M", spouse: true, mustMove: true }),
        person("E03", { spouse: true, children: ["NONE"], mustMove: true }),
      ],
      (s) => {
        s.units[1] = { id: "U2", tower: "T1", bedrooms: 2, maxOccupants: 4 };
      },
    ),
    names: ["E01", "E02", "E03"],
    conflict: true,
    binding: "binding: the 1 unit(s) of ",
  },
];

function expectInfeasible(plan: Plan, c: Case) {
  const s = c.scenario;
  expect(plan.status).toBe("infeasible");
  expect(plan.objective).toBeNull();
  expect(plan.bound).toBeNull();
  expect(plan.placements).toEqual([]);
  expect(plan.unplaced.map((u) => u.employee).sort()).toEqual(s.employees.map((e) => e.id).sort());
  const named = s.employees.map((e) => e.id).filter((id) => plan.explanation?.includes(id));
  expect(named, plan.explanation).toEqual(c.names);
  if (c.binding) expect(plan.explanation).toContain(c.binding);
  expect(checkPlan(s, plan).violations.map((v) => v.message)).toEqual([]);
}

describe("mustMove employees that cannot be placed: infeasible, with the right employees named", () => {
  it.each(cases)("$name: the per-employee model agrees that no plan exists", async (c) => {
    expect((await solvePerEmployee(c.scenario)).status).toBe("infeasible");
  });

  // A conflict between placeable employees is explained by a deletion filter of HiGHS feasibility
  // runs on solver threads (seconds each), and the explanation does not depend on the backend that
  // found the conflict: those cases alternate between the backends.
  const runs = cases.flatMap((c, i) => {
    return (["highs", "jslp"] as const).filter((_, j) => !c.conflict || i % 2 === j).map((backend) => ({ ...c, backend }));
  });

  it.each(runs)("$name ($backend)", async (c) => {
    expectInfeasible(await solveScenario(c.scenario, { solver: c.backend }), c);
  });

  it("a mustMove single whose only eligible unit a pinned family holds: the explanation gives that reason, not the tower's reservation", async () => {
    const s = scenario([person("E01", { spouse: true }), person("E02", { gender: "M", mustMove: true })], (input) => {
      input.units = input.units!.filter((u) => u.id === "U1");
      input.pinned = [{ employee: "E01", unit: "U1", wave: "W1" }];
    });
    expect((await solvePerEmployee(s)).status).toBe("infeasible");
    const plan = await solveScenario(s, { solver: "highs" });
    expect(plan.status).toBe("infeasible");
    expect(plan.explanation).toContain("E02");
    // T1 is reserved for ASN and E02 is ASN: what stops E02 is the pin on U1.
    expect(plan.explanation).not.toContain("no unit in a tower reserved for its group or agency");
    expect(plan.explanation).toMatch(/U1|E01|pinned/);
  });

  it("without the mustMove flags, a scenario with no waves is optimal at 0, each employee unplaced with its reason", async () => {
    const s = scenario([person("E01", { spouse: true }), person("E02")], (input) => {
      input.waves = [];
    });
    for (const solver of ["highs", "jslp"] as const) {
      const plan = await solveScenario(s, { solver });
      expect([plan.status, plan.objective, plan.bound]).toEqual(["optimal", 0, 0]);
      expect(plan.unplaced).toEqual(["E01", "E02"].map((employee) => ({ employee, reason: "no wave between availableFrom and requiredBy" })));
    }
  });

  it("reports the analysis as its own phase, after solving", async () => {
    const c = cases.find((x) => x.name.startsWith("three mustMove families"))!;
    const phases: string[] = [];
    const plan = await solveScenario(c.scenario, { solver: "highs", onProgress: (p) => phases.push(p.phase) });
    expect(plan.status).toBe("infeasible");
    expect([...new Set(phases)]).toEqual(["validating", "building", "solving", "explaining"]);
    expect(Object.keys(plan.solver.phasesMs ?? {})).toContain("explaining");
  });

  it("past the solve's time limit the analysis decides nothing more, and says so: everyone who must move is named", async () => {
    const c = cases.find((x) => x.name.startsWith("three mustMove families"))!;
    const explanation = await explainConflict(c.scenario, scenarioPolicy(c.scenario), { deadline: Date.now() - 1 });
    expect(explanation).toBe(
      "mustMove employees E01, E02, E03 cannot all be placed (no single capacity was shown to explain it). " +
        "The analysis reached the time limit: the set may not be the smallest, and other capacities may bind.",
    );
  });

  it("without the mustMove flags every one of these scenarios has a plan", async () => {
    for (const c of cases) {
      const relaxed = { ...c.scenario, employees: c.scenario.employees.map((e) => ({ ...e, mustMove: false })) };
      expect((await solvePerEmployee(relaxed)).status, c.name).toBe("optimal");
    }
  });
});

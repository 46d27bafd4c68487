import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PlanSchema, parseScenario, type Placement, type Plan, type Scenario, type ScenarioInput } from "../src/domain/index.js";
import { checkPlan, type ConstraintId } from "../src/plan/check.js";

// A tiny scenario every case edits: two ASN towers (T1 ready in July, T3 in a zone without schools)
// and one POLRI tower ready in November; one SD seat by W1, a second from November.
function tinyScenario(edit: (s: ScenarioInput) => void = () => {}): Scenario {
  const s: ScenarioInput = {
    id: "tiny",
    agencies: [
      { id: "KL1", priority: 1, officeZone: "Z0" },
      { id: "POL", priority: 3 },
    ],
    zones: [{ id: "Z0", travelMinutes: { Z1: 10 } }, { id: "Z1" }, { id: "Z2" }, { id: "Z3" }],
    towers: [
      { id: "T1", zone: "Z1", readyDate: "2024-07-01", reservedFor: ["ASN"] },
      { id: "T2", zone: "Z2", readyDate: "2024-11-01", reservedFor: ["POLRI"] },
      { id: "T3", zone: "Z3", readyDate: "2024-07-01", reservedFor: ["KL1"] },
    ],
    units: [
      { id: "U1", tower: "T1", bedrooms: 3, maxOccupants: 5, accessible: true },
      { id: "U2", tower: "T1", bedrooms: 2, maxOccupants: 3 },
      { id: "U3", tower: "T2", bedrooms: 3, maxOccupants: 6 },
      { id: "U4", tower: "T3", bedrooms: 3, maxOccupants: 6 },
      { id: "U5", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    ],
    schools: [
      { id: "SD1", zone: "Z1", level: "SD", seats: 1, openDate: "2024-07-01" },
      { id: "SD2", zone: "Z1", level: "SD", seats: 1, openDate: "2024-11-01" },
    ],
    // Not in date order on purpose: the checker must date waves, not trust their order.
    waves: [
      { id: "W2", date: "2024-11-15" },
      { id: "W1", date: "2024-07-29", maxHouseholds: 3, maxPersons: 6 },
    ],
    employees: [
      { id: "fam", agency: "KL1", group: "ASN", gender: "M", spouse: true, children: ["SD"], availableFrom: "2024-07-01" },
      { id: "fam2", agency: "KL1", group: "ASN", gender: "F", children: ["SD", "NONE"], availableFrom: "2024-07-01" },
      { id: "f1", agency: "KL1", group: "ASN", gender: "F", availableFrom: "2024-07-15" },
      { id: "f2", agency: "KL1", group: "ASN", gender: "F", availableFrom: "2024-07-15" },
      { id: "f3", agency: "KL1", group: "ASN", gender: "F", availableFrom: "2024-07-15" },
      { id: "m1", agency: "KL1", group: "ASN", gender: "M", availableFrom: "2024-07-15", requiredBy: "2024-08-16" },
      { id: "pol", agency: "POL", group: "POLRI", gender: "M", availableFrom: "2024-07-01" },
    ],
  };
  edit(s);
  return parseScenario(s);
}

const at = (employee: string, unit: string, wave: string): Placement => ({ employee, unit, wave });

/** A feasible-looking plan of these placements, everyone else unplaced, objective and bound as the checker scores them. */
function planFor(s: Scenario, placements: Placement[], fields: Partial<Plan> = {}): Plan {
  const placed = new Set(placements.map((p) => p.employee));
  const unplaced = s.employees.filter((e) => !placed.has(e.id)).map((e) => ({ employee: e.id, reason: "not chosen" }));
  const plan: Plan = { scenarioId: s.id, status: "feasible", objective: 0, bound: 0, solver: { name: "hand", timeMs: 0 }, placements, unplaced };
  const objective = checkPlan(s, plan).objective;
  return { ...plan, objective, bound: objective, ...fields };
}

function brokenConstraints(s: Scenario, plan: Plan): ConstraintId[] {
  return checkPlan(s, plan).violations.map((v) => v.constraint);
}

describe("a correct plan", () => {
  it("passes, with the objective recomputed from MODEL.md's placement values", () => {
    const s = tinyScenario();
    const placements = [at("fam", "U1", "W1"), at("f1", "U2", "W1"), at("f2", "U2", "W1"), at("pol", "U3", "W2")];
    // fam: 1000 + 2500 family bonus − 28 days − 2 × 10 minutes (Z1→Z0, read from Z0's entry) = 3452
    // f1, f2: 1000 − 14 days − 20 = 966 each; pol: tier 3, no office zone, 500 − 137 days = 363
    const plan = planFor(s, placements, { status: "optimal", objective: 5747, bound: 5747 });
    expect(checkPlan(s, plan)).toEqual({ ok: true, violations: [], objective: 5747 });
  });

  it("scores under the plan's own policy, or the one passed in", () => {
    const s = tinyScenario();
    const plan = planFor(s, [at("fam", "U1", "W1")], { objective: 952, bound: 952, policy: { familyBonus: 0, sharing: false } });
    expect(checkPlan(s, plan)).toMatchObject({ ok: true, objective: 952 });
    const policy = { priorityWeights: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, familyBonus: 0, waitPerDay: 0, commutePerMinute: 0, sharing: true };
    expect(checkPlan(s, plan, policy).objective).toBe(0);
  });

  it("reads travel from either zone's entry, and finds none for zones named like Object's properties", () => {
    const s = tinyScenario((x) => {
      x.zones!.push({ id: "constructor", travelMinutes: { Z2: 7 } });
      x.agencies[1].officeZone = "constructor";
    });
    // pol in Z2: 500 − 137 days − 2 × 7 minutes (the entry on the office zone "constructor")
    expect(checkPlan(s, planFor(s, [at("pol", "U3", "W2")])).objective).toBe(349);
    const toString = tinyScenario((x) => {
      x.zones!.push({ id: "toString" });
      x.agencies[1].officeZone = "toString";
    });
    expect(checkPlan(toString, planFor(toString, [at("pol", "U3", "W2")])).objective).toBe(363);
  });

  it("accepts a reported objective within the relative tolerance of 1e-6", () => {
    const s = tinyScenario();
    const exact = planFor(s, [at("fam", "U1", "W1")]);
    const nearly = exact.objective! * (1 + 5e-7);
    expect(checkPlan(s, { ...exact, objective: nearly, bound: nearly }).ok).toBe(true);
  });
});

describe("hard constraints: a plan that breaks one is caught with its number", () => {
  it("1: an employee placed twice", () => {
    const s = tinyScenario();
    const result = checkPlan(s, planFor(s, [at("f1", "U2", "W1"), at("f1", "U5", "W2")]));
    expect(result.violations.map((v) => v.constraint)).toEqual([1]);
    expect(result.violations[0]).toMatchObject({ employees: ["f1"], units: ["U2", "U5"], waves: ["W1", "W2"] });
  });

  it("1: a mustMove employee left unplaced", () => {
    const s = tinyScenario((x) => (x.employees[2].mustMove = true));
    const result = checkPlan(s, planFor(s, []));
    expect(result.violations).toEqual([expect.objectContaining({ constraint: 1, employees: ["f1"], message: expect.stringMatching(/^constraint 1: .*f1 must move/) })]);
  });

  it("2: a tower reserved for another group and agency", () => {
    const s = tinyScenario();
    expect(brokenConstraints(s, planFor(s, [at("pol", "U1", "W2")]))).toEqual([2]);
  });

  it("2: a tower reserved by agency id admits that agency's employees", () => {
    const s = tinyScenario();
    expect(brokenConstraints(s, planFor(s, [at("f1", "U4", "W1")]))).toEqual([]);
  });

  it.each([
    ["a unit not ready by the wave", at("pol", "U3", "W1"), /U3 is ready on 2024-11-01/],
    ["an employee not yet available", at("f1", "U2", "W1"), /f1 is available from 2024-08-01/],
    ["a wave after the employee's deadline", at("m1", "U2", "W2"), /m1 is required by 2024-08-16/],
  ])("3: %s", (_, placement, message) => {
    const s = tinyScenario((x) => (x.employees[2].availableFrom = "2024-08-01"));
    const { violations } = checkPlan(s, planFor(s, [placement]));
    expect(violations).toEqual([expect.objectContaining({ constraint: 3, message: expect.stringMatching(message) })]);
  });

  it.each([
    ["a family sharing with a single", [at("fam", "U1", "W1"), at("f1", "U1", "W2")], /U1 holds family fam, single f1/],
    ["two families in one unit", [at("fam", "U5", "W1"), at("fam2", "U5", "W2")], /U5 holds family fam, family fam2/],
    ["a family over maxOccupants", [at("fam2", "U2", "W2")], /fam2 of 4 persons, maxOccupants 3/],
    ["a family needing more bedrooms", [at("fam2", "U2", "W2")], /U2 has 2 bedrooms, family fam2 needs 3/],
    ["singles of both genders", [at("f1", "U1", "W1"), at("m1", "U1", "W1")], /both genders: F f1; M m1/],
    ["more singles than bedrooms", [at("f1", "U2", "W1"), at("f2", "U2", "W1"), at("f3", "U2", "W2")], /3 singles \(f1, f2, f3\), it has 2 bedrooms/],
  ])("4: %s", (_, placements, message) => {
    const s = tinyScenario((x) => {
      x.employees[1].children = ["SD", "NONE", "NONE"]; // fam2: 4 persons, 3 bedrooms: fits neither of U2's limits
    });
    const { violations } = checkPlan(s, planFor(s, placements));
    expect(violations.map((v) => v.constraint)).toContain(4);
    expect(violations.every((v) => v.constraint === 4)).toBe(true);
    expect(violations.map((v) => v.message).join("\n")).toMatch(message);
  });

  it("4: occupancy spans all waves, and a fitting family alone passes", () => {
    const s = tinyScenario();
    expect(brokenConstraints(s, planFor(s, [at("f1", "U1", "W1"), at("f2", "U1", "W2")]))).toEqual([]);
    expect(brokenConstraints(s, planFor(s, [at("fam", "U2", "W1")]))).toEqual([]);
  });

  it("4: with sharing off a unit holds one single, under the scenario's or the plan's policy", () => {
    const s = tinyScenario((x) => (x.policy = { sharing: false }));
    const two = [at("f1", "U1", "W1"), at("f2", "U1", "W1")];
    const { violations } = checkPlan(s, planFor(s, two));
    expect(violations).toEqual([expect.objectContaining({ constraint: 4, message: expect.stringMatching(/sharing is off/) })]);
    expect(brokenConstraints(s, planFor(s, two, { policy: { sharing: true } }))).toEqual([]);
  });

  it("5: an employee who needs an accessible unit in one that is not", () => {
    const s = tinyScenario((x) => (x.employees[2].needsAccessible = true));
    expect(brokenConstraints(s, planFor(s, [at("f1", "U2", "W1")]))).toEqual([5]);
    expect(brokenConstraints(s, planFor(s, [at("f1", "U1", "W1")]))).toEqual([]);
  });

  it("6: more households than maxHouseholds in a wave", () => {
    const s = tinyScenario();
    const placements = [at("f1", "U1", "W1"), at("f2", "U1", "W1"), at("f3", "U1", "W1"), at("m1", "U2", "W1")];
    const { violations } = checkPlan(s, planFor(s, placements));
    expect(violations).toEqual([expect.objectContaining({ constraint: 6, waves: ["W1"], message: expect.stringMatching(/4 households, maxHouseholds 3/) })]);
  });

  it("6: more persons than maxPersons in a wave", () => {
    const s = tinyScenario((x) => (x.employees[1].children = ["NONE", "NONE", "NONE"]));
    const { violations } = checkPlan(s, planFor(s, [at("fam", "U1", "W1"), at("fam2", "U4", "W1")]));
    expect(violations).toEqual([expect.objectContaining({ constraint: 6, message: expect.stringMatching(/7 persons, maxPersons 6/) })]);
  });

  it("7: more children than the seats open by their wave's date", () => {
    const s = tinyScenario();
    const { violations } = checkPlan(s, planFor(s, [at("fam", "U1", "W1"), at("fam2", "U5", "W1")]));
    expect(violations).toEqual([
      expect.objectContaining({ constraint: 7, waves: ["W1"], schools: ["SD1"], message: "constraint 7: zone Z1, SD, by 2024-07-29 (wave W1): 2 children placed, 1 seat(s) open" }),
    ]);
  });

  it("7: seats opened later serve later waves, cumulatively", () => {
    const s = tinyScenario();
    expect(brokenConstraints(s, planFor(s, [at("fam", "U1", "W1"), at("fam2", "U5", "W2")]))).toEqual([]);
  });

  it("7: waves on the same date share their seats", () => {
    const s = tinyScenario((x) => x.waves.push({ id: "W1b", date: "2024-07-29" }));
    const { violations } = checkPlan(s, planFor(s, [at("fam", "U1", "W1"), at("fam2", "U5", "W1b")]));
    expect(violations).toEqual([expect.objectContaining({ constraint: 7, waves: ["W1", "W1b"] })]);
  });

  it("7: a zone with no school of the level houses no family with such a child; NONE needs no seat", () => {
    const s = tinyScenario();
    const { violations } = checkPlan(s, planFor(s, [at("fam", "U4", "W1")]));
    expect(violations).toEqual([expect.objectContaining({ constraint: 7, message: "constraint 7: zone Z3 has no SD school, yet houses SD children of fam" })]);
    const noneOnly = tinyScenario((x) => (x.employees[1].children = ["NONE"]));
    expect(brokenConstraints(noneOnly, planFor(noneOnly, [at("fam2", "U4", "W1")]))).toEqual([]);
  });

  it("8: a pinned placement the plan moves or drops", () => {
    const s = tinyScenario((x) => (x.pinned = [{ employee: "f1", unit: "U2", wave: "W1" }]));
    const moved = checkPlan(s, planFor(s, [at("f1", "U2", "W2")]));
    expect(moved.violations).toEqual([expect.objectContaining({ constraint: 8, message: expect.stringMatching(/pinned\[0\].*placed in U2 in W2/) })]);
    expect(brokenConstraints(s, planFor(s, []))).toEqual([8]);
    expect(brokenConstraints(s, planFor(s, [at("f1", "U2", "W1")]))).toEqual([]);
  });

  it("reports every violation at once, not just the first", () => {
    const s = tinyScenario((x) => (x.employees[2].needsAccessible = true));
    const placements = [at("f1", "U2", "W1"), at("m1", "U2", "W1"), at("pol", "U2", "W1"), at("fam", "U4", "W1")];
    expect(brokenConstraints(s, planFor(s, placements))).toEqual([2, 4, 4, 5, 6, 7]);
  });
});

describe("plan-level problems", () => {
  const s = tinyScenario();
  const good = planFor(s, [at("fam", "U1", "W1")]);
  const messages = (plan: Plan) => checkPlan(s, plan).violations.map((v) => `${v.constraint} ${v.message}`);

  it.each<[string, Partial<Plan>, RegExp]>([
    ["an employee in neither list", { unplaced: good.unplaced.slice(1) }, /employee fam2 is in neither placements nor unplaced/],
    ["an employee in both lists", { unplaced: [...good.unplaced, { employee: "fam", reason: "x" }] }, /employee fam is both placed and unplaced/],
    ["an employee listed twice in unplaced", { unplaced: [...good.unplaced, good.unplaced[0]] }, /employee fam2 is listed 2 times in unplaced/],
    ["an unknown employee", { unplaced: [...good.unplaced, { employee: "ghost", reason: "x" }] }, /unplaced\[6\] names unknown employee "ghost"/],
    ["an unknown unit", { placements: [at("fam", "U9", "W1")], objective: 0, bound: 0 }, /placements\[0\] names unknown unit "U9"/],
    ["an unknown wave", { placements: [at("fam", "U1", "W9")], objective: 0, bound: 0 }, /placements\[0\] names unknown wave "W9"/],
    ["another scenario's id", { scenarioId: "other" }, /scenarioId "other" is not the scenario's id "tiny"/],
    ["a wrong objective", { objective: good.objective! + 1 }, /reported objective 3453 differs from the recomputed 3452/],
    ["a bound below the objective", { bound: good.objective! - 1 }, /bound 3451 is below the plan's objective 3452/],
    ["an optimal plan whose bound differs", { status: "optimal", bound: good.objective! + 10 }, /an optimal plan's bound 3462 differs from its objective 3452/],
    ["a feasible plan without objective", { objective: null }, /status feasible needs a numeric objective and bound/],
    ["an optimal plan without bound", { status: "optimal", bound: null }, /status optimal needs a numeric objective and bound/],
    ["a feasible plan whose bound is not a number", { bound: NaN }, /status feasible needs a numeric objective and bound \(objective 3452, bound NaN\)/],
  ])("%s", (_, fields, message) => {
    const found = messages({ ...good, ...fields });
    expect(found).toEqual([expect.stringMatching(new RegExp(`^plan plan: ${message.source}`))]);
  });

  const infeasible: Plan = {
    ...good,
    status: "infeasible",
    objective: null,
    bound: null,
    placements: [],
    unplaced: s.employees.map((e) => ({ employee: e.id, reason: "infeasible" })),
    explanation: "pinned[0] breaks constraint 2",
  };

  it("an infeasible plan that lists everyone as unplaced and explains itself passes", () => {
    expect(checkPlan(s, infeasible)).toEqual({ ok: true, violations: [], objective: 0 });
  });

  it.each<[string, Partial<Plan>, RegExp]>([
    ["with placements", { placements: [at("fam", "U1", "W1")], unplaced: infeasible.unplaced.slice(1) }, /an infeasible plan has no placements, this one has 1: fam/],
    ["without an explanation", { explanation: " " }, /an infeasible plan needs an explanation/],
    ["with an objective", { objective: 0 }, /an infeasible plan has a null objective and bound/],
    ["with an employee missing from unplaced", { unplaced: infeasible.unplaced.slice(1) }, /employee fam is in neither placements nor unplaced/],
  ])("an infeasible plan %s is caught", (_, fields, message) => {
    const found = checkPlan(s, { ...infeasible, ...fields }).violations;
    expect(found.map((v) => v.message)).toContainEqual(expect.stringMatching(message));
    expect(found.every((v) => v.constraint === "plan")).toBe(true);
  });
});

// The hand-solved fixtures: each `<name>.plan.json` is an optimal plan of `<name>.json`, its objective
// worked out by hand next to it.
const TINY_FIXTURES = new URL("../fixtures/tiny/", import.meta.url);
const tinyPlans = existsSync(TINY_FIXTURES) ? readdirSync(TINY_FIXTURES).filter((f) => f.endsWith(".plan.json")) : [];

describe.skipIf(tinyPlans.length === 0)("the hand-solved fixtures", () => {
  const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, TINY_FIXTURES), "utf8"));

  it.each(tinyPlans)("%s passes the checker with its stated objective", (file) => {
    const scenario = parseScenario(read(file.replace(/\.plan\.json$/, ".json")));
    const plan = PlanSchema.parse(read(file));
    const result = checkPlan(scenario, plan);
    expect(result.violations).toEqual([]);
    expect(result.objective).toBeCloseTo(plan.objective ?? 0, 6);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy, type PolicyInput } from "../src/domain/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { checkPlan } from "../src/plan/check.js";
import { BACKENDS } from "../src/solvers/types.js";

// Weights far beyond any real policy are valid input up to 1e100. HiGHS takes a cost of 1e20 or more
// for an infinite one (a family bonus of 1e20 gave "no plan"), so its adapter scales the costs; both
// backends must still find the plan a hand calculation gives.
//
// fixtures/tiny/school-seats: two SD seats, one family with two SD children (tier 3) and two with one
// each (tier 5); nobody waits or commutes.

const base = JSON.parse(readFileSync(new URL("../fixtures/tiny/school-seats.json", import.meta.url), "utf8"));
const under = (policy: PolicyInput) => parseScenario({ ...base, policy });

const cases: { name: string; policy: PolicyInput; placed: string[]; objective: number }[] = [
  // Two families with a bonus each beat one: 2 × (1e20 + 250).
  { name: "a family bonus of 1e20", policy: { familyBonus: 1e20 }, placed: ["one-sd-a", "one-sd-b"], objective: 2e20 + 500 },
  // Tier 3 worth 1e100 beats any two families of tier 5.
  { name: "a tier weight of 1e100", policy: { priorityWeights: { "3": 1e100 } }, placed: ["two-sd"], objective: 1e100 + 2500 },
];

describe.each(BACKENDS)("weights up to 1e100 with %s", (solver) => {
  it.each(cases)("$name", async ({ policy, placed, objective }) => {
    const scenario = under(policy);
    const plan = await solveScenario(scenario, { solver });
    expect(plan.status).toBe("optimal");
    expect(plan.placements.map((p) => p.employee).sort()).toEqual(placed);
    expect(plan.objective).toBe(objective);
    expect(plan.bound).toBe(objective);
    expect(checkPlan(scenario, plan, scenarioPolicy(scenario)).ok).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy, type PolicyInput, type Scenario } from "../src/domain/index.js";
import { solveScenario } from "../src/pipeline/solve.js";
import { checkPlan } from "../src/plan/check.js";
import { BACKENDS } from "../src/solvers/types.js";
import { sameObjective } from "./support/objectives.js";
import { randomScenario, type RandomSize } from "./support/random-scenarios.js";

// Numbers far beyond any real scenario are valid input: weights up to 1e100, bedrooms up to 2^53 - 1.
// HiGHS takes a cost of 1e20 or more for an infinite one (a family bonus of 1e20 gave "no plan"), so
// its adapter scales the costs; a unit's bedrooms were a coefficient of its beds rows (jslp failed
// from 1e9, HiGHS from 1e15), so the rows count only the beds its singles could fill. Both backends
// must still find the plan a hand calculation gives.

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tiny/${name}.json`, import.meta.url), "utf8"));

// fixtures/tiny/school-seats: two SD seats, one family with two SD children (tier 3) and two with one
// each (tier 5); nobody waits or commutes.
const schoolSeats = fixture("school-seats");
const under = (policy: PolicyInput) => parseScenario({ ...schoolSeats, policy });

const cases: { name: string; policy: PolicyInput; placed: string[]; objective: number }[] = [
  // Two families with a bonus each beat one: 2 × (1e20 + 250).
  { name: "a family bonus of 1e20", policy: { familyBonus: 1e20 }, placed: ["one-sd-a", "one-sd-b"], objective: 2e20 + 500 },
  // Tier 3 worth 1e100 beats any two families of tier 5.
  { name: "a tier weight of 1e100", policy: { priorityWeights: { "3": 1e100 } }, placed: ["two-sd"], objective: 1e100 + 2500 },
];

// fixtures/tiny/gender-sharing: one unit, two tier-1 men (1,000 each) or three tier-3 women (500
// each); however many bedrooms, singles of one gender only.
const genderSharing = fixture("gender-sharing");
const withBedrooms = (bedrooms: number) => parseScenario({ ...genderSharing, units: genderSharing.units.map((u: object) => ({ ...u, bedrooms })) });

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

describe.each(BACKENDS)("units of up to 2^53 - 1 bedrooms with %s", (solver) => {
  it.each([1e9, Number.MAX_SAFE_INTEGER])("%d bedrooms", async (bedrooms) => {
    const scenario = withBedrooms(bedrooms);
    const plan = await solveScenario(scenario, { solver });
    expect(plan.status).toBe("optimal");
    expect(plan.placements.map((p) => p.employee).sort()).toEqual(["m1", "m2"]);
    expect(plan.objective).toBe(2000);
    expect(checkPlan(scenario, plan, scenarioPolicy(scenario)).ok).toBe(true);
  });
});

// Every policy number times 2^40 multiplies every placement's value, and so the optimum, exactly by
// 2^40: the costs HiGHS is handed are scaled, and whatever it reports must be scaled back, through
// every stage of the pipeline (LP, rounding, neighbourhood, reduced-cost fixing, proof).
const FACTOR = 2 ** 40;

function timesFactor(s: Scenario): Scenario {
  const p = scenarioPolicy(s);
  const weights = Object.fromEntries(Object.entries(p.priorityWeights).map(([tier, w]) => [tier, w * FACTOR]));
  const policy = { ...p, priorityWeights: weights, familyBonus: p.familyBonus * FACTOR, waitPerDay: p.waitPerDay * FACTOR, commutePerMinute: p.commutePerMinute * FACTOR };
  return parseScenario({ ...s, policy });
}

const SIZES: Record<(typeof BACKENDS)[number], RandomSize> = {
  highs: { maxEmployees: 60, maxUnits: 30, scaleCapacities: true },
  jslp: { maxEmployees: 12, maxUnits: 6 },
};

describe.each(BACKENDS)("every policy number times 2^40 with %s", (solver) => {
  it.each(Array.from({ length: 10 }, (_, i) => 70001 + i))("seed %i: the same status, the optimum times 2^40", async (seed) => {
    const scenario = randomScenario(seed, SIZES[solver]);
    const plain = await solveScenario(scenario, { solver });
    const scaled = await solveScenario(timesFactor(scenario), { solver });
    expect(scaled.status).toBe(plain.status);
    if (plain.status === "infeasible") return;
    expect(sameObjective(scaled.objective! / FACTOR, plain.objective!), `${scaled.objective! / FACTOR} against ${plain.objective}`).toBe(true);
    expect(sameObjective(scaled.bound! / FACTOR, plain.bound!)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { scenarioPolicy, type PolicyInput } from "../src/domain/index.js";
import { generateScenario } from "../src/generate/index.js";
import { buildModel } from "../src/model/build.js";
import { nearTieTolerance } from "../src/pipeline/neighbourhood.js";

// The neighbourhood search takes the columns the LP nearly ties. A near-tie is another wave or zone
// for the same household, so how near is measured in days waited and minutes travelled, and must not
// grow with the priority weights or the family bonus, which no such choice changes.

const scenario = generateScenario({ seed: 3, employees: 300, waves: 3 });

const modelUnder = (policy: PolicyInput) => buildModel(scenario, { policy: scenarioPolicy({ ...scenario, policy }) });
const toleranceUnder = (policy: PolicyInput) => nearTieTolerance(modelUnder(policy));
const largestCost = (policy: PolicyInput) => Math.max(...modelUnder(policy).program.columns.map((c) => Math.abs(c.cost)));

const HEAVY_WEIGHTS = { "1": 20000, "2": 8000, "3": 3000, "4": 1200, "5": 500 };

describe("nearTieTolerance", () => {
  it("is 1% of the largest cost under MODEL.md's default policy", () => {
    expect(toleranceUnder({})).toBeCloseTo(0.01 * largestCost({}), 9);
  });

  it("does not grow with the priority weights or the family bonus", () => {
    const heavy = { priorityWeights: HEAVY_WEIGHTS, familyBonus: 6000 };
    expect(largestCost(heavy)).toBeGreaterThan(5 * largestCost({}));
    const capped = toleranceUnder(heavy);
    expect(capped).toBeLessThan(0.01 * largestCost(heavy));
    expect(toleranceUnder({ ...heavy, priorityWeights: { "1": 40000, "2": 16000, "3": 6000, "4": 2400, "5": 1000 } })).toBe(capped);
  });

  it("grows with the cost of waiting and of commuting", () => {
    const heavy = { priorityWeights: HEAVY_WEIGHTS };
    expect(toleranceUnder({ ...heavy, waitPerDay: 2, commutePerMinute: 4 })).toBeCloseTo(2 * toleranceUnder(heavy), 9);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../src/domain/index.js";
import { comparisonRow } from "../src/plan/compare.js";
import { TestService } from "./helpers/service.js";
import { compareToEnd, planOfJob } from "./support/comparisons.js";
import { twoTowersInput } from "./support/two-towers.js";

// The two backends meet on the hand-worked two-tower scenario, with one guest no tower admits, so
// that every column of the table can be checked by hand.
// Everyone else fits and the first wave (28 days' wait) beats the second: 8,500 of weights and
// bonuses − 5 × 28 days − commute. Two T1 units (10 min, 20 points each) and two T2 units (30 min,
// 60 points): the two men share a T1 unit, one other household takes the other, two go to T2:
// 3 × 20 + 2 × 60 = 180. Optimum 8,500 − 140 − 180 = 8,180.
const guest = { id: "g1", agency: "A1", group: "POLRI", gender: "M", availableFrom: "2024-07-01" };
const scenario = { ...twoTowersInput, employees: [...twoTowersInput.employees, guest] };

let service: TestService;
beforeAll(async () => {
  // Two workers, so that the two variants solve side by side as children of one flow.
  service = await TestService.start({ feature: "compare-solvers", workers: 2 });
});
afterAll(() => service?.stop());

describe("a comparison of two solvers", () => {
  it("finds both optimal with the same objective, and fills every column of the table", async () => {
    const comparison = await compareToEnd(service, { scenario, variants: [{ solver: "highs" }, { solver: "jslp" }] }, 45_000);
    expect(comparison).toMatchObject({ status: "completed", scenarioId: "two-towers" });
    expect(comparison.variants.map((v) => [v.name, v.solver])).toEqual([
      ["highs", "highs"],
      ["jslp", "jslp"],
    ]);
    for (const v of comparison.variants) {
      expect(v).toMatchObject({ status: "optimal", objective: 8180, commonObjective: 8180, bound: 8180, gap: 0 });
      expect(v).toMatchObject({
        placed: 5,
        personsPlaced: 9,
        byPriority: { "1": 2, "2": 0, "3": 3, "4": 0, "5": 0 },
        byGroup: { ASN: 5, POLRI: 0 },
        byWave: { W1: 5, W2: 0 },
        familiesHoused: 2,
        singlesHoused: 3,
        unplaced: 1,
        unplacedReasons: { "no unit in a tower reserved for its group or agency": 1 },
        schoolSeats: { PAUD: 1, SD: 1, SMP: 0, SMA: 0 },
        averageCommuteMinutes: 18,
      });
    }

    // Each column is the plan's own numbers, worked out again from the plan the job answers.
    const parsed = parseScenario(scenario);
    for (const { name: _name, jobId, ...column } of comparison.variants) {
      expect(column).toEqual(comparisonRow(parsed, await planOfJob(service, jobId)));
    }
  });
});

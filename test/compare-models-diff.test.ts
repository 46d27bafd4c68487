import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Placement } from "../src/domain/index.js";
import { conformanceScenario, TestService } from "./helpers/service.js";
import { compareToEnd, planOfJob } from "./support/comparisons.js";

let service: TestService;
beforeAll(async () => {
  service = await TestService.start({ feature: "compare-models" });
});
afterAll(() => service?.stop());

const byEmployee = (placements: Placement[]) => new Map(placements.map((p) => [p.employee, p]));

describe("a comparison of two policy models", () => {
  it("diffs exactly the employees whose placement differs between the two plans", async () => {
    const scenario = conformanceScenario("c1-small.json");
    const comparison = await compareToEnd(service, { scenario, variants: [{ solver: "highs" }, { solver: "highs", model: "families-first" }] }, 120_000);
    expect(comparison.variants.map((v) => [v.name, v.status])).toEqual([
      ["highs", "optimal"],
      ["highs+families-first", "optimal"],
    ]);
    // Scored under the scenario's own policy, the scenario's optimum cannot be beaten.
    expect(comparison.variants[0].commonObjective).toBe(13895);
    expect(comparison.variants[1].commonObjective).toBeLessThanOrEqual(13895);

    const res = await service.fetch(`/v1/comparisons/${comparison.id}/diff?a=highs&b=${encodeURIComponent("highs+families-first")}`);
    expect(res.status).toBe(200);
    const diff = await res.json();

    const [a, b] = await Promise.all(comparison.variants.map((v) => planOfJob(service, v.jobId)));
    const [inA, inB] = [byEmployee(a.placements), byEmployee(b.placements)];
    const towerOf = new Map((scenario.units as { id: string; tower: string }[]).map((u) => [u.id, u.tower]));
    const tower = (unit: string) => towerOf.get(unit);
    const both = [...inA.keys()].filter((e) => inB.has(e));
    const expected = {
      onlyInA: [...inA.keys()].filter((e) => !inB.has(e)).sort(),
      onlyInB: [...inB.keys()].filter((e) => !inA.has(e)).sort(),
      movedWave: both.filter((e) => inA.get(e)!.wave !== inB.get(e)!.wave).sort(),
      movedTower: both.filter((e) => tower(inA.get(e)!.unit) !== tower(inB.get(e)!.unit)).sort(),
    };
    expect(diff).toMatchObject({ a: "highs", b: "highs+families-first", ...expected });
    const differing = new Set(Object.values(expected).flat());
    expect(differing.size).toBeGreaterThan(0);

    const counts = Object.values(diff.byAgency as Record<string, Record<string, number>>);
    for (const list of ["onlyInA", "onlyInB", "movedWave", "movedTower"] as const) {
      expect(counts.reduce((n, c) => n + c[list], 0)).toBe(expected[list].length);
    }
  });
});

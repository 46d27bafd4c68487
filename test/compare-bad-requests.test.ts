import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestService } from "./helpers/service.js";
import { twoTowersInput } from "./support/two-towers.js";

let service: TestService;
beforeAll(async () => {
  service = await TestService.start({ feature: "compare-bad", workers: 0 });
});
afterAll(() => service?.stop());

async function rejected(body: unknown) {
  const { status, body: problem } = await service.post("/v1/comparisons", body);
  expect(status).toBe(400);
  return problem.errors as { path: string; message: string }[];
}

describe("comparison requests the service refuses", () => {
  it("names an unknown model, a repeated name and an unknown scenario id", async () => {
    expect(await rejected({ scenario: twoTowersInput, variants: [{ solver: "highs" }, { model: "no-such-model" }] })).toEqual([
      { path: "variants.1.model", message: expect.stringMatching(/^unknown model "no-such-model" \(known: .*most-housed/) },
    ]);
    expect(await rejected({ scenario: twoTowersInput, variants: [{ name: "x" }, { name: "x", solver: "jslp" }] })).toEqual([
      { path: "variants.1.name", message: 'name "x" is used by an earlier variant' },
    ]);
    expect(await rejected({ scenarioId: "nobody", variants: [{}] })).toEqual([{ path: "scenarioId", message: 'no scenario "nobody"' }]);
  });

  it("names the bad paths of an inline scenario and of the variants list, all in one answer", async () => {
    const broken = { ...twoTowersInput, employees: [{ ...twoTowersInput.employees[0], agency: "NOPE" }] };
    expect(await rejected({ scenario: { ...broken, units: [{ ...twoTowersInput.units[0], bedrooms: 0 }] }, variants: [{ solver: "cplex" }] })).toEqual([
      { path: "variants.0.solver", message: "must be one of auto, highs, jslp" },
      { path: "scenario.units.0.bedrooms", message: "must be at least 1" },
      { path: "scenario.employees.0.agency", message: 'unknown agency "NOPE"' },
    ]);
    expect(await rejected({ scenario: broken, variants: [{}] })).toEqual([{ path: "scenario.employees.0.agency", message: 'unknown agency "NOPE"' }]);
    expect(await rejected({ scenario: twoTowersInput, variants: [] })).toEqual([{ path: "variants", message: "must list at least one variant" }]);
  });

  it("checks the valid variants and the stored scenario beside the shape problems of the others", async () => {
    const variants = [{ solver: "cplex", name: "a" }, { model: "no-such-model" }, { name: "x", timeLimitSeconds: 1e9 }, { name: "x" }, "fast"];
    expect(await rejected({ scenarioId: "nobody", variants })).toEqual([
      { path: "variants.0.solver", message: "must be one of auto, highs, jslp" },
      { path: "variants.4", message: expect.any(String) },
      { path: "variants.1.model", message: expect.stringMatching(/^unknown model "no-such-model"/) },
      { path: "variants.2.timeLimitSeconds", message: expect.stringMatching(/^must be at most /) },
      { path: "variants.3.name", message: 'name "x" is used by an earlier variant' },
      { path: "scenarioId", message: 'no scenario "nobody"' },
    ]);
    // Nothing is claimed that the user may have meant otherwise: no scenario is looked up under an
    // invalid id or version, and a name is only repeated among variants whose shape is valid.
    expect(await rejected({ scenarioId: 7, variants: [{ name: "x", solver: "cplex" }, { name: "x" }] })).toEqual([
      { path: "scenarioId", message: expect.any(String) },
      { path: "variants.0.solver", message: "must be one of auto, highs, jslp" },
    ]);
    expect(await rejected({ scenarioId: "nobody", version: "1", variants: [{}] })).toEqual([{ path: "version", message: expect.any(String) }]);
  });

  it("answers 404 for an unknown comparison", async () => {
    expect((await service.fetch("/v1/comparisons/nobody")).status).toBe(404);
    expect((await service.fetch("/v1/comparisons/nobody/diff?a=x&b=y")).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonView } from "../src/api/services/comparisons.js";
import { TestService } from "./helpers/service.js";
import { twoTowersInput } from "./support/two-towers.js";

let service: TestService;
beforeAll(async () => {
  // No worker: every variant stays queued until the test ends it.
  service = await TestService.start({ feature: "compare-status", workers: 0 });
});
afterAll(() => service?.stop());

async function view(id: string): Promise<ComparisonView> {
  return (await (await service.fetch(`/v1/comparisons/${id}`)).json()) as ComparisonView;
}

describe("a comparison's status", () => {
  it("is queued until a variant moves, and completed once every variant has ended, whatever the outcome", async () => {
    const created = await service.post("/v1/comparisons", { scenario: twoTowersInput, variants: [{ solver: "highs" }, { solver: "jslp" }] });
    expect(created).toMatchObject({ status: 202, body: { status: "queued", links: { self: `/v1/comparisons/${created.body.id as string}` } } });
    expect(created.headers.get("location")).toBe(`/v1/comparisons/${created.body.id as string}`);
    const id = created.body.id as string;

    const queued = await view(id);
    expect(queued.status).toBe("queued");
    expect(queued.variants).toEqual([
      { name: "highs", jobId: expect.any(String), status: "queued", objective: null, commonObjective: null, bound: null, gap: null, timeMs: null },
      { name: "jslp", jobId: expect.any(String), status: "queued", objective: null, commonObjective: null, bound: null, gap: null, timeMs: null },
    ]);
    const diff = await service.fetch(`/v1/comparisons/${id}/diff`);
    expect(diff.status).toBe(409);

    const [first, second] = queued.variants.map((v) => v.jobId);
    expect((await service.fetch(`/v1/jobs/${first}`, { method: "DELETE" })).status).toBe(200);
    expect((await view(id)).status).toBe("running");
    expect((await service.fetch(`/v1/jobs/${second}`, { method: "DELETE" })).status).toBe(200);
    const ended = await view(id);
    expect(ended.status).toBe("completed");
    expect(ended.variants.map((v) => v.status)).toEqual(["cancelled", "cancelled"]);
  });
});

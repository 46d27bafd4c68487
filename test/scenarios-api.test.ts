import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, TestService } from "./helpers/service.js";
import { twoTowersInput } from "./support/two-towers.js";

let service: TestService;
beforeAll(async () => {
  service = await TestService.start({ feature: "scenarios-api" });
});
afterAll(() => service?.stop());

async function put(id: string, body: unknown) {
  const res = await service.fetch(`/v1/scenarios/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, location: res.headers.get("location"), type: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
}

async function get(path: string) {
  const res = await service.fetch(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("stored scenarios over HTTP", () => {
  it("stores versions, answers the same version for an identical document, and reads any version back", async () => {
    expect(await put("two-towers", twoTowersInput)).toMatchObject({ status: 201, location: "/v1/scenarios/two-towers/versions/1", body: { id: "two-towers", version: 1 } });
    const { id: _id, ...withoutId } = twoTowersInput;
    expect(await put("two-towers", withoutId)).toMatchObject({ status: 200, body: { id: "two-towers", version: 1 } });
    const fewer = { ...twoTowersInput, employees: twoTowersInput.employees.slice(0, 3) };
    expect(await put("two-towers", fewer)).toMatchObject({ status: 201, body: { version: 2 } });

    const latest = await get("/v1/scenarios/two-towers");
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ id: "two-towers", version: 2, createdAt: expect.stringMatching(/Z$/) });
    expect((latest.body.scenario as { employees: unknown[] }).employees).toHaveLength(3);
    expect((await get("/v1/scenarios/two-towers/versions/1")).body).toMatchObject({ version: 1, scenario: { id: "two-towers" } });

    const list = await get("/v1/scenarios?limit=10");
    expect(list.body).toEqual({ items: [{ id: "two-towers", version: 2, createdAt: expect.any(String), employees: 3 }] });
  });

  it("answers 404 for an unknown scenario or version, 400 naming every bad path of a document", async () => {
    expect((await get("/v1/scenarios/nobody")).status).toBe(404);
    expect((await get("/v1/scenarios/two-towers/versions/9")).status).toBe(404);
    expect((await get("/v1/scenarios/two-towers/versions/x")).status).toBe(404);

    const mismatch = await put("two-towers", { ...twoTowersInput, id: "other" });
    expect(mismatch).toMatchObject({ status: 400, type: expect.stringContaining("application/problem+json"), body: { errors: [{ path: "id" }] } });

    const broken = { ...twoTowersInput, employees: [{ ...twoTowersInput.employees[0], gender: "X" }], units: [{ ...twoTowersInput.units[0], bedrooms: 1.5 }] };
    const bad = await put("two-towers", broken);
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["employees.0.gender", "units.0.bedrooms"]);
  });

  it("lets a job name a stored scenario and version, and answers 400 naming scenarioId or version when there is none", async () => {
    const unknown = await service.post("/v1/jobs", { scenarioId: "nobody" });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ path: "scenarioId", message: 'no scenario "nobody"' }] } });
    const noVersion = await service.post("/v1/jobs", { scenarioId: "two-towers", version: 7 });
    expect(noVersion).toMatchObject({ status: 400, body: { errors: [{ path: "version" }] } });

    const id = await service.submit({ scenarioId: "two-towers", version: 1, solver: "jslp" });
    const job = await service.waitForJob(id, finished);
    expect(job).toMatchObject({ status: "completed", scenarioId: "two-towers", scenarioVersion: 1 });
    expect(job.summary!.placed + job.summary!.unplaced).toBe(5);
  });
});

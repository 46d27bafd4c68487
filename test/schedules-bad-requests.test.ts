import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestService } from "./helpers/service.js";
import { twoTowersInput } from "./support/two-towers.js";

const OFFICER = "officer-key-0123456789";
const PLANNER = "planner-key-0123456789";
let service: TestService;

beforeAll(async () => {
  service = await TestService.start({ feature: "schedules-bad", workers: 0, env: { API_KEYS: `${OFFICER}:officer,${PLANNER}:planner` } });
  const res = await service.fetch("/v1/scenarios/two-towers", {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${PLANNER}` },
    body: JSON.stringify(twoTowersInput),
  });
  expect(res.status).toBe(201);
});
afterAll(() => service?.stop());

const asPlanner = { authorization: `Bearer ${PLANNER}` };
const good = { cron: "0 2 * * *", scenarioId: "two-towers" };

async function rejected(body: Record<string, unknown>) {
  const { status, headers, body: problem } = await service.post("/v1/schedules", body, asPlanner);
  expect(status).toBe(400);
  expect(headers.get("content-type")).toMatch(/application\/problem\+json/);
  return problem.errors as { path: string; message: string }[];
}

describe("schedule requests the service refuses", () => {
  it("names a cron of the wrong number of fields, or one that cannot fire", async () => {
    expect(await rejected({ ...good, cron: "0 2 * *" })).toEqual([
      { path: "cron", message: 'must have 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; "0 2 * *" has 4' },
    ]);
    expect((await rejected({ ...good, cron: "0 0 2 * * * 2024" }))[0].message).toMatch(/has 7$/);
    expect((await rejected({ ...good, cron: "61 * * * *" }))[0]).toEqual({
      path: "cron",
      message: expect.stringMatching(/^"61 \* \* \* \*" is not a valid cron expression: .*61/),
    });
  });

  it("names an unknown time zone, scenario or model, and a bad cut-off", async () => {
    expect(await rejected({ ...good, timezone: "Mars/Olympus" })).toEqual([{ path: "timezone", message: expect.stringContaining('unknown time zone "Mars/Olympus"') }]);
    expect(await rejected({ ...good, scenarioId: "nobody" })).toEqual([{ path: "scenarioId", message: expect.stringContaining('no scenario "nobody"') }]);
    expect(await rejected({ ...good, variants: [{ solver: "highs" }, { model: "no-such-model" }] })).toEqual([
      { path: "variants.1.model", message: expect.stringContaining('unknown model "no-such-model"') },
    ]);
    expect(await rejected({ ...good, pinBefore: "yesterday" })).toEqual([{ path: "pinBefore", message: "must be a date YYYY-MM-DD or today" }]);
    expect((await rejected({ ...good, every: 5 }))[0].path).toBe("every");
  });

  it("checks the valid fields beside the shape problems of the others, in one answer", async () => {
    expect(await rejected({ cron: "61 * * * *", scenarioId: "nobody", pinBefore: "yesterday", variants: [{ solver: "cplex" }, { model: "no-such-model" }] })).toEqual([
      { path: "variants.0.solver", message: "must be one of auto, highs, jslp" },
      { path: "pinBefore", message: "must be a date YYYY-MM-DD or today" },
      { path: "cron", message: expect.stringMatching(/^"61 \* \* \* \*" is not a valid cron expression/) },
      { path: "variants.1.model", message: expect.stringContaining('unknown model "no-such-model"') },
      { path: "scenarioId", message: expect.stringContaining('no scenario "nobody"') },
    ]);
    expect(await rejected({ ...good, timezone: "Mars/Olympus", every: 5 })).toEqual([
      { path: "every", message: "unknown field" },
      { path: "timezone", message: expect.stringContaining('unknown time zone "Mars/Olympus"') },
    ]);
    // A cron is not read in a time zone that is not a string, nor looked for without a valid id.
    expect(await rejected({ cron: "61 * * * *", timezone: 7, scenarioId: "" })).toEqual([
      { path: "timezone", message: expect.any(String) },
      { path: "scenarioId", message: "must be a non-empty string" },
    ]);
  });

  it("lets only planners create or delete schedules, and answers 404 for an unknown one", async () => {
    expect((await service.post("/v1/schedules", good, { authorization: `Bearer ${OFFICER}` })).status).toBe(403);
    const created = await service.post("/v1/schedules", good, asPlanner);
    expect(created).toMatchObject({ status: 201, body: { cron: "0 2 * * *", timezone: "Asia/Makassar", scenarioId: "two-towers", nextRunAt: expect.stringMatching(/T18:00:00.000Z$/) } });
    const path = `/v1/schedules/${created.body.id as string}`;
    expect((await service.fetch(path, { method: "DELETE", headers: { authorization: `Bearer ${OFFICER}` } })).status).toBe(403);
    expect((await service.fetch(path, { method: "DELETE", headers: asPlanner })).status).toBe(204);
    expect((await service.fetch("/v1/schedules/nobody", { headers: asPlanner })).status).toBe(404);
  });
});

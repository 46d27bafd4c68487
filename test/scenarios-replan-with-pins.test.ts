import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, TestService } from "./helpers/service.js";
import { planOfJob } from "./support/comparisons.js";
import { twoTowersInput } from "./support/two-towers.js";

let service: TestService;
beforeAll(async () => {
  service = await TestService.start({ feature: "replan-pins" });
});
afterAll(() => service?.stop());

async function putScenario(body: unknown): Promise<void> {
  const res = await service.fetch("/v1/scenarios/two-towers", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
}

describe("a job re-planning a stored scenario from an earlier job's plan", () => {
  it("pins the earlier plan's placements in waves before the cut-off, for people still in the scenario", async () => {
    await putScenario(twoTowersInput);
    const first = await service.submit({ scenarioId: "two-towers", solver: "jslp" });
    expect((await service.waitForJob(first, finished)).status).toBe("completed");
    const before = await planOfJob(service, first);

    // e4 has left; e6 can only come in the second wave.
    const e6 = { id: "e6", agency: "A1", group: "ASN", gender: "F", availableFrom: "2024-09-01" };
    await putScenario({ ...twoTowersInput, employees: [...twoTowersInput.employees.filter((e) => e.id !== "e4"), e6] });
    const second = await service.submit({ scenarioId: "two-towers", solver: "jslp", pinFrom: first, pinBefore: "2024-08-01" });
    expect((await service.waitForJob(second, finished)).status).toBe("completed");
    const after = await planOfJob(service, second);

    const kept = before.placements.filter((p) => p.employee !== "e4" && p.wave === "W1");
    expect(kept).toHaveLength(4);
    expect(after.placements).toEqual(expect.arrayContaining(kept));
    expect(after.placements.find((p) => p.employee === "e6")?.wave).toBe("W2");
  });

  it("answers 400 naming pinFrom for a job without a plan, and pinBefore without pinFrom", async () => {
    expect(await service.post("/v1/jobs", { scenarioId: "two-towers", pinFrom: "nobody" })).toMatchObject({
      status: 400,
      body: { errors: [{ path: "pinFrom", message: 'no job "nobody"' }] },
    });
    expect(await service.post("/v1/jobs", { scenarioId: "two-towers", pinBefore: "today" })).toMatchObject({
      status: 400,
      body: { errors: [{ path: "pinBefore", message: "only goes with pinFrom" }] },
    });
  });
});

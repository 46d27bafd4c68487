import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunView, ScheduleView } from "../src/api/services/schedules.js";
import { TestService } from "./helpers/service.js";
import { planOfJob } from "./support/comparisons.js";
import { twoTowersInput } from "./support/two-towers.js";

let service: TestService;
beforeAll(async () => {
  service = await TestService.start({ feature: "schedules-cron" });
});
afterAll(() => service?.stop());

async function putScenario(body: unknown): Promise<number> {
  const res = await service.fetch("/v1/scenarios/two-towers", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return ((await res.json()) as { version: number }).version;
}

async function runs(scheduleId: string): Promise<RunView[]> {
  return ((await (await service.fetch(`/v1/schedules/${scheduleId}/runs?limit=100`)).json()) as { items: RunView[] }).items;
}

/** Polls the schedule's runs until the oldest of those `which` picks satisfies `ready`. */
async function waitForRun(scheduleId: string, which: (run: RunView) => boolean, ready: (run: RunView) => boolean): Promise<RunView> {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const run = (await runs(scheduleId)).filter(which).at(-1);
    if (run && ready(run)) return run;
    if (Date.now() > deadline) throw new Error(`no such run: ${JSON.stringify(await runs(scheduleId))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a schedule firing every few seconds", () => {
  it("runs the latest scenario version, pins the past wave and reports what changed against the previous run", async () => {
    expect(await putScenario(twoTowersInput)).toBe(1);
    const created = await service.post("/v1/schedules", { cron: "*/2 * * * * *", scenarioId: "two-towers", pinBefore: "2024-08-01", variants: [{ solver: "jslp" }] });
    expect(created.status).toBe(201);
    const schedule = created.body as unknown as ScheduleView;
    expect(schedule).toMatchObject({ timezone: "Asia/Makassar", nextRunAt: expect.stringMatching(/:\d[02468]\.000Z$/) });

    // Everyone fits, and the first wave costs the least waiting: the first plan houses all five in W1.
    const first = await waitForRun(schedule.id, () => true, (r) => r.jobId !== undefined);
    expect(first).toMatchObject({ scenarioVersion: 1, runAt: expect.stringMatching(/:\d[02468]\.000Z$/) });
    expect(first.previousRunAt).toBeUndefined();
    expect(first.links).toEqual({ job: `/v1/jobs/${first.jobId}` });
    const firstPlan = await service.waitForJob(first.jobId!, (j) => j.status === "completed").then(() => planOfJob(service, first.jobId!));
    expect(firstPlan.placements.map((p) => [p.employee, p.wave]).sort()).toEqual(["e1", "e2", "e3", "e4", "e5"].map((e) => [e, "W1"]));

    // Version 2: e4 leaves, e6 joins and can only come in the second wave.
    const e6 = { id: "e6", agency: "A1", group: "ASN", gender: "F", availableFrom: "2024-09-01" };
    expect(await putScenario({ ...twoTowersInput, employees: [...twoTowersInput.employees.filter((e) => e.id !== "e4"), e6] })).toBe(2);
    const changed = await waitForRun(schedule.id, (r) => r.scenarioVersion === 2, (r) => r.changes !== undefined);
    expect(changed.changes).toEqual({ newlyPlaced: ["e6"], noLongerPlaced: ["e4"], movedWave: [], movedTower: [], objectiveChange: expect.any(Number) });
    expect(changed).toMatchObject({ pinBefore: "2024-08-01", pinned: 4, previousRunAt: expect.any(String) });
    expect(Date.parse(changed.previousRunAt!)).toBeLessThan(Date.parse(changed.runAt));

    const changedPlan = await planOfJob(service, changed.jobId!);
    const kept = firstPlan.placements.filter((p) => p.employee !== "e4");
    expect(changedPlan.placements).toEqual(expect.arrayContaining(kept));

    expect((await service.fetch(`/v1/schedules/${schedule.id}`, { method: "DELETE" })).status).toBe(204);
    const after = (await (await service.fetch(`/v1/schedules/${schedule.id}`)).json()) as ScheduleView;
    expect(after).toMatchObject({ id: schedule.id, deletedAt: expect.any(String) });
    expect(after.nextRunAt).toBeUndefined();
    expect((await runs(schedule.id)).length).toBeGreaterThanOrEqual(2);
  });

  it("runs a comparison per firing when it has several variants, and reports against the first variant's plan", async () => {
    const variants = [{ solver: "jslp" }, { solver: "jslp", model: "most-housed" }];
    const created = await service.post("/v1/schedules", { cron: "*/2 * * * * *", scenarioId: "two-towers", variants });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // The same data and options give the same plan, so the second run changes nothing.
    const second = await waitForRun(id, (r) => r.previousRunAt !== undefined, (r) => r.changes !== undefined);
    expect(second).toMatchObject({ comparisonId: expect.any(String), changes: { newlyPlaced: [], noLongerPlaced: [], movedWave: [], movedTower: [], objectiveChange: 0 } });
    expect(second.jobId).toBeUndefined();
    expect(second.links).toEqual({ comparison: `/v1/comparisons/${second.comparisonId}` });
    const comparison = await (await service.fetch(`/v1/comparisons/${second.comparisonId}`)).json();
    expect(comparison).toMatchObject({ status: "completed", variants: [{ name: "jslp", status: "optimal" }, { name: "jslp+most-housed", status: "optimal" }] });
    expect((await service.fetch(`/v1/schedules/${id}`, { method: "DELETE" })).status).toBe(204);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobView } from "../src/api/services/jobs.js";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { checkPlan } from "../src/plan/check.js";
import { finished, TestService } from "./helpers/service.js";
import { twoTowersInput } from "./support/two-towers.js";

describe("50 jobs submitted at once all complete with valid plans", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "service-load", workers: 2, env: { WORKER_CONCURRENCY: "2" } });
  });
  afterAll(() => service?.stop());

  it("queues them all, solves them all, and every plan passes the checker", async () => {
    const scenarios = Array.from({ length: 50 }, (_, i) => parseScenario({ ...twoTowersInput, id: `two-towers-${i}` }));
    const ids = await Promise.all(scenarios.map((scenario) => service.submit({ scenario })));
    expect(new Set(ids).size).toBe(50);

    const jobs: JobView[] = [];
    for (const id of ids) jobs.push(await service.waitForJob(id, finished, 120_000));
    expect(jobs.map((j) => j.status)).toEqual(Array(50).fill("completed"));
    expect(new Set(jobs.map((j) => j.worker)).size).toBeGreaterThan(1);

    const plans = await Promise.all(ids.map(async (id) => (await (await service.fetch(`/v1/jobs/${id}/plan`)).json()) as Plan));
    plans.forEach((plan, i) => {
      expect(plan.scenarioId).toBe(scenarios[i].id);
      expect(checkPlan(scenarios[i], plan).violations).toEqual([]);
    });
    // The same scenario under other names: one optimum, reached by every job.
    expect(new Set(plans.map((p) => `${p.status} ${p.objective}`))).toEqual(new Set([`optimal ${plans[0].objective}`]));
  }, 150_000);
});

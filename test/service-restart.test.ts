import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceScenario, finished, TestService } from "./helpers/service.js";

describe("jobs and plans survive restarts of the API and the workers", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "service-restart", workers: 1, env: { SHUTDOWN_GRACE_SECONDS: "0.5" } });
  });
  afterAll(() => service?.stop());

  // c7 takes seconds to prove, so its solve outlasts the half-second grace on any machine (c1-small,
  // used before, could finish within it on a warm worker, and the job was then already done).
  const scenario = conformanceScenario("c7-medium.json");
  let id: string;

  it("puts a solve that outlasts the shutdown grace back in the queue, and finishes it after the restart", async () => {
    id = await service.submit({ scenario, solver: "highs" });
    await service.waitForJob(id, (j) => j.status === "active");
    await service.restart(async () => {
      const queue = new Queue(service.config.queue.name, { connection: service.redis, prefix: service.prefix });
      // Every job has a priority, so "back in the queue" reads `prioritized` (waiting, in priority order).
      expect(await queue.getJobState(id)).toBe("prioritized");
      await queue.close();
    });
    const job = await service.waitForJob(id, finished);
    expect(job).toMatchObject({ status: "completed", attempts: 2, summary: { status: "optimal", objective: 289922 } });
  });

  it("still serves the job and its plan from a new API process", async () => {
    await service.restartApi();
    const job = await service.job(id);
    expect(job.status).toBe("completed");
    const plan = (await (await service.fetch(`/v1/jobs/${id}/plan`)).json()) as { objective: number; placements: unknown[] };
    expect(plan.objective).toBe(289922);
    expect(plan.placements).toHaveLength(job.summary!.placed);
  });
});

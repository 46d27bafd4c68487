import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceScenario, finished, TestService } from "./helpers/service.js";

describe("DELETE /v1/jobs/:id cancels queued and running jobs; a cancelled job never runs again", () => {
  let service: TestService;
  beforeAll(async () => {
    // One worker solving one job at a time: the second job waits in the queue behind the first.
    service = await TestService.start({ feature: "service-cancel", workers: 1 });
  });
  afterAll(() => service?.stop());

  // javascript-lp-solver finds no plan for 400 employees in any time a test waits: only a stop ends it.
  const endless = { scenario: conformanceScenario("c7-medium.json"), solver: "jslp" };
  const tiny = { scenario: conformanceScenario("c1-small.json") };
  let running: string;
  let queued: string;

  it("cancels a queued job, which then never starts", async () => {
    running = await service.submit(endless);
    await service.waitForJob(running, (j) => j.status === "active");
    queued = await service.submit(tiny);
    const res = await service.fetch(`/v1/jobs/${queued}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: queued, status: "cancelled", attempts: 0, error: "cancelled on request" });
    expect(await service.redis.exists(`${service.prefix}:${service.config.queue.name}:${queued}`)).toBe(0);
  });

  it("stops a running solve in whichever worker holds it; the worker goes on with the next job", async () => {
    const res = await service.fetch(`/v1/jobs/${running}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: running, status: "cancelled" });
    const next = await service.submit(tiny);
    expect((await service.waitForJob(next, finished)).status).toBe("completed");
  });

  it("leaves both cancelled, not retried, without plans", async () => {
    const [r, q] = await Promise.all([service.job(running), service.job(queued)]);
    expect(r).toMatchObject({ status: "cancelled", attempts: 1 });
    expect(q).toMatchObject({ status: "cancelled", attempts: 0 });
    expect(q.startedAt).toBeUndefined();
    expect((await service.fetch(`/v1/jobs/${running}/plan`)).status).toBe(409);
    const again = await service.fetch(`/v1/jobs/${running}`, { method: "DELETE" });
    expect((await again.json()) as object).toMatchObject({ status: "cancelled" });
  });

  it("answers 409 to cancelling a job that has completed", async () => {
    const { items } = (await (await service.fetch("/v1/jobs?status=completed")).json()) as { items: { id: string }[] };
    const res = await service.fetch(`/v1/jobs/${items[0].id}`, { method: "DELETE" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toBe(`job ${items[0].id} has already completed; there is nothing to cancel`);
  });
});

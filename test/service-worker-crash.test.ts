import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { checkPlan } from "../src/plan/check.js";
import { conformanceScenario, finished, TestService } from "./helpers/service.js";

describe("a worker process killed with SIGKILL in the middle of a solve loses no job", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "service-crash", workers: 2 });
  });
  afterAll(() => service?.stop());

  it("runs the job again in another worker, to a valid plan at the optimum", async () => {
    // c7 takes seconds to prove, so the worker is still solving when the test kills it (c1-small, used
    // before, could be solved by a warm worker between two polls, and the job was then already done).
    const scenario = conformanceScenario("c7-medium.json");
    const id = await service.submit({ scenario, solver: "highs" });
    const running = await service.waitForJob(id, (j) => j.progress?.phase === "solving" || finished(j));
    expect(running.status).toBe("active");
    const pid = Number(running.worker!.split(":").at(-1));
    expect(service.workers.pids).toContain(pid);
    process.kill(pid, "SIGKILL");

    const job = await service.waitForJob(id, finished, 55_000);
    expect(job).toMatchObject({ status: "completed", attempts: 2 });
    expect(job.worker).not.toBe(running.worker);
    const plan = (await (await service.fetch(`/v1/jobs/${id}/plan`)).json()) as Plan;
    const check = checkPlan(parseScenario(scenario), plan);
    expect(check.violations).toEqual([]);
    expect(check.objective).toBeCloseTo(289922, 6);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceScenario, TestService } from "./helpers/service.js";

describe("Idempotency-Key: the same key and body give the same job, never a second one", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "service-idem", workers: 0 });
  });
  afterAll(() => service?.stop());

  const scenario = conformanceScenario("c1-small.json");

  it("answers the same job for a repeated request, even with its keys in another order", async () => {
    const first = await service.post("/v1/jobs", { scenario, solver: "highs" }, { "idempotency-key": "order-1" });
    const again = await service.post("/v1/jobs", { solver: "highs", scenario }, { "idempotency-key": "order-1" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("location")).toBe(`/v1/jobs/${first.body.id}`);
    const list = (await (await service.fetch("/v1/jobs")).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it("gives one job to concurrent requests with the same key", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => service.post("/v1/jobs", { scenario }, { "idempotency-key": "race-1" })));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
  });

  it("answers 422 for the same key with another body", async () => {
    const other = await service.post("/v1/jobs", { scenario, solver: "jslp" }, { "idempotency-key": "order-1" });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ title: "Idempotency key reused", detail: expect.stringMatching(/different body/) });
  });

  it("makes a new job for a new key or no key", async () => {
    const a = await service.post("/v1/jobs", { scenario }, { "idempotency-key": "order-2" });
    const b = await service.post("/v1/jobs", { scenario });
    const c = await service.post("/v1/jobs", { scenario });
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPresets } from "../src/domain/index.js";
import { conformanceScenario, TestService } from "./helpers/service.js";

describe("what a client or operator can find out without submitting a job", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "service-discovery", workers: 1 });
  });
  afterAll(() => service?.stop());

  it("/healthz answers while the process runs, /readyz once a worker has been seen", async () => {
    expect(await (await service.fetch("/healthz")).json()).toEqual({ status: "ok" });
    expect(await (await service.fetch("/readyz")).json()).toEqual({ status: "ready", workers: 1 });
  });

  it("/v1/models lists the presets of models/", async () => {
    const { items } = (await (await service.fetch("/v1/models")).json()) as { items: { name: string }[] };
    expect(items.map((m) => m.name)).toEqual([...loadPresets().keys()]);
    expect(items[0]).toEqual({ name: items[0].name, description: expect.any(String), policy: expect.any(Object) });
  });

  it("/v1/validate summarises a valid scenario and answers 400 with paths for a bad one", async () => {
    const scenario = conformanceScenario("c5-pinned.json") as { employees: unknown[]; pinned: unknown[] };
    const ok = await service.post("/v1/validate", { scenario });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, summary: { employees: scenario.employees.length, pinned: scenario.pinned.length } });
    const bad = await service.post("/v1/validate", { scenario: { ...scenario, waves: "soon" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: "scenario.waves", message: expect.any(String) }]);
    expect((await service.fetch("/v1/jobs")).status).toBe(200);
    expect(((await (await service.fetch("/v1/jobs")).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("/v1/openapi.json documents every job route with schemas that resolve", async () => {
    const doc = (await (await service.fetch("/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, object>; components: { schemas: Record<string, object> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/plan", "/v1/jobs/{id}/events", "/v1/models", "/v1/validate"]));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
    expect(doc.components.schemas.Scenario).toMatchObject({ type: "object", required: expect.arrayContaining(["id", "employees"]) });
  });

  it("/docs is one page that fetches nothing from elsewhere", async () => {
    const res = await service.fetch("/docs");
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("/v1/jobs/{id}/plan");
    expect(html).toContain('id="problem-invalid-input"');
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it("/metrics speaks Prometheus: jobs by status, queue depth, workers, solve seconds", async () => {
    const res = await service.fetch("/metrics");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const line of ['ikn_jobs{status="queued"} 0', "ikn_queue_depth 0", "ikn_workers 1", 'ikn_solve_seconds_bucket{le="+Inf"} 0']) expect(text).toContain(line);
  });

  it("sends secure headers and a request id", async () => {
    const res = await service.fetch("/healthz", { headers: { "x-request-id": "trace-42" } });
    expect(res.headers.get("x-request-id")).toBe("trace-42");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

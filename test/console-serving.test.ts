import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceScenario, finished, TestService } from "./helpers/service.js";

const OFFICER = "officer-key-0123456789";
const auth = { authorization: `Bearer ${OFFICER}` };

describe("the API process serves the console and the two reads it needs", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await TestService.start({ feature: "console-serving", env: { API_KEYS: `${OFFICER}:officer` } });
  });
  afterAll(() => service?.stop());

  it("serves the page without a key, revalidated on every load, under a CSP that keeps plain-HTTP LANs working", async () => {
    const res = await service.fetch("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(await res.text()).toMatch(/<script type="module"[^>]* src="\.\/assets\/index-[\w-]+\.js"/);
  });

  it("serves hashed assets gzipped and cached for good, and 404s a missing one", async () => {
    const page = await (await service.fetch("/")).text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)![1];
    const res = await service.fetch(`/${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toContain("lang-toggle");
    expect((await service.fetch("/assets/nothing-here.js")).status).toBe(404);
  });

  it("tells a key's role and whether the service is in local mode; no key is 401", async () => {
    expect(await (await service.fetch("/v1/whoami", { headers: auth })).json()).toEqual({ role: "officer", localMode: false });
    expect((await service.fetch("/v1/whoami")).status).toBe(401);
  });

  it("answers the scenario a job solved, with its defaults filled in, and 404 for an unknown job", async () => {
    const scenario = conformanceScenario("c1-small.json");
    const id = await service.submit({ scenario }, auth);
    await service.waitForJob(id, finished, 60_000, auth);
    const solved = (await (await service.fetch(`/v1/jobs/${id}/scenario`, { headers: auth })).json()) as { id: string; employees: { children: unknown[] }[] };
    expect(solved.id).toBe(scenario.id);
    expect(solved.employees.every((e) => Array.isArray(e.children))).toBe(true);
    const unknown = await service.fetch("/v1/jobs/no-such-job/scenario", { headers: auth });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

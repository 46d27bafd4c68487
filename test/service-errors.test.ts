import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, requireRole } from "../src/api/auth.js";
import { problemHandler } from "../src/api/problem.js";
import { startApi } from "../src/api/server.js";
import { loadConfig, type ServiceConfig } from "../src/config/env.js";
import { createLogger } from "../src/config/logger.js";
import { conformanceScenario, TestService } from "./helpers/service.js";

const KEYS = { officer: "officer-key-0123456789", planner: "planner-key-0123456789", admin: "admin-key-012345678901" };
const as = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

/** What the server at `url` answers to `bytes` sent on a plain TCP connection, until it closes it. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    socket.on("data", (chunk) => (answer += chunk.toString("utf8"))).on("close", () => resolve(answer)).on("error", reject);
  });
}

/** The problem+json body of an answer, after checking that it is one. */
async function problem(res: Response, status: number) {
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] };
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/docs#problem-/), title: expect.any(String), detail: expect.any(String) });
  expect(res.status).toBe(status);
  return body;
}

describe("every error is a problem+json answer with its status and a message that says what is wrong", () => {
  let service: TestService;
  const scenario = conformanceScenario("c1-small.json");
  const post = (body: string, headers: Record<string, string> = {}) =>
    service.fetch("/v1/jobs", { method: "POST", headers: { "content-type": "application/json", ...as("officer"), ...headers }, body });

  beforeAll(async () => {
    service = await TestService.start({
      feature: "service-errors",
      workers: 0,
      env: { API_KEYS: Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(","), BODY_LIMIT_MB: "0.05", MAX_TIME_LIMIT_SECONDS: "600" },
    });
  });
  afterAll(() => service?.stop());

  it("400 lists every problem of a job request, scenario paths under `scenario.`", async () => {
    const bad = structuredClone(scenario) as { employees: { agency: string }[]; units: { bedrooms: number }[] };
    bad.employees[17].agency = "NOPE";
    bad.units[2].bedrooms = 1.5;
    const body = await problem(await post(JSON.stringify({ scenario: bad, model: "no-such-model", solver: "cplex", timeLimitSeconds: 601, extra: 1 })), 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: "scenario.units.2.bedrooms", message: "must be a whole number" },
        { path: "solver", message: "must be one of auto, highs, jslp" },
        { path: "model", message: expect.stringMatching(/^unknown model "no-such-model"; models are .*default/) },
        { path: "extra", message: "unknown field" },
        { path: "scenario.employees.17.agency", message: 'unknown agency "NOPE"' },
      ]),
    );
    expect(body.errors).toHaveLength(6);
  });

  it("400 for a body that is not a job request, naming the place", async () => {
    expect((await problem(await post("[1,2]"), 400)).errors).toEqual([{ path: "", message: expect.stringMatching(/^the body must be a JSON object/) }]);
    expect((await problem(await post('{"scenario": '), 400)).errors).toEqual([{ path: "", message: expect.stringMatching(/^not valid JSON/) }]);
    for (const scalar of ["null", "3", '"ikn-2024"', " true"]) {
      expect((await problem(await post(scalar), 400)).errors).toEqual([{ path: "", message: "the body must be a JSON object" }]);
    }
    expect((await problem(await post("{}"), 400)).errors).toEqual([{ path: "scenario", message: "required (or scenarioId)" }]);
    expect((await problem(await post(JSON.stringify({ scenarioId: "nowhere" })), 400)).errors).toEqual([{ path: "scenarioId", message: 'no scenario "nowhere"' }]);
    // A stored scenario is looked up whatever else is wrong; a field that fails its schema is not read.
    expect((await problem(await post(JSON.stringify({ scenarioId: "nowhere", solver: "cplex", priority: 0 })), 400)).errors).toEqual([
      { path: "solver", message: "must be one of auto, highs, jslp" },
      { path: "priority", message: "must be from 1 to 10" },
      { path: "scenarioId", message: 'no scenario "nowhere"' },
    ]);
    expect((await problem(await post(JSON.stringify({ scenarioId: "", model: "no-such-model", solver: 1 })), 400)).errors).toEqual([
      { path: "scenarioId", message: "must be a non-empty string" },
      { path: "solver", message: "must be one of auto, highs, jslp" },
      { path: "model", message: expect.stringMatching(/^unknown model "no-such-model"/) },
    ]);
    expect((await problem(await post(JSON.stringify({ scenarioId: "nowhere", version: 0 })), 400)).errors).toEqual([{ path: "version", message: "must be at least 1" }]);
    expect((await problem(await post(JSON.stringify({ scenario: { ...scenario, id: 7 }, scenarioId: "nowhere" })), 400)).errors).toEqual([
      { path: "", message: "give scenario or scenarioId, not both" },
      { path: "scenario.id", message: expect.any(String) },
    ]);
    expect((await problem(await post(JSON.stringify({ scenario }), { "idempotency-key": "" }), 400)).detail).toMatch(/Idempotency-Key/);
  });

  it("400, not 500, for a path that is not valid percent-encoding or a body that is not its gzip", async () => {
    for (const path of ["/v1/scenarios/%ZZ", "/v1/jobs/%E0%A4%A"]) {
      expect((await problem(await service.fetch(path, { headers: as("officer") }), 400)).detail).toMatch(/^the request cannot be read: Failed to decode param/);
    }
    expect((await problem(await post(JSON.stringify({ scenarioId: "x" }), { "content-encoding": "gzip" }), 400)).detail).toMatch(/^the request cannot be read: /);
  });

  it("431 for headers over Node's limit, and 400 for bytes that are not HTTP, as problem+json too", async () => {
    await problem(await service.fetch("/v1/models", { headers: { "x-big": "x".repeat(20_000) } }), 431);
    const answer = await rawRequest(service.url, "NOT HTTP AT ALL\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 400, title: "Invalid input" });
  });

  it("400 for a bad list query or plan format, naming the parameter", async () => {
    const list = await problem(await service.fetch("/v1/jobs?status=done&limit=0&cursor=xyz", { headers: as("officer") }), 400);
    expect(list.errors!.map((e) => e.path).sort()).toEqual(["limit", "status"]);
    const cursor = await problem(await service.fetch("/v1/jobs?cursor=xyz", { headers: as("officer") }), 400);
    expect(cursor.errors).toEqual([{ path: "cursor", message: "not a cursor this service gave" }]);
    const format = await problem(await service.fetch("/v1/jobs/any/plan?format=xml", { headers: as("officer") }), 400);
    expect(format.errors).toEqual([{ path: "format", message: "must be json or csv" }]);
  });

  it("401 without a key or with an unknown one, in either header", async () => {
    const none = await service.fetch("/v1/jobs");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await problem(none, 401)).detail).toMatch(/API key is required/);
    expect((await problem(await service.fetch("/v1/jobs", { headers: { "x-api-key": "not-a-key-at-all-000" } }), 401)).detail).toBe("unknown API key");
    expect((await service.fetch("/v1/jobs", { headers: { "x-api-key": KEYS.officer } })).status).toBe(200);
    expect((await service.fetch("/metrics")).status).toBe(401);
  });

  it("403 when the key's role is below what the route needs", async () => {
    const config = loadConfig({ API_KEYS: `${KEYS.officer}:officer,${KEYS.planner}:planner` });
    if (!config.ok) throw new Error(config.problems.join());
    const app = express().post("/planners-only", authenticate(config.config.auth), requireRole("planner"), (_req, res) => void res.json({ ok: true }));
    app.use(problemHandler);
    const server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/planners-only`;
    try {
      const denied = await problem(await fetch(url, { method: "POST", headers: as("officer") }), 403);
      expect(denied.detail).toBe("this needs the planner role or above; the key's role is officer");
      expect((await fetch(url, { method: "POST", headers: as("planner") })).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it("404 for an unknown job, whatever is asked of it, and for unknown routes", async () => {
    for (const [method, path] of [["GET", ""], ["DELETE", ""], ["GET", "/plan"], ["GET", "/events"]]) {
      const body = await problem(await service.fetch(`/v1/jobs/20240101T000000000Z-00000000${path}`, { method, headers: as("officer") }), 404);
      expect(body.detail).toBe("no job 20240101T000000000Z-00000000");
    }
    expect((await problem(await service.fetch("/v2/nothing"), 404)).detail).toBe("no route GET /v2/nothing");
  });

  it("406 when the plan is wanted in a format it does not come in", async () => {
    await problem(await service.fetch("/v1/jobs/any/plan", { headers: { ...as("officer"), accept: "text/html" } }), 406);
  });

  it("409 for the plan of a job that has not completed", async () => {
    const id = await service.submit({ scenario }, as("officer"));
    const body = await problem(await service.fetch(`/v1/jobs/${id}/plan`, { headers: as("officer") }), 409);
    expect(body.detail).toBe(`job ${id} is queued; its plan is ready once it has completed`);
  });

  it("413 for a body over BODY_LIMIT_MB", async () => {
    const big = JSON.stringify({ scenario: conformanceScenario("c7-medium.json") });
    expect((await problem(await post(big), 413)).detail).toBe("the body is larger than the limit of 52429 bytes");
  });

  it("415 for a body that is not JSON", async () => {
    const res = await service.fetch("/v1/jobs", { method: "POST", headers: { ...as("officer"), "content-type": "text/csv" }, body: "a,b" });
    expect((await problem(res, 415)).detail).toBe("the body must be JSON (Content-Type: application/json), not text/csv");
  });

  it("429 past RATE_LIMIT_PER_MINUTE for one key", async () => {
    const limited = await TestService.start({ feature: "service-rate", workers: 0, env: { RATE_LIMIT_PER_MINUTE: "3" } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.fetch("/v1/models")).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      await problem(await limited.fetch("/v1/models"), 429);
    } finally {
      await limited.stop();
    }
  });

  it("503 from /readyz while no worker runs, saying so", async () => {
    const body = await problem(await service.fetch("/readyz"), 503);
    expect(body.detail).toBe("no worker process seen in the last 30 s: start one with npm run worker");
  });

  it("503 while Redis does not answer, from /readyz and from the API", async () => {
    const result = loadConfig({ REDIS_URL: "redis://127.0.0.1:1", PORT: "0", LOG_LEVEL: "silent" });
    const config = (result as { config: ServiceConfig }).config;
    const api = await startApi(config, createLogger(config, "api"));
    try {
      expect((await problem(await fetch(`${api.url}/readyz`), 503)).detail).toMatch(/^Redis is not answering/);
      expect((await problem(await fetch(`${api.url}/v1/jobs`), 503)).detail).toBe("the job store (Redis) is not answering; try again shortly");
    } finally {
      await api.close();
    }
  });
});

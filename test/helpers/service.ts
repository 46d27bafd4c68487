import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { startApi, type ApiServer } from "../../src/api/server.js";
import type { JobView } from "../../src/api/services/jobs.js";
import { loadConfig, type ServiceConfig } from "../../src/config/env.js";
import { createLogger } from "../../src/config/logger.js";
import { WorkerPool } from "../../src/lifecycle/worker-pool.js";
import { deleteKeys, REDIS_URL, uniquePrefix } from "../support/redis-prefix.js";

export interface ServiceOptions {
  /** Names the Redis prefix, so that leftovers say whose they are. */
  feature: string;
  /** Worker child processes; default 1. */
  workers?: number;
  /** More environment variables (API_KEYS, WORKER_CONCURRENCY, …) for API and workers alike. */
  env?: Record<string, string>;
}

/**
 * A whole service for a test: the API in this process on a free port, real worker child processes,
 * and a Redis prefix of its own that `stop()` deletes. Short lock and stalled-check times let a killed
 * worker's job come back within seconds.
 */
export class TestService {
  private constructor(
    readonly prefix: string,
    readonly env: Record<string, string>,
    readonly config: ServiceConfig,
    /** A client of the same Redis, for looking behind the API. */
    readonly redis: Redis,
    public workers: WorkerPool,
    public api: ApiServer,
  ) {}

  static async start(options: ServiceOptions): Promise<TestService> {
    const prefix = uniquePrefix(options.feature);
    const env: Record<string, string> = {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: "0",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error",
      JOB_LOCK_SECONDS: "5",
      STALLED_CHECK_SECONDS: "1",
      JOB_BACKOFF_SECONDS: "0.2",
      SHUTDOWN_GRACE_SECONDS: "2",
      RATE_LIMIT_PER_MINUTE: "100000",
      // Many workers start in these tests; test/solver-warm-up.test.ts covers the warm-up.
      SOLVER_WARMUP: "false",
      ...options.env,
    };
    const config = configFrom(env);
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const workers = workerPool(config, env, options.workers ?? 1);
    const [api] = await Promise.all([startApi(config, createLogger(config, "api")), workers.start()]);
    return new TestService(prefix, env, config, redis, workers, api);
  }

  get url(): string {
    return this.api.url;
  }

  /** `fetch` of a path of the API. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.url + path, init);
  }

  /** POSTs a JSON body; answers status, headers and the parsed body. */
  async post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await this.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  /** Submits a job request and answers the new job's id (the submission must be accepted). */
  async submit(request: unknown, headers: Record<string, string> = {}): Promise<string> {
    const { status, body } = await this.post("/v1/jobs", request, headers);
    if (status !== 202) throw new Error(`submission answered ${status}: ${JSON.stringify(body)}`);
    return body.id as string;
  }

  async job(id: string, headers: Record<string, string> = {}): Promise<JobView> {
    const res = await this.fetch(`/v1/jobs/${id}`, { headers });
    if (res.status !== 200) throw new Error(`GET /v1/jobs/${id} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as JobView;
  }

  /** Polls the job until `until` holds; fails with the job's last state after `timeoutMs`. */
  async waitForJob(id: string, until: (job: JobView) => boolean, timeoutMs = 45_000, headers: Record<string, string> = {}): Promise<JobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.job(id, headers);
      if (until(job)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not get there within ${timeoutMs} ms: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the API and starts another on the same Redis prefix (the port changes). */
  async restartApi(): Promise<void> {
    await this.api.close();
    this.api = await startApi(this.config, createLogger(this.config, "api"));
  }

  /** Stops API and workers gracefully, runs `between`, and starts them again on the same Redis prefix. */
  async restart(between: () => Promise<void> = async () => {}): Promise<void> {
    const size = this.workers.pids.length;
    await Promise.all([this.api.close(), this.workers.stop()]);
    await between();
    this.workers = workerPool(this.config, this.env, size);
    [this.api] = await Promise.all([startApi(this.config, createLogger(this.config, "api")), this.workers.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.api.close(), this.workers.stop()]);
    await deleteKeys(this.redis, this.prefix);
    await this.redis.quit();
  }
}

export const finished = (job: JobView) => ["completed", "failed", "cancelled"].includes(job.status);

function workerPool(config: ServiceConfig, env: Record<string, string>, size: number): WorkerPool {
  return new WorkerPool({ size, env: { ...process.env, ...env }, logger: createLogger(config, "start"), stopTimeoutMs: 10_000 });
}

function configFrom(env: Record<string, string>): ServiceConfig {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`bad test configuration:\n${result.problems.join("\n")}`);
  return result.config;
}

const CONFORMANCE = new URL("../../fixtures/conformance/", import.meta.url);

/** A scenario of the shared conformance set, as its JSON (MODEL.md input). */
export function conformanceScenario(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, CONFORMANCE), "utf8")) as Record<string, unknown>;
}

/** Reads a Server-Sent Events stream to its end; answers the events in order. */
export async function readEvents(res: Response): Promise<{ event: string; data: unknown }[]> {
  const events: { event: string; data: unknown }[] = [];
  const text = await res.text();
  for (const block of text.split("\n\n")) {
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (event && data) events.push({ event, data: JSON.parse(data) });
  }
  return events;
}

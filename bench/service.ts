import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { createLogger } from "../src/config/logger.js";
import { WorkerPool } from "../src/lifecycle/worker-pool.js";
import { parseScenario, type Scenario } from "../src/domain/index.js";
import { deleteKeys, uniquePrefix } from "../test/support/redis-prefix.js";
import { twoTowersInput } from "../test/support/two-towers.js";
import { freePort } from "../test/support/free-port.js";

// The service benchmark: API and 2 worker processes on loopback against the local Redis, each in
// its own process so that peak memory is its own. Every loop is bounded.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const WORKERS = 2;
const TINY_RUNS = 20;
const SMALL_RUNS = 5;
const THROUGHPUT_JOBS = 40;
/** Concurrent readers of `GET /v1/jobs/:id` while the throughput batch runs. */
const READERS = 4;
const JOB_TIMEOUT_MS = 180_000;

const tiny = (i: number): Scenario => parseScenario({ ...twoTowersInput, id: `bench-tiny-${i}` });
const small: unknown = JSON.parse(readFileSync(new URL("../fixtures/conformance/c1-small.json", import.meta.url), "utf8"));

/** Markdown section: submit-to-plan latency, jobs per second, read latency under load, peak RSS. */
export async function benchService(): Promise<string> {
  const service = await startService();
  try {
    const tinyLatency = await sequentialLatencies(service.url, TINY_RUNS, (i) => ({ scenario: tiny(i) }));
    const smallLatency = await sequentialLatencies(service.url, SMALL_RUNS, () => ({ scenario: small }));
    const load = await throughputUnderReads(service.url);
    const rss = service.peakRssMiB();
    return [
      "## Service",
      "",
      `API and ${WORKERS} worker processes (WORKER_CONCURRENCY=1) on loopback, Redis at ${REDIS_URL}, run from the TypeScript sources.`,
      "Latency is from sending `POST /v1/jobs` to having the plan (`GET /v1/jobs/:id/plan` after the job's event stream ends).",
      "",
      "| measure | value |",
      "|---|---|",
      `| submit-to-plan, tiny (5 employees), ${TINY_RUNS} jobs one after another | p50 ${ms(percentile(tinyLatency, 50))}, p95 ${ms(percentile(tinyLatency, 95))} |`,
      `| submit-to-plan, small (c1-small, 30 employees), ${SMALL_RUNS} jobs one after another | p50 ${ms(percentile(smallLatency, 50))}, p95 ${ms(percentile(smallLatency, 95))} |`,
      `| throughput, ${THROUGHPUT_JOBS} tiny jobs submitted at once | ${load.jobsPerSecond.toFixed(2)} jobs/s |`,
      `| \`GET /v1/jobs/:id\` meanwhile (${READERS} readers, ${load.reads.length} requests) | p50 ${ms(percentile(load.reads, 50))}, p95 ${ms(percentile(load.reads, 95))}, max ${ms(Math.max(...load.reads))} |`,
      `| peak RSS, API process | ${rss.api} MiB |`,
      `| peak RSS, worker processes | ${rss.workers.join(", ")} MiB |`,
      "",
    ].join("\n");
  } finally {
    await service.stop();
  }
}

async function startService() {
  const prefix = uniquePrefix("bench-service");
  const port = await freePort();
  const env = { ...process.env, REDIS_URL, REDIS_PREFIX: prefix, PORT: String(port), LOG_LEVEL: "error", RATE_LIMIT_PER_MINUTE: "1000000", API_KEYS: "" };
  const api = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../src/api/main.ts", import.meta.url))], { env, stdio: "inherit" });
  const workers = new WorkerPool({ size: WORKERS, env, logger: createLogger({ logLevel: "error" }, "start"), stopTimeoutMs: 10_000 });
  const url = `http://127.0.0.1:${port}`;
  await Promise.all([workers.start(), until(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true)]);
  return {
    url,
    peakRssMiB: () => ({ api: peakRssMiB(api.pid!), workers: workers.pids.map(peakRssMiB) }),
    async stop() {
      await Promise.all([stopChild(api), workers.stop()]);
      const redis = new Redis(REDIS_URL);
      await deleteKeys(redis, prefix);
      await redis.quit();
    },
  };
}

/** Runs `runs` jobs one at a time; answers each one's submit-to-plan time in ms. */
async function sequentialLatencies(url: string, runs: number, body: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await submitAndFetchPlan(url, body(i));
    times.push(performance.now() - started);
  }
  return times;
}

async function submitAndFetchPlan(url: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const { id } = (await res.json()) as { id: string };
  await (await fetch(`${url}/v1/jobs/${id}/events`, { signal: AbortSignal.timeout(JOB_TIMEOUT_MS) })).text();
  const plan = await fetch(`${url}/v1/jobs/${id}/plan`);
  if (plan.status !== 200) throw new Error(`job ${id}: plan answered ${plan.status}: ${await plan.text()}`);
  await plan.arrayBuffer();
}

/** Submits a batch at once and times it to the last plan, while readers time `GET /v1/jobs/:id`. */
async function throughputUnderReads(url: string): Promise<{ jobsPerSecond: number; reads: number[] }> {
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: THROUGHPUT_JOBS }, async (_, i) => {
      const res = await fetch(`${url}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: tiny(1000 + i) }) });
      return ((await res.json()) as { id: string }).id;
    }),
  );
  let done = false;
  const reads: number[] = [];
  const readers = Array.from({ length: READERS }, async (_, r) => {
    for (let i = r; !done; i++) {
      const t = performance.now();
      await (await fetch(`${url}/v1/jobs/${ids[i % ids.length]}`)).arrayBuffer();
      reads.push(performance.now() - t);
    }
  });
  await Promise.all(ids.map((id) => fetch(`${url}/v1/jobs/${id}/events`, { signal: AbortSignal.timeout(JOB_TIMEOUT_MS) }).then((r) => r.text())));
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await Promise.all(readers);
  return { jobsPerSecond: THROUGHPUT_JOBS / seconds, reads };
}

/** Peak resident set of a live process (Linux `VmHWM`), in MiB. */
function peakRssMiB(pid: number): number {
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return Math.round(kb / 1024);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v: number) => `${v.toFixed(v < 100 ? 1 : 0)} ms`;

async function until(ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error("the service did not become ready");
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchService());

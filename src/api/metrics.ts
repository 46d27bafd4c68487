import { collectDefaultMetrics, Gauge, Registry, type Metric } from "prom-client";
import type { Redis } from "ioredis";
import type { AllocationQueue } from "../queue/allocation-queue.js";
import { workersSeen } from "../queue/heartbeat.js";
import { readSolveSeconds } from "../queue/solve-metrics.js";
import type { JobStore } from "../store/jobs.js";

/**
 * The Prometheus registry of one API process. Queue and job figures are read from Redis at scrape
 * time, so every API instance reports the same totals whichever process did the work.
 */
export function createMetrics(redis: Redis, queue: AllocationQueue, store: JobStore): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ikn_api_" });
  new Gauge({
    name: "ikn_jobs",
    help: "Jobs by status (ended ones within the retention period)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const [counts, ended] = await Promise.all([queue.getJobCounts("waiting", "prioritized", "delayed", "active"), store.endedCounts()]);
      this.set({ status: "queued" }, counts.waiting + counts.prioritized + counts.delayed);
      this.set({ status: "active" }, counts.active);
      for (const [status, n] of Object.entries(ended)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "ikn_queue_depth",
    help: "Jobs waiting for a worker (including retries waiting out their backoff)",
    registers: [registry],
    async collect() {
      const c = await queue.getJobCounts("waiting", "prioritized", "delayed");
      this.set(c.waiting + c.prioritized + c.delayed);
    },
  });
  new Gauge({
    name: "ikn_workers",
    help: "Worker processes seen in the last 30 s",
    registers: [registry],
    async collect() {
      this.set(await workersSeen(redis, store.keys.workers));
    },
  });
  registry.registerMetric(solveSecondsHistogram(redis, store.keys.solveSeconds) as unknown as Metric);
  return registry;
}

/** A histogram prom-client prints like its own, with counts kept in Redis by the workers. */
function solveSecondsHistogram(redis: Redis, key: string) {
  const name = "ikn_solve_seconds";
  const help = "Wall-clock seconds of completed solves (all workers)";
  return {
    name,
    help,
    type: "histogram",
    aggregator: "sum",
    reset() {},
    async get() {
      const h = await readSolveSeconds(redis, key);
      return {
        name,
        help,
        type: "histogram",
        aggregator: "sum",
        values: [
          ...h.buckets.map((b) => ({ metricName: `${name}_bucket`, labels: { le: b.le }, value: b.count })),
          { metricName: `${name}_bucket`, labels: { le: "+Inf" }, value: h.count },
          { metricName: `${name}_sum`, labels: {}, value: h.sum },
          { metricName: `${name}_count`, labels: {}, value: h.count },
        ],
      };
    },
  };
}

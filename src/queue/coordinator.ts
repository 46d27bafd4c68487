import { Worker } from "bullmq";
import type { ServiceConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { ComparisonStore } from "../store/comparisons.js";
import { JobStore } from "../store/jobs.js";
import { ScenarioStore } from "../store/scenarios.js";
import { ScheduleStore } from "../store/schedules.js";
import { openAllocationQueue } from "./allocation-queue.js";
import { comparisonsQueueName, openFlowProducer, type ComparisonJobData } from "./comparison-flow.js";
import { closeClients, patientClient } from "./connections.js";
import { processScheduleJob, type ScheduleRunDeps } from "./schedule-run.js";
import { schedulesQueueName, type RunReportData, type ScheduleRunData } from "./schedule-queue.js";

/** Bookkeeping jobs are a few Redis round trips each; a handful at once keeps them from queueing behind each other. */
const COORDINATION_CONCURRENCY = 4;

export interface Coordinator {
  close(): Promise<void>;
}

/**
 * A worker process's second part, beside the solver: it closes comparisons once all their variants
 * have ended, fires schedule runs and writes their change reports. None of it solves anything.
 */
export async function startCoordinator(config: ServiceConfig, logger: Logger): Promise<Coordinator> {
  const redis = patientClient(config.redis.url, "coordinator", logger);
  const queue = openAllocationQueue(config, redis);
  const flows = openFlowProducer(config, redis);
  const deps: ScheduleRunDeps = {
    config,
    redis,
    queue,
    flows,
    store: new JobStore(redis, config.redis.prefix, config.queue.name, config.queue.retentionMs),
    comparisons: new ComparisonStore(redis, config.redis.prefix, config.queue.name, config.queue.retentionMs),
    scenarios: new ScenarioStore(redis, config.redis.prefix),
    schedules: new ScheduleStore(redis, config.redis.prefix, config.queue.name),
  };
  const options = { connection: redis, prefix: config.redis.prefix, concurrency: COORDINATION_CONCURRENCY };
  const comparisons = new Worker<ComparisonJobData>(comparisonsQueueName(config), (job) => deps.comparisons.finish(job.data.comparisonId), options);
  const schedules = new Worker<ScheduleRunData | RunReportData>(
    schedulesQueueName(config),
    (job) => processScheduleJob(deps, job),
    options,
  );
  for (const [name, worker] of [["comparisons", comparisons], ["schedules", schedules]] as const) {
    worker.on("failed", (job, err) => logger.error({ queue: name, jobId: job?.id, err: err.message }, "coordination job failed"));
    worker.on("error", (err) => logger.warn({ queue: name, err: err.message }, "coordination worker error"));
  }
  await Promise.all([comparisons.waitUntilReady(), schedules.waitUntilReady()]);
  return {
    async close() {
      await Promise.all([comparisons.close(), schedules.close()]);
      await Promise.all([flows.close(), queue.close()]);
      await closeClients(redis);
    },
  };
}

import { hostname } from "node:os";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { ServiceConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { JobStore } from "../store/jobs.js";
import type { SolveJobData } from "./allocation-queue.js";
import { listenForCancels } from "./cancel-channel.js";
import { closeClients, patientClient } from "./connections.js";
import { startHeartbeat } from "./heartbeat.js";
import { warmUpSolver } from "./warm-up.js";
import { allocationProcessor } from "./processor.js";
import { RunningSolves } from "./running-solves.js";

export interface AllocationWorker {
  /** `host:pid`, stored on every job this process runs. */
  name: string;
  /** Stops taking jobs; running solves get the shutdown grace period, then go back to the queue. */
  close(): Promise<void>;
}

/**
 * A worker process's part: takes jobs from the queue, `WORKER_CONCURRENCY` at a time. The solver
 * runs on a thread of its own, so this event loop stays free to renew job locks however long a solve
 * takes; a lock lapses only when the process is gone, and then another worker runs the job again.
 */
export async function startAllocationWorker(config: ServiceConfig, logger: Logger): Promise<AllocationWorker> {
  const name = `${hostname()}:${process.pid}`;
  const redis = patientClient(config.redis.url, "worker", logger);
  const subscriber = patientClient(config.redis.url, "worker-cancels", logger);
  const store = new JobStore(redis, config.redis.prefix, config.queue.name, config.queue.retentionMs);
  const running = new RunningSolves();

  const worker = new Worker<SolveJobData>(config.queue.name, allocationProcessor({ store, redis, running, workerName: name, logger }), {
    connection: redis,
    prefix: config.redis.prefix,
    name,
    concurrency: config.worker.concurrency,
    lockDuration: config.queue.lockMs,
    stalledInterval: config.queue.stalledIntervalMs,
    // A job may outlive two dead workers before it fails as "stalled".
    maxStalledCount: 2,
  });
  worker.on("failed", (job, err) => {
    if (job) void recordFailure(job, err, store, logger);
  });
  worker.on("lockRenewalFailed", (jobIds) => jobIds.forEach((id) => running.stop(id, "lock-lost")));
  worker.on("error", (err) => logger.warn({ err: err.message }, "worker error"));

  await listenForCancels(subscriber, store.keys.cancelChannel, (jobId) => {
    if (running.stop(jobId, "cancelled")) logger.info({ jobId }, "cancel received");
  });
  await worker.waitUntilReady();
  const heartbeat = startHeartbeat(redis, store.keys.workers, name, (err) => logger.warn({ err: err.message }, "heartbeat not written"));
  logger.info({ worker: name, concurrency: config.worker.concurrency, queue: config.queue.name }, "worker ready");
  // In the background: a job that arrives meanwhile starts a solver thread of its own.
  if (config.worker.warmUp) void warmUpSolver(logger);

  return {
    name,
    async close() {
      await heartbeat.stop();
      const grace = setTimeout(() => {
        if (running.size) logger.info({ solves: running.size }, "grace period over: returning running jobs to the queue");
        running.stopAll("shutdown");
      }, config.shutdownGraceMs);
      await worker.close();
      clearTimeout(grace);
      await closeClients(redis, subscriber);
    },
  };
}

/** A job failed for good gets its reason in the job record; one that will be retried only a log line. */
async function recordFailure(job: Job, err: Error, store: JobStore, logger: Logger): Promise<void> {
  const log = logger.child({ jobId: job.id });
  const final = err instanceof UnrecoverableError || err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) {
    log.warn({ err: err.message, attemptsMade: job.attemptsMade }, "attempt failed; will retry");
    return;
  }
  const error = job.attemptsMade > 1 ? `${err.message} (after ${job.attemptsMade} attempts)` : err.message;
  try {
    if (await store.end(job.id!, { status: "failed", error })) log.error({ err: error }, "job failed");
  } catch (e) {
    log.error({ err: (e as Error).message }, "job failure not recorded");
  }
}

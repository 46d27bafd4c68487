import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { ServiceConfig } from "../config/env.js";

/** The BullMQ job name of a solve. */
export const SOLVE_JOB = "solve";

/** What BullMQ carries: only the id; the job's record, scenario and options live in the job store. */
export interface SolveJobData {
  scenarioId: string;
}

export type AllocationQueue = Queue<SolveJobData>;

/**
 * The queue of allocation jobs. Completed jobs leave BullMQ at once (the job store keeps record and
 * plan); failed ones stay for the retention period, with their stack traces, for operators.
 */
export function openAllocationQueue(config: ServiceConfig, connection: Redis): AllocationQueue {
  return new Queue<SolveJobData>(config.queue.name, {
    connection,
    prefix: config.redis.prefix,
    defaultJobOptions: retriedJobOptions(config),
  });
}

/** Retries with backoff; completed jobs leave BullMQ at once, failed ones stay for the retention period. */
export function retriedJobOptions(config: ServiceConfig) {
  return {
    attempts: config.queue.attempts,
    backoff: { type: "exponential", delay: config.queue.backoffMs },
    removeOnComplete: true,
    removeOnFail: { age: Math.ceil(config.queue.retentionMs / 1000) },
  };
}

import { FlowProducer, type FlowJobNode, type FlowParentJob } from "bullmq";
import type { Redis } from "ioredis";
import type { ServiceConfig } from "../config/env.js";
import type { Scenario } from "../domain/index.js";
import type { Variant } from "../plan/variants.js";
import type { ComparisonRecord, ComparisonStore } from "../store/comparisons.js";
import { newJobId, type JobStore } from "../store/jobs.js";
import type { JobRecord } from "../store/jobs-record.js";
import { SOLVE_JOB, type AllocationQueue, type SolveJobData } from "./allocation-queue.js";

/** The BullMQ job name of a comparison's parent. */
export const COMPARISON_JOB = "comparison";

/** A comparison's parent lives on a queue of its own: solver workers never take it. */
export function comparisonsQueueName(config: ServiceConfig): string {
  return `${config.queue.name}-comparisons`;
}

export interface ComparisonJobData {
  comparisonId: string;
}

/** Priority of the variants' jobs: that of a job request that names none. */
const VARIANT_PRIORITY = 5;

export interface FlowDeps {
  config: ServiceConfig;
  redis: Redis;
  store: JobStore;
  comparisons: ComparisonStore;
  /** The allocation queue; its default job options (attempts, backoff, retention) apply to variant jobs too. */
  queue: AllocationQueue;
}

/** How to name a new comparison and its jobs; a schedule run derives them from its own id so that a retried run makes no second comparison. */
export interface FlowIds {
  comparisonId: string;
  jobIds: string[];
}

export function newFlowIds(variants: number): FlowIds {
  return { comparisonId: newJobId(), jobIds: Array.from({ length: variants }, () => newJobId()) };
}

/**
 * Records and queues a comparison: one allocation job per variant as the children of one parent,
 * which BullMQ releases once every child has ended; a variant that fails or is cancelled does not
 * hold the others' parent back. Answers the flow so that a schedule run can hang its report above it.
 */
export function comparisonFlow(deps: FlowDeps, record: ComparisonRecord): FlowParentJob {
  return {
    name: COMPARISON_JOB,
    queueName: comparisonsQueueName(deps.config),
    data: { comparisonId: record.id } satisfies ComparisonJobData,
    opts: { jobId: record.id, removeOnComplete: true, removeOnFail: true },
    children: record.variants.map((v) => variantJob(deps, v.jobId, record.scenarioId)),
  };
}

/** A variant's allocation job as a flow child, with the queue's own defaults. */
export function variantJob(deps: FlowDeps, jobId: string, scenarioId: string): FlowJobNode {
  return {
    name: SOLVE_JOB,
    queueName: deps.config.queue.name,
    data: { scenarioId } satisfies SolveJobData,
    opts: { ...deps.queue.defaultJobOptions, jobId, priority: VARIANT_PRIORITY, ignoreDependencyOnFailure: true },
  };
}

/** Writes the records of a comparison and of its variants' jobs (not yet queued); already written ones are left alone. */
export async function recordComparison(
  deps: FlowDeps,
  scenario: Scenario,
  scenarioVersion: number | undefined,
  variants: Variant[],
  ids: FlowIds,
): Promise<ComparisonRecord> {
  const existing = await deps.comparisons.get(ids.comparisonId);
  if (existing) return existing;
  const record: ComparisonRecord = {
    id: ids.comparisonId,
    scenarioId: scenario.id,
    scenarioVersion,
    createdAt: new Date().toISOString(),
    variants: variants.map((v, i) => ({ ...v, jobId: ids.jobIds[i] })),
  };
  await recordJobs(deps, scenario, scenarioVersion, record.variants);
  await deps.comparisons.create(record);
  return record;
}

/** Writes the job record of each variant, unless a retried run already did. */
export async function recordJobs(deps: FlowDeps, scenario: Scenario, scenarioVersion: number | undefined, variants: (Variant & { jobId: string })[]) {
  const scenarioJson = JSON.stringify(scenario);
  for (const v of variants) {
    if (await deps.store.get(v.jobId)) continue;
    const record: JobRecord = {
      id: v.jobId,
      scenarioId: scenario.id,
      scenarioVersion,
      createdAt: new Date().toISOString(),
      options: {
        model: v.model,
        policy: v.policy,
        solver: v.solver,
        timeLimitSeconds: v.timeLimitSeconds ?? deps.config.queue.maxTimeLimitSeconds,
        priority: VARIANT_PRIORITY,
      },
      status: "queued",
      attempts: 0,
    };
    await deps.store.create(record, scenarioJson);
  }
}

/** Records and queues a comparison of `variants` on `scenario`. */
export async function submitComparison(
  deps: FlowDeps,
  flows: FlowProducer,
  scenario: Scenario,
  scenarioVersion: number | undefined,
  variants: Variant[],
  ids = newFlowIds(variants.length),
): Promise<ComparisonRecord> {
  const record = await recordComparison(deps, scenario, scenarioVersion, variants, ids);
  await flows.add(comparisonFlow(deps, record));
  return record;
}

export function openFlowProducer(config: ServiceConfig, connection: Redis): FlowProducer {
  return new FlowProducer({ connection, prefix: config.redis.prefix });
}

import { UnrecoverableError, WaitingError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../config/logger.js";
import { validateScenario, formatIssue, type Plan } from "../domain/index.js";
import { NoPlanError, PlanCheckError, UnknownPresetError, solveScenario } from "../pipeline/solve.js";
import type { JobStore } from "../store/jobs.js";
import type { JobRecord } from "../store/jobs-record.js";
import type { SolveJobData } from "./allocation-queue.js";
import { summarizePlan } from "./plan-summary.js";
import { throttle, toJobProgress } from "./progress.js";
import type { RunningSolves, StopReason } from "./running-solves.js";
import { recordSolveSeconds } from "./solve-metrics.js";

export const CANCELLED_MESSAGE = "cancelled on request";
const PROGRESS_INTERVAL_MS = 500;

export interface ProcessorDeps {
  store: JobStore;
  redis: Redis;
  running: RunningSolves;
  workerName: string;
  logger: Logger;
}

/**
 * Runs one attempt of a job: solve its scenario and store the plan. A cancel ends the job `cancelled`
 * and never retried; a shutdown puts it back in the queue for another worker; faults that would only
 * repeat (bad input, no plan within the time limit, a plan the checker rejects) fail it for good.
 */
export function allocationProcessor(deps: ProcessorDeps) {
  return async (job: Job<SolveJobData>, token?: string): Promise<unknown> => {
    const id = job.id!;
    const signal = deps.running.begin(id);
    const log = deps.logger.child({ jobId: id, attempt: job.attemptsStarted });
    try {
      if (!(await deps.store.start(id, deps.workerName, job.attemptsStarted))) {
        throw new UnrecoverableError(CANCELLED_MESSAGE);
      }
      const [record, scenarioJson] = await Promise.all([deps.store.get(id), deps.store.scenarioJson(id)]);
      if (!record || scenarioJson === null) throw new UnrecoverableError("the job's record or scenario has expired");
      log.info({ scenarioId: record.scenarioId }, "solve started");
      const plan = await solveOrStop(record, scenarioJson, job, signal, log);
      if (plan === undefined || signal.aborted) return await stopped(job, token, signal.reason as StopReason, deps, log);
      return await completed(job, plan, deps, log);
    } finally {
      deps.running.end(id);
    }
  };
}

/** The plan, or undefined when the solve was stopped. */
async function solveOrStop(record: JobRecord, scenarioJson: string, job: Job, signal: AbortSignal, log: Logger): Promise<Plan | undefined> {
  const validation = validateScenario(JSON.parse(scenarioJson));
  if (!validation.ok) throw new UnrecoverableError(`invalid scenario: ${validation.issues.map(formatIssue).join("; ")}`);
  const progress = throttle((p: ReturnType<typeof toJobProgress>) => {
    job.updateProgress(p).catch((err: Error) => log.warn({ err: err.message }, "progress not saved"));
  }, PROGRESS_INTERVAL_MS);
  const { model, policy, solver, timeLimitSeconds } = record.options;
  try {
    return await solveScenario(validation.value, {
      model,
      policy,
      solver,
      timeLimitSeconds,
      signal,
      onProgress: (p) => progress.push(toJobProgress(p)),
    });
  } catch (err) {
    if (signal.aborted) return undefined;
    throw asJobError(err as Error);
  } finally {
    progress.stop();
  }
}

/** Errors that would only happen again fail the job for good; the rest (faults) get retried. */
function asJobError(err: Error): Error {
  const repeats = err instanceof NoPlanError || err instanceof UnknownPresetError || err instanceof PlanCheckError;
  return repeats ? new UnrecoverableError(err.message) : err;
}

async function completed(job: Job, plan: Plan, deps: ProcessorDeps, log: Logger) {
  const summary = summarizePlan(plan);
  const ended = await deps.store.end(job.id!, { status: "completed", plan: JSON.stringify(plan), summary });
  if (!ended) throw new UnrecoverableError(CANCELLED_MESSAGE);
  await recordSolveSeconds(deps.redis, deps.store.keys.solveSeconds, summary.timeMs / 1000).catch((err: Error) =>
    log.warn({ err: err.message }, "solve time not recorded"),
  );
  log.info({ status: summary.status, objective: summary.objective, timeMs: summary.timeMs }, "solve completed");
  return summary;
}

async function stopped(job: Job, token: string | undefined, reason: StopReason, deps: ProcessorDeps, log: Logger): Promise<never> {
  log.info({ reason }, "solve stopped");
  if (reason === "shutdown") {
    // Back to the queue at once for another worker, without using up an attempt.
    await job.moveToWait(token);
    throw new WaitingError();
  }
  if (reason === "cancelled") {
    await deps.store.end(job.id!, { status: "cancelled" });
    throw new UnrecoverableError(CANCELLED_MESSAGE);
  }
  throw new Error("the worker lost its claim on the job (its lock lapsed); another worker runs it");
}

import { UnrecoverableError, type FlowJobNode, type FlowProducer, type Job } from "bullmq";
import { ScenarioIndex, type Plan, type Scenario } from "../domain/index.js";
import { changeReport, type PlanInScenario } from "../plan/diff.js";
import { cutoffDate, pinPrevious } from "../plan/pin-previous.js";
import type { Variant } from "../plan/variants.js";
import type { JobStore } from "../store/jobs.js";
import type { ScenarioStore } from "../store/scenarios.js";
import type { RunRecord, ScheduleRecord, ScheduleStore } from "../store/schedules.js";
import { comparisonFlow, newFlowIds, recordComparison, recordJobs, variantJob, type FlowDeps } from "./comparison-flow.js";
import { RUN_REPORT_JOB, schedulesQueueName, type RunReportData, type ScheduleRunData } from "./schedule-queue.js";

export interface ScheduleRunDeps extends FlowDeps {
  scenarios: ScenarioStore;
  schedules: ScheduleStore;
  flows: FlowProducer;
}

/** A schedule without variants runs one job with the service's defaults. */
const DEFAULT_VARIANTS: Variant[] = [{ name: "default" }];

/** How many runs are read at a time while looking back for the previous run. */
const RUNS_PAGE = 20;

/** The processor of the schedules queue: a firing (from the job scheduler) or a run's report (a flow parent). */
export function processScheduleJob(deps: ScheduleRunDeps, job: Job<ScheduleRunData | RunReportData>): Promise<void> {
  if ("runId" in job.data) return reportRun(deps, job.data);
  // The scheduler's job carries its cron instant as `prevMillis`.
  return runSchedule(deps, job.data.scheduleId, job.id!, new Date(job.opts.prevMillis ?? job.timestamp));
}

/**
 * One firing of a schedule: decide what the run solves (the latest scenario version, with the previous
 * run's past waves pinned when asked) and record it, then queue its job or comparison under a report
 * parent. A retried firing finds its run recorded and only makes sure the flow is queued.
 */
async function runSchedule(deps: ScheduleRunDeps, scheduleId: string, runId: string, firedAt: Date): Promise<void> {
  const schedule = await deps.schedules.get(scheduleId);
  if (!schedule || schedule.deletedAt) return;
  const run = (await deps.schedules.getRun(schedule.id, runId)) ?? (await planRun(deps, schedule, runId, firedAt));
  if (run.launched) return;
  const pinned = await launchRun(deps, schedule, run);
  await deps.schedules.markLaunched(schedule.id, run.id, pinned);
}

async function planRun(deps: ScheduleRunDeps, schedule: ScheduleRecord, runId: string, firedAt: Date): Promise<RunRecord> {
  const latest = await deps.scenarios.get(schedule.scenarioId);
  if (!latest) throw new UnrecoverableError(`scenario "${schedule.scenarioId}" is not stored`);
  const variants = schedule.variants ?? DEFAULT_VARIANTS;
  const ids = newFlowIds(variants.length);
  const previous = await previousPlanRun(deps, schedule.id, firedAt.getTime());
  const run: RunRecord = {
    id: runId,
    runAt: firedAt.toISOString(),
    scenarioVersion: latest.version,
    ...(variants.length === 1 ? { jobId: ids.jobIds[0] } : { comparisonId: ids.comparisonId }),
    planJobId: ids.jobIds[0],
    jobIds: ids.jobIds,
    previous: previous && { runAt: previous.runAt, planJobId: previous.planJobId },
    pinBefore: schedule.pinBefore && cutoffDate(schedule.pinBefore, schedule.timezone, firedAt),
  };
  await deps.schedules.saveRun(schedule.id, run);
  return run;
}

/** The latest run fired before `beforeMs` whose plan job completed with placements (not infeasible). */
async function previousPlanRun(deps: ScheduleRunDeps, scheduleId: string, beforeMs: number): Promise<RunRecord | undefined> {
  let before = beforeMs;
  for (;;) {
    const runs = await deps.schedules.runs(scheduleId, RUNS_PAGE, before);
    if (runs.length === 0) return undefined;
    const records = await deps.store.getMany(runs.map((r) => r.planJobId));
    const found = runs.find((_, i) => records[i]?.status === "completed" && records[i]?.summary?.status !== "infeasible");
    if (found) return found;
    before = Date.parse(runs[runs.length - 1].runAt);
  }
}

/** Queues the run's flow; answers how many placements it pinned. */
async function launchRun(deps: ScheduleRunDeps, schedule: ScheduleRecord, run: RunRecord): Promise<number> {
  const { scenario, pinned } = await runScenario(deps, schedule, run);
  const variants = (schedule.variants ?? DEFAULT_VARIANTS).map((v, i) => ({ ...v, jobId: run.jobIds[i] }));
  let child: FlowJobNode;
  if (run.comparisonId === undefined) {
    await recordJobs(deps, scenario, run.scenarioVersion, variants);
    child = variantJob(deps, variants[0].jobId, scenario.id);
  } else {
    const record = await recordComparison(deps, scenario, run.scenarioVersion, variants, { comparisonId: run.comparisonId, jobIds: run.jobIds });
    child = comparisonFlow(deps, record);
  }
  await deps.flows.add({
    name: RUN_REPORT_JOB,
    queueName: schedulesQueueName(deps.config),
    data: { scheduleId: schedule.id, runId: run.id } satisfies RunReportData,
    opts: { jobId: `report-${run.planJobId}`, removeOnComplete: true, removeOnFail: true },
    children: [child],
  });
  return pinned;
}

/** The run's scenario version, with the previous run's placements before the cut-off pinned. */
async function runScenario(deps: ScheduleRunDeps, schedule: ScheduleRecord, run: RunRecord): Promise<{ scenario: Scenario; pinned: number }> {
  const stored = await deps.scenarios.get(schedule.scenarioId, run.scenarioVersion);
  if (!stored) throw new UnrecoverableError(`scenario "${schedule.scenarioId}" has no version ${run.scenarioVersion}`);
  const previous = run.pinBefore !== undefined && run.previous !== undefined ? await planOfJob(deps.store, run.previous.planJobId) : undefined;
  if (previous === undefined || typeof previous === "string") return { scenario: stored.scenario, pinned: 0 };
  const scenario = pinPrevious(stored.scenario, previous.plan.placements, run.pinBefore!);
  return { scenario, pinned: scenario.pinned.length - stored.scenario.pinned.length };
}

/**
 * Once the run's job (or comparison) has ended: its change report against the previous run, or why
 * there is none.
 */
async function reportRun(deps: ScheduleRunDeps, { scheduleId, runId }: RunReportData): Promise<void> {
  const run = await deps.schedules.getRun(scheduleId, runId);
  if (!run) return;
  const current = await planOfJob(deps.store, run.planJobId);
  if (typeof current === "string") {
    await deps.schedules.saveOutcome(scheduleId, runId, { error: current });
    return;
  }
  if (run.previous === undefined) return;
  const previous = await planOfJob(deps.store, run.previous.planJobId);
  const outcome = typeof previous === "string" ? { error: `no change report: the previous run's ${previous}` } : { changes: changeReport(previous, current) };
  await deps.schedules.saveOutcome(scheduleId, runId, outcome);
}

/** A completed job's plan, read against the scenario it solved; else why there is none. */
async function planOfJob(store: JobStore, jobId: string): Promise<PlanInScenario | string> {
  const record = await store.get(jobId);
  if (!record) return `job ${jobId} has expired`;
  if (record.status !== "completed") return `job ${jobId} ended ${record.status}${record.error ? `: ${record.error}` : ""}`;
  const [planJson, scenarioJson] = await Promise.all([store.planJson(jobId), store.scenarioJson(jobId)]);
  if (planJson === null || scenarioJson === null) return `job ${jobId} has expired`;
  return { plan: JSON.parse(planJson) as Plan, index: new ScenarioIndex(JSON.parse(scenarioJson) as Scenario) };
}

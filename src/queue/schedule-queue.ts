import { CronExpressionParser } from "cron-parser";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { ServiceConfig } from "../config/env.js";
import { retriedJobOptions } from "./allocation-queue.js";
import type { InputIssue } from "../domain/index.js";
import type { ScheduleRecord } from "../store/schedules.js";

/** The job a job scheduler adds each time a schedule fires. */
export const SCHEDULE_RUN_JOB = "run";
/** The parent that waits for a run's job (or comparison) and then writes the run's change report. */
export const RUN_REPORT_JOB = "report";

export const DEFAULT_TIMEZONE = "Asia/Makassar";

export interface ScheduleRunData {
  scheduleId: string;
}

export interface RunReportData {
  scheduleId: string;
  runId: string;
}

export type ScheduleQueue = Queue<ScheduleRunData | RunReportData>;

export function schedulesQueueName(config: ServiceConfig): string {
  return `${config.queue.name}-schedules`;
}

export function openScheduleQueue(config: ServiceConfig, connection: Redis): ScheduleQueue {
  return new Queue(schedulesQueueName(config), {
    connection,
    prefix: config.redis.prefix,
    defaultJobOptions: retriedJobOptions(config),
  });
}

/** Starts (or restarts) the BullMQ job scheduler of a schedule: one `run` job per cron instant, in its time zone. */
export async function startSchedule(queue: ScheduleQueue, schedule: ScheduleRecord): Promise<void> {
  await queue.upsertJobScheduler(
    schedule.id,
    { pattern: schedule.cron, tz: schedule.timezone },
    { name: SCHEDULE_RUN_JOB, data: { scheduleId: schedule.id }, opts: queue.defaultJobOptions },
  );
}

/** When the schedule fires next, or undefined once it is stopped. */
export async function nextRunAt(queue: ScheduleQueue, scheduleId: string): Promise<Date | undefined> {
  const scheduler = await queue.getJobScheduler(scheduleId);
  return scheduler?.next ? new Date(scheduler.next) : undefined;
}

/** API.md: five fields, or six with seconds first, read in `timezone`. */
export function cronIssues(cron: string, timezone: string): InputIssue[] {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    return [{ path: ["cron"], message: `must have 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; "${cron}" has ${fields}` }];
  }
  try {
    CronExpressionParser.parse(cron, { tz: timezone }).next();
    return [];
  } catch (err) {
    return [{ path: ["cron"], message: `"${cron}" is not a valid cron expression: ${(err as Error).message}` }];
  }
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

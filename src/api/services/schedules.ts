import { fromZodIssues, isPlainObject, parseFields, type InputIssue } from "../../domain/index.js";
import { checkVariants } from "../../plan/variants.js";
import { cronIssues, DEFAULT_TIMEZONE, isTimeZone, nextRunAt, startSchedule, type ScheduleQueue } from "../../queue/schedule-queue.js";
import { newJobId } from "../../store/jobs.js";
import type { ScenarioStore } from "../../store/scenarios.js";
import type { RunRecord, ScheduleRecord, ScheduleStore } from "../../store/schedules.js";
import { invalidInput, notFound } from "../problem.js";
import { PageQuerySchema, ScheduleRequestSchema } from "../schemas-planning.js";

/** What API.md's `GET /v1/schedules/<id>` answers: the schedule as asked for, and when it fires next. */
export type ScheduleView = ScheduleRecord & { nextRunAt?: string; links: { self: string; runs: string } };

/** Problems of a schedule's cron in its time zone, where both are valid so far. */
function timingIssues(cron: string | undefined, timezone: string | undefined): InputIssue[] {
  if (timezone !== undefined && !isTimeZone(timezone)) return [{ path: ["timezone"], message: `unknown time zone "${timezone}"; use an IANA name such as ${DEFAULT_TIMEZONE}` }];
  return cron !== undefined && timezone !== undefined ? cronIssues(cron, timezone) : [];
}

/** API.md's run: when it fired, what it queued, and what changed against the previous run. */
export type RunView = Pick<RunRecord, "runAt" | "jobId" | "comparisonId" | "scenarioVersion" | "pinBefore" | "pinned" | "changes" | "error"> & {
  previousRunAt?: string;
  links: { job: string } | { comparison: string };
};

export interface SchedulesServiceDeps {
  schedules: ScheduleStore;
  scenarios: ScenarioStore;
  queue: ScheduleQueue;
  maxTimeLimitSeconds: number;
}

/** The schedules of API.md, free of HTTP. */
export class SchedulesService {
  constructor(private readonly deps: SchedulesServiceDeps) {}

  async create(body: unknown): Promise<ScheduleView> {
    const { data, issues, valid } = parseFields(ScheduleRequestSchema, body ?? {});
    const request = isPlainObject(body) ? body : {};
    // Every check runs on the fields that are valid, so that one answer lists every problem.
    issues.push(...timingIssues(valid.cron, request.timezone === undefined ? DEFAULT_TIMEZONE : valid.timezone));
    const named = request.variants === undefined ? undefined : checkVariants(request.variants, this.deps.maxTimeLimitSeconds);
    issues.push(...(named?.issues ?? []));
    if (valid.scenarioId !== undefined && !(await this.deps.scenarios.get(valid.scenarioId))) {
      issues.push({ path: ["scenarioId"], message: `no scenario "${valid.scenarioId}"; store it first with PUT /v1/scenarios/${valid.scenarioId}` });
    }
    if (!data || issues.length) throw invalidInput(issues);
    const { cron, scenarioId, pinBefore } = data;
    const timezone = data.timezone ?? DEFAULT_TIMEZONE;

    const record: ScheduleRecord = {
      id: newJobId(),
      cron,
      timezone,
      scenarioId,
      ...(named?.variants ? { variants: named.variants } : {}),
      ...(pinBefore ? { pinBefore } : {}),
      createdAt: new Date().toISOString(),
    };
    await this.deps.schedules.create(record);
    await startSchedule(this.deps.queue, record);
    return this.view(record.id);
  }

  async view(id: string): Promise<ScheduleView> {
    const record = await this.record(id);
    const next = record.deletedAt ? undefined : await nextRunAt(this.deps.queue, id);
    return { ...record, ...(next ? { nextRunAt: next.toISOString() } : {}), links: links(id) };
  }

  async list(query: unknown): Promise<{ items: ScheduleView[]; next?: string }> {
    const { limit, cursor } = parseQuery(query);
    const page = await this.deps.schedules.list(limit, cursor);
    return { ...page, items: await Promise.all(page.items.map((s) => this.view(s.id))) };
  }

  /** Stops future runs; the schedule and its past runs stay readable. */
  async remove(id: string): Promise<void> {
    const record = await this.record(id);
    await this.deps.queue.removeJobScheduler(id);
    if (!record.deletedAt) await this.deps.schedules.markDeleted(record);
  }

  /** Runs newest first; `cursor` is the `runAt` of the last run of the previous page. */
  async runs(id: string, query: unknown): Promise<{ items: RunView[]; next?: string }> {
    await this.record(id);
    const { limit, cursor } = parseQuery(query);
    const before = cursor === undefined ? undefined : Date.parse(cursor);
    if (before !== undefined && Number.isNaN(before)) throw invalidInput([{ path: ["cursor"], message: "not a cursor this service gave" }]);
    const runs = await this.deps.schedules.runs(id, limit + 1, before);
    const items = runs.slice(0, limit).map(runView);
    return runs.length > limit ? { items, next: items[items.length - 1].runAt } : { items };
  }

  private async record(id: string): Promise<ScheduleRecord> {
    const record = await this.deps.schedules.get(id);
    if (!record) throw notFound(`no schedule ${id}`);
    return record;
  }
}

function parseQuery(query: unknown) {
  const parsed = PageQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw invalidInput(fromZodIssues(parsed.error.issues));
  return parsed.data;
}

function runView(run: RunRecord): RunView {
  const { runAt, jobId, comparisonId, scenarioVersion, pinBefore, pinned, changes, error, previous } = run;
  const links = comparisonId === undefined ? { job: `/v1/jobs/${jobId}` } : { comparison: `/v1/comparisons/${comparisonId}` };
  const view = { runAt, jobId, comparisonId, scenarioVersion, pinBefore, pinned, previousRunAt: previous?.runAt, changes, error, links };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as RunView;
}

function links(id: string) {
  return { self: `/v1/schedules/${id}`, runs: `/v1/schedules/${id}/runs` };
}

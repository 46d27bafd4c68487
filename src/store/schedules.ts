import type { Redis } from "ioredis";
import type { ChangeReport } from "../plan/diff.js";
import type { Variant } from "../plan/variants.js";
import type { Page } from "./scenarios.js";

/** A schedule as asked for (API.md `POST /v1/schedules`), with its variants named. */
export interface ScheduleRecord {
  id: string;
  cron: string;
  timezone: string;
  scenarioId: string;
  variants?: Variant[];
  /** `YYYY-MM-DD` or `today`. */
  pinBefore?: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** Set by DELETE: no more runs; the past ones stay readable. */
  deletedAt?: string;
}

/** One firing of a schedule. */
export interface RunRecord {
  /** The scheduler's job id, unique per firing. */
  id: string;
  /** When the run fired (its cron instant), ISO 8601 UTC. */
  runAt: string;
  scenarioVersion: number;
  /** One variant: the job. Several: the comparison, and its first variant's job is the run's plan. */
  jobId?: string;
  comparisonId?: string;
  /** The job whose plan is this run's: pinned from by later runs and compared against. */
  planJobId: string;
  /** Every variant's job, in the schedule's variant order. */
  jobIds: string[];
  /** Set once its flow is queued; a retried firing stops there. */
  launched?: boolean;
  /** The run this one pinned from and reports its changes against, if any had produced a plan. */
  previous?: { runAt: string; planJobId: string };
  /** The cut-off date `pinBefore` meant for this run. */
  pinBefore?: string;
  /** How many of the previous run's placements it pinned. */
  pinned?: number;
  changes?: ChangeReport;
  /** Why the run has no change report (its solve failed or was cancelled). */
  error?: string;
}

/**
 * Schedules and their runs in Redis, beside the jobs: `…:schedule:<id>` (hash: `doc`, and per run
 * `run:<runId>`), `…:schedule:<id>:runs` (run ids by fire time), `…:schedules` (ids; ids sort by
 * creation). Runs are kept after a DELETE, so that past reports stay readable.
 */
export class ScheduleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: string,
  ) {}

  async create(record: ScheduleRecord): Promise<void> {
    await this.redis.multi().hset(this.key(record.id), "doc", JSON.stringify(record)).zadd(this.indexKey(), 0, record.id).exec();
  }

  async get(id: string): Promise<ScheduleRecord | undefined> {
    const doc = await this.redis.hget(this.key(id), "doc");
    return doc === null ? undefined : (JSON.parse(doc) as ScheduleRecord);
  }

  async markDeleted(record: ScheduleRecord, now = new Date()): Promise<ScheduleRecord> {
    const deleted = { ...record, deletedAt: now.toISOString() };
    await this.redis.hset(this.key(record.id), "doc", JSON.stringify(deleted));
    return deleted;
  }

  /** Schedules oldest first, `limit` at a time from after `cursor` (an id). */
  async list(limit: number, cursor?: string): Promise<Page<ScheduleRecord>> {
    const ids = await this.redis.zrangebylex(this.indexKey(), cursor === undefined ? "-" : `(${cursor}`, "+", "LIMIT", 0, limit + 1);
    const page = ids.slice(0, limit);
    const records = await Promise.all(page.map((id) => this.get(id)));
    const items = records.filter((r): r is ScheduleRecord => r !== undefined);
    return ids.length > limit ? { items, next: page[page.length - 1] } : { items };
  }

  /** Records a run as decided when it fired; what happens later is written beside it, never over it. */
  async saveRun(scheduleId: string, run: RunRecord): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key(scheduleId), `run:${run.id}`, JSON.stringify(run))
      .zadd(this.runsKey(scheduleId), Date.parse(run.runAt), run.id)
      .exec();
  }

  async markLaunched(scheduleId: string, runId: string, pinned: number): Promise<void> {
    await this.redis.hset(this.key(scheduleId), `launched:${runId}`, JSON.stringify({ launched: true, pinned }));
  }

  async saveOutcome(scheduleId: string, runId: string, outcome: Pick<RunRecord, "changes" | "error">): Promise<void> {
    await this.redis.hset(this.key(scheduleId), `outcome:${runId}`, JSON.stringify(outcome));
  }

  async getRun(scheduleId: string, runId: string): Promise<RunRecord | undefined> {
    return (await this.readRuns(scheduleId, [runId]))[0];
  }

  /** Runs newest first, `limit` at a time, fired before `beforeMs` when given. */
  async runs(scheduleId: string, limit: number, beforeMs?: number): Promise<RunRecord[]> {
    const max = beforeMs === undefined ? "+inf" : `(${beforeMs}`;
    return this.readRuns(scheduleId, await this.redis.zrevrangebyscore(this.runsKey(scheduleId), max, "-inf", "LIMIT", 0, limit));
  }

  private async readRuns(scheduleId: string, ids: string[]): Promise<RunRecord[]> {
    if (ids.length === 0) return [];
    const fields = ids.flatMap((id) => [`run:${id}`, `launched:${id}`, `outcome:${id}`]);
    const docs = await this.redis.hmget(this.key(scheduleId), ...fields);
    const runs: RunRecord[] = [];
    for (let i = 0; i < docs.length; i += 3) {
      if (docs[i] === null) continue;
      runs.push(Object.assign(JSON.parse(docs[i]!), ...docs.slice(i + 1, i + 3).map((d) => (d === null ? {} : JSON.parse(d)))) as RunRecord);
    }
    return runs;
  }

  private key(id: string): string {
    return `${this.base()}:schedule:${id}`;
  }

  private runsKey(id: string): string {
    return `${this.key(id)}:runs`;
  }

  private indexKey(): string {
    return `${this.base()}:schedules`;
  }

  private base(): string {
    return `${this.prefix}:svc:${this.queue}`;
  }
}

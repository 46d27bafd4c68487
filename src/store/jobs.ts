import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { serviceKeys, type ServiceKeys } from "./jobs-keys.js";
import { recordFromHash, recordToHash, TERMINAL_STATUSES, type JobRecord, type PlanSummary, type TerminalStatus } from "./jobs-record.js";

/** A job id: its creation time (so that lexical order is creation order) and 32 random bits. */
export function newJobId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, "")}-${randomBytes(4).toString("hex")}`;
}

// A run may start only while the job has not ended: a cancel that won the race keeps the job from running.
const START_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status == 'completed' or status == 'failed' or status == 'cancelled' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'active', 'startedAt', ARGV[1], 'worker', ARGV[2], 'attempts', ARGV[3])
return 1
`;

// The first ending wins (a cancel against a completion, a completion against a cancel), and an ended
// job starts its retention clock: record, input and plan expire together.
const END_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status == 'completed' or status == 'failed' or status == 'cancelled' then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'finishedAt', ARGV[3], unpack(ARGV, 7))
local ttl = tonumber(ARGV[5])
if ARGV[6] ~= '' then redis.call('SET', KEYS[3], ARGV[6], 'EX', ttl) end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
return 1
`;

export type JobEnding =
  | { status: "completed"; plan: string; summary: PlanSummary }
  | { status: "failed"; error: string }
  | { status: "cancelled"; error?: string };

export type IdempotencyClaim = { claimed: true } | { claimed: false; bodyHash: string; jobId: string };

/**
 * Job records, their scenarios and plans in Redis: what survives restarts of API and workers, and
 * what API.md answers about a job once BullMQ has forgotten it.
 */
export class JobStore {
  readonly keys: ServiceKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    queue: string,
    /** How long an ended job stays readable. */
    private readonly retentionMs: number,
  ) {
    this.keys = serviceKeys(prefix, queue);
  }

  async create(record: JobRecord, scenarioJson: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.record(record.id), recordToHash(record))
      .set(this.keys.input(record.id), scenarioJson)
      .zadd(this.keys.allJobs, 0, record.id)
      .zadd(this.keys.jobsOfScenario(record.scenarioId), 0, record.id)
      .exec();
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return recordFromHash(await this.redis.hgetall(this.keys.record(id)));
  }

  /** Records in the order of `ids`; undefined where a record has expired. */
  async getMany(ids: string[]): Promise<(JobRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.record(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([err, hash]) => {
      if (err) throw err;
      return recordFromHash(hash as Record<string, string>);
    });
  }

  scenarioJson(id: string): Promise<string | null> {
    return this.redis.get(this.keys.input(id));
  }

  planJson(id: string): Promise<string | null> {
    return this.redis.get(this.keys.plan(id));
  }

  /** Marks a run started; false when the job has already ended (cancelled) or is unknown. */
  async start(id: string, worker: string, attempt: number, now = new Date()): Promise<boolean> {
    const result = await this.redis.eval(START_SCRIPT, 1, this.keys.record(id), now.toISOString(), worker, String(attempt));
    return result === 1;
  }

  /** Ends a job unless it has already ended; true when this ending is the one that counts. */
  async end(id: string, ending: JobEnding, now = new Date()): Promise<boolean> {
    const fields: string[] = [];
    if (ending.status === "completed") fields.push("summary", JSON.stringify(ending.summary));
    else if (ending.error !== undefined) fields.push("error", ending.error);
    const result = await this.redis.eval(
      END_SCRIPT,
      4,
      this.keys.record(id),
      this.keys.input(id),
      this.keys.plan(id),
      this.keys.ended(ending.status),
      id,
      ending.status,
      now.toISOString(),
      String(now.getTime()),
      String(Math.max(1, Math.ceil(this.retentionMs / 1000))),
      ending.status === "completed" ? ending.plan : "",
      ...fields,
    );
    return result === 1;
  }

  /** Ids newest first, `limit` of them, after `afterId` (exclusive) when given. */
  async ids(options: { scenarioId?: string; afterId?: string; limit: number }): Promise<string[]> {
    const key = options.scenarioId === undefined ? this.keys.allJobs : this.keys.jobsOfScenario(options.scenarioId);
    const start = options.afterId === undefined ? "+" : `(${options.afterId}`;
    return this.redis.zrange(key, start, "-", "BYLEX", "REV", "LIMIT", 0, options.limit);
  }

  /** Jobs that ended with each terminal status within the retention period. */
  async endedCounts(): Promise<Record<TerminalStatus, number>> {
    const pipeline = this.redis.pipeline();
    for (const status of TERMINAL_STATUSES) pipeline.zcard(this.keys.ended(status));
    const replies = (await pipeline.exec()) ?? [];
    return Object.fromEntries(TERMINAL_STATUSES.map((s, i) => [s, Number(replies[i][1])])) as Record<TerminalStatus, number>;
  }

  /**
   * Drops index entries of expired jobs, so that the indexes do not grow without bound. A job can only
   * have expired once it is older than the retention period, so only entries older than that are looked at.
   */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionMs);
    const ended = this.redis.pipeline();
    for (const status of TERMINAL_STATUSES) ended.zremrangebyscore(this.keys.ended(status), "-inf", `(${cutoff.getTime()}`);
    await ended.exec();
    let removed = await this.pruneIndex(this.keys.allJobs, newJobId(cutoff));
    const pattern = this.keys.jobsOfScenario("*");
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      for (const key of keys) removed += await this.pruneIndex(key, newJobId(cutoff));
      cursor = next;
    } while (cursor !== "0");
    return removed;
  }

  private async pruneIndex(key: string, cutoffId: string): Promise<number> {
    const old = await this.redis.zrange(key, "-", `(${cutoffId}`, "BYLEX");
    if (old.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const id of old) pipeline.exists(this.keys.record(id));
    const exists = (await pipeline.exec()) ?? [];
    const gone = old.filter((_, i) => exists[i][1] === 0);
    if (gone.length) await this.redis.zrem(key, ...gone);
    return gone.length;
  }

  /**
   * Claims an Idempotency-Key for a new job, or answers the job that already holds it. Keys are kept
   * as long as jobs are.
   */
  async claimIdempotency(scopedKeyHash: string, bodyHash: string, jobId: string): Promise<IdempotencyClaim> {
    const key = this.keys.idempotency(scopedKeyHash);
    const set = await this.redis.set(key, `${bodyHash} ${jobId}`, "PX", this.retentionMs, "NX");
    if (set === "OK") return { claimed: true };
    const held = await this.redis.get(key);
    if (held === null) return this.claimIdempotency(scopedKeyHash, bodyHash, jobId);
    const [heldHash, heldJob] = held.split(" ");
    return { claimed: false, bodyHash: heldHash, jobId: heldJob };
  }

  async releaseIdempotency(scopedKeyHash: string): Promise<void> {
    await this.redis.del(this.keys.idempotency(scopedKeyHash));
  }
}

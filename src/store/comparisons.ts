import type { Redis } from "ioredis";
import type { ComparisonRow } from "../plan/compare.js";
import type { Variant } from "../plan/variants.js";

/** A variant as run: the job that solves it. */
export type ComparisonVariantRecord = Variant & { jobId: string };

/** What the service keeps of a comparison; each variant's status and plan live in its job. */
export interface ComparisonRecord {
  id: string;
  scenarioId: string;
  scenarioVersion?: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  variants: ComparisonVariantRecord[];
  /** Set when the flow's parent ran, i.e. every variant had ended. */
  finishedAt?: string;
}

/**
 * Comparisons in Redis: `<prefix>:svc:<queue>:comparison:<id>`, a hash of the record (`doc`) and of
 * each variant's table row (`row:<name>`) once worked out, since a finished plan never changes.
 */
export class ComparisonStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: string,
    /** How long a finished comparison stays readable: as long as its jobs. */
    private readonly retentionMs: number,
  ) {}

  async create(record: ComparisonRecord): Promise<void> {
    await this.redis.hset(this.key(record.id), "doc", JSON.stringify(record));
  }

  async get(id: string): Promise<ComparisonRecord | undefined> {
    const doc = await this.redis.hget(this.key(id), "doc");
    return doc === null ? undefined : (JSON.parse(doc) as ComparisonRecord);
  }

  /** Stamps the end and starts the retention clock. */
  async finish(id: string, now = new Date()): Promise<void> {
    const record = await this.get(id);
    if (!record) return;
    await this.redis
      .multi()
      .hset(this.key(id), "doc", JSON.stringify({ ...record, finishedAt: now.toISOString() }))
      .pexpire(this.key(id), this.retentionMs)
      .exec();
  }

  async rows(id: string): Promise<Map<string, ComparisonRow>> {
    const hash = await this.redis.hgetall(this.key(id));
    const rows = new Map<string, ComparisonRow>();
    for (const [field, value] of Object.entries(hash)) if (field.startsWith("row:")) rows.set(field.slice(4), JSON.parse(value) as ComparisonRow);
    return rows;
  }

  async saveRow(id: string, name: string, row: ComparisonRow): Promise<void> {
    await this.redis.hset(this.key(id), `row:${name}`, JSON.stringify(row));
  }

  private key(id: string): string {
    return `${this.prefix}:svc:${this.queue}:comparison:${id}`;
  }
}

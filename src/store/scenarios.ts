import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Scenario } from "../domain/index.js";

export interface StoredScenario {
  id: string;
  version: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  scenario: Scenario;
}

export interface ScenarioListItem {
  id: string;
  version: number;
  createdAt: string;
  employees: number;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

/** What is kept of each version besides the document, small enough to list many at once. */
interface VersionMeta {
  createdAt: string;
  employees: number;
}

// One hash per scenario: `latest`, `digest` (of the latest version), and per version `m:<n>` (meta) and
// `d:<n>` (document). Compare-and-append runs in one script, so concurrent PUTs never share a version
// number and an identical document never becomes a second version.
const PUT_SCRIPT = `
local latest = tonumber(redis.call('HGET', KEYS[1], 'latest') or '0')
if latest > 0 and redis.call('HGET', KEYS[1], 'digest') == ARGV[2] then return {latest, 0} end
local v = latest + 1
redis.call('HSET', KEYS[1], 'latest', v, 'digest', ARGV[2], 'm:' .. v, ARGV[3], 'd:' .. v, ARGV[4])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return {v, 1}
`;

/**
 * Versioned scenarios in Redis. Documents are validated before they get here; what is stored is the
 * validated scenario (defaults filled in), so that a version says exactly what a solve of it sees.
 */
export class ScenarioStore {
  constructor(
    private readonly redis: Redis,
    /** `REDIS_PREFIX`: keys are `<prefix>:scenario:<id>` and `<prefix>:scenarios`. */
    private readonly prefix: string,
  ) {}

  /** Stores `scenario` as a new version unless it is identical to the latest; answers the version either way. */
  async put(scenario: Scenario, now = new Date()): Promise<{ version: number; created: boolean }> {
    const meta: VersionMeta = { createdAt: now.toISOString(), employees: scenario.employees.length };
    const [version, created] = (await this.redis.eval(
      PUT_SCRIPT,
      2,
      this.scenarioKey(scenario.id),
      this.indexKey(),
      scenario.id,
      digest(scenario),
      JSON.stringify(meta),
      JSON.stringify(scenario),
    )) as [number, number];
    return { version, created: created === 1 };
  }

  /** The latest version, or version `version`; undefined when there is no such scenario or version. */
  async get(id: string, version?: number): Promise<StoredScenario | undefined> {
    const key = this.scenarioKey(id);
    const n = version ?? Number(await this.redis.hget(key, "latest"));
    if (!Number.isInteger(n) || n < 1) return undefined;
    const [meta, document] = await this.redis.hmget(key, `m:${n}`, `d:${n}`);
    if (meta === null || document === null) return undefined;
    return { id, version: n, createdAt: (JSON.parse(meta) as VersionMeta).createdAt, scenario: JSON.parse(document) as Scenario };
  }

  /** The latest version of each scenario, by id, `limit` at a time from after `cursor` (an id). */
  async list(limit: number, cursor?: string): Promise<Page<ScenarioListItem>> {
    const ids = await this.redis.zrangebylex(this.indexKey(), cursor === undefined ? "-" : `(${cursor}`, "+", "LIMIT", 0, limit + 1);
    const page = ids.slice(0, limit);
    const pipeline = this.redis.pipeline();
    for (const id of page) pipeline.eval(LATEST_META_SCRIPT, 1, this.scenarioKey(id));
    const answers = (await pipeline.exec()) ?? [];
    const items = page.map((id, i) => {
      const [version, meta] = answers[i][1] as [number, string];
      const { createdAt, employees } = JSON.parse(meta) as VersionMeta;
      return { id, version, createdAt, employees };
    });
    return ids.length > limit ? { items, next: page[page.length - 1] } : { items };
  }

  private scenarioKey(id: string): string {
    return `${this.prefix}:scenario:${id}`;
  }

  private indexKey(): string {
    return `${this.prefix}:scenarios`;
  }
}

const LATEST_META_SCRIPT = `
local latest = redis.call('HGET', KEYS[1], 'latest')
return {tonumber(latest), redis.call('HGET', KEYS[1], 'm:' .. latest)}
`;

/** A digest that ignores key order, so that the same document written differently is still the same. */
function digest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { JobStore, newJobId } from "../src/store/jobs.js";
import type { JobRecord } from "../src/store/jobs-record.js";
import { deleteKeys, REDIS_URL, uniquePrefix } from "./support/redis-prefix.js";

const summary = { status: "optimal", objective: 1, bound: 1, gap: 0, solver: "highs", placed: 1, unplaced: 0, timeMs: 5 } as const;

function record(scenarioId: string, createdAt = new Date()): JobRecord {
  return { id: newJobId(createdAt), scenarioId, createdAt: createdAt.toISOString(), options: { timeLimitSeconds: 60, priority: 5 }, status: "queued", attempts: 0 };
}

describe("the job store keeps records until their retention runs out, and the first ending wins", () => {
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix("service-store");
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("ends a job once: a completion after a cancel does not count, and a cancelled job does not start", async () => {
    const store = new JobStore(redis, prefix, "q", 60_000);
    const job = record("s1");
    await store.create(job, "{}");
    expect(await store.end(job.id, { status: "cancelled", error: "cancelled on request" })).toBe(true);
    expect(await store.end(job.id, { status: "completed", plan: "{}", summary })).toBe(false);
    expect(await store.start(job.id, "host:1", 1)).toBe(false);
    expect(await store.get(job.id)).toMatchObject({ status: "cancelled", error: "cancelled on request", attempts: 0 });
    expect(await store.planJson(job.id)).toBeNull();
  });

  it("lets record, scenario and plan of an ended job expire together after the retention period", async () => {
    const store = new JobStore(redis, prefix, "q", 60_000);
    const job = record("s2");
    await store.create(job, '{"id":"s2"}');
    expect(await redis.pttl(store.keys.record(job.id))).toBe(-1);
    await store.end(job.id, { status: "completed", plan: '{"scenarioId":"s2"}', summary });
    for (const key of [store.keys.record(job.id), store.keys.input(job.id), store.keys.plan(job.id)]) {
      expect(await redis.ttl(key)).toBeGreaterThan(55);
      expect(await redis.ttl(key)).toBeLessThanOrEqual(60);
    }
    expect(await store.endedCounts()).toMatchObject({ completed: 1 });
  });

  it("prunes index entries of expired jobs and keeps the rest", async () => {
    const store = new JobStore(redis, prefix, "p", 60_000);
    const longAgo = new Date(Date.now() - 120_000);
    const [gone, kept, recent] = [record("s3", longAgo), record("s3", longAgo), record("s3")];
    for (const job of [gone, kept, recent]) await store.create(job, "{}");
    await redis.del(store.keys.record(gone.id));
    expect(await store.prune()).toBe(2);
    expect(await store.ids({ limit: 10 })).toEqual([recent.id, kept.id]);
    expect(await store.ids({ scenarioId: "s3", limit: 10 })).toEqual([recent.id, kept.id]);
  });
});

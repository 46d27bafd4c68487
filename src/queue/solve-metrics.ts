import type { Redis } from "ioredis";

/** Upper bounds (seconds) of the solve-duration histogram's buckets. */
export const SOLVE_SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

/**
 * Solves happen in worker processes and /metrics is answered by the API, so the histogram lives in
 * Redis: each worker adds its solves, every API instance reports the same totals, and they survive
 * restarts.
 */
export async function recordSolveSeconds(redis: Redis, key: string, seconds: number): Promise<void> {
  const m = redis.multi();
  for (const le of SOLVE_SECONDS_BUCKETS) if (seconds <= le) m.hincrby(key, `le:${le}`, 1);
  await m.hincrby(key, "count", 1).hincrbyfloat(key, "sum", seconds).exec();
}

export interface SolveHistogram {
  /** Cumulative count per bucket upper bound, as Prometheus wants them. */
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

export async function readSolveSeconds(redis: Redis, key: string): Promise<SolveHistogram> {
  const hash = await redis.hgetall(key);
  return {
    buckets: SOLVE_SECONDS_BUCKETS.map((le) => ({ le, count: Number(hash[`le:${le}`] ?? 0) })),
    count: Number(hash.count ?? 0),
    sum: Number(hash.sum ?? 0),
  };
}

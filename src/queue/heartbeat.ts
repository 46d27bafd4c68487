import type { Redis } from "ioredis";

/** API.md: ready when a worker was seen in the last 30 s; workers beat three times as often. */
export const WORKER_SEEN_WINDOW_MS = 30_000;
const HEARTBEAT_MS = 10_000;

/** Beats now and every 10 s until stopped; a graceful stop takes the worker off the list at once. */
export function startHeartbeat(redis: Redis, key: string, worker: string, onError: (err: Error) => void) {
  const beat = () => redis.zadd(key, Date.now(), worker).then(() => undefined, onError);
  void beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await redis.zrem(key, worker).catch(onError);
    },
  };
}

/** Workers seen within the window; forgets those silent for ten windows. */
export async function workersSeen(redis: Redis, key: string, now = Date.now()): Promise<number> {
  const [, seen] = (await redis
    .multi()
    .zremrangebyscore(key, "-inf", `(${now - 10 * WORKER_SEEN_WINDOW_MS}`)
    .zcount(key, now - WORKER_SEEN_WINDOW_MS, "+inf")
    .exec())!;
  return Number(seen[1]);
}

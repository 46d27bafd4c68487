import type { Redis } from "ioredis";

/**
 * Cancels travel over Redis pub/sub, so that a cancel reaches whichever worker process holds the job
 * (BullMQ's `worker.cancelJob` only reaches the worker it is called on). A worker that subscribes
 * after the message still learns of the cancel: the job record says `cancelled` before the message
 * is sent, and a run checks the record after it registers to hear cancels.
 */
export async function publishCancel(redis: Redis, channel: string, jobId: string): Promise<void> {
  await redis.publish(channel, jobId);
}

/** Subscribes `subscriber` (a connection of its own: a subscribed client can do nothing else). */
export async function listenForCancels(subscriber: Redis, channel: string, onCancel: (jobId: string) => void): Promise<void> {
  subscriber.on("message", (from: string, jobId: string) => {
    if (from === channel) onCancel(jobId);
  });
  await subscriber.subscribe(channel);
}

import { QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { ServiceConfig } from "../../config/env.js";
import type { JobProgress } from "../../queue/progress.js";

export type JobEvent = { kind: "progress"; progress: JobProgress } | { kind: "changed" };
type Listener = (event: JobEvent) => void;

const CLOSE_WAIT_MS = 2000;

/** BullMQ events after which a job's body may read differently. */
const CHANGES = ["active", "waiting", "delayed", "completed", "failed", "removed", "stalled"] as const;

/**
 * One reader of the queue's event stream per API process, fanned out to the event streams clients
 * hold open (`GET /v1/jobs/:id/events`), by job id.
 */
export class JobEventsHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly events: QueueEvents;

  constructor(config: ServiceConfig, connection: Redis, onError: (err: Error) => void) {
    this.events = new QueueEvents(config.queue.name, { connection, prefix: config.redis.prefix });
    this.events.on("error", onError);
    this.events.on("progress", ({ jobId, data }) => this.emit(jobId, { kind: "progress", progress: data as JobProgress }));
    for (const name of CHANGES) this.events.on(name, ({ jobId }: { jobId: string }) => this.emit(jobId, { kind: "changed" }));
  }

  /** Calls `listener` with the job's events until the returned function is called. */
  subscribe(jobId: string, listener: Listener): () => void {
    const set = this.listeners.get(jobId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(jobId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  /** Tells every subscriber of a job that it changed (for changes BullMQ has no event of, like a cancel). */
  changed(jobId: string): void {
    this.emit(jobId, { kind: "changed" });
  }

  /** Stops reading; the caller then closes the connection it gave. */
  async close(): Promise<void> {
    // BullMQ's QueueEvents.close() waits for a connection it never got while Redis is away (6.7):
    // give it a moment, then leave the rest to closing the connection itself.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.events.close(), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private emit(jobId: string, event: JobEvent): void {
    for (const listener of this.listeners.get(jobId) ?? []) listener(event);
  }
}

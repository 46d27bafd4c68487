import { Router, type Response } from "express";
import type { ApiDeps } from "../deps.js";
import type { JobEvent } from "../services/job-events.js";
import type { JobView } from "../services/jobs.js";

/** Comment lines keep proxies from closing a quiet stream, and re-read the job in case an event was missed. */
const KEEPALIVE_MS = 15_000;
const ENDED = new Set(["completed", "failed", "cancelled"]);

/**
 * `GET /v1/jobs/:id/events`: Server-Sent Events, `progress` (the progress object) and `status` (the
 * job body) as they happen, ending after the terminal status. The key travels in a header (read the
 * stream with `fetch`), never in the URL.
 */
export function jobEventsRouter({ jobs, events }: ApiDeps): Router {
  const router = Router();
  router.get("/jobs/:id/events", async (req, res) => {
    const { id } = req.params as { id: string };
    let last = await jobs.view(id);
    const pending: JobEvent[] = [];
    let busy = false;
    const refresh = async () => {
      const now = await jobs.view(id);
      if (now.status !== last.status) send(res, "status", now);
      last = now;
      if (ENDED.has(now.status)) stop();
    };
    // Events are handled one at a time, in order, so a status is never sent twice or out of turn.
    const drain = async () => {
      if (busy) return;
      busy = true;
      try {
        for (let e = pending.shift(); e && !res.writableEnded; e = pending.shift()) {
          if (e.kind === "progress" && last.status === "active") send(res, "progress", e.progress);
          else await refresh();
        }
      } catch (err) {
        req.log.warn({ err }, "event stream ended by an error");
        stop();
      } finally {
        busy = false;
      }
    };
    const unsubscribe = events.subscribe(id, (e) => {
      // Progress means the job runs: its status comes first if the stream has not said so yet.
      if (e.kind === "progress" && last.status !== "active") pending.push({ kind: "changed" });
      pending.push(e);
      void drain();
    });
    const keepalive = setInterval(() => {
      res.write(": keepalive\n\n");
      pending.push({ kind: "changed" });
      void drain();
    }, KEEPALIVE_MS);
    const stop = () => {
      clearInterval(keepalive);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    req.on("close", stop);

    res.status(200).set({ "Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" });
    res.flushHeaders();
    send(res, "status", last);
    if (ENDED.has(last.status)) stop();
    else {
      // An event between the first read and the subscription would be lost: read once more.
      pending.push({ kind: "changed" });
      void drain();
    }
  });
  return router;
}

function send(res: Response, event: "status" | "progress", data: JobView | object): void {
  if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

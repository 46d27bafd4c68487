import { Router } from "express";
import { authenticate } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { Problem } from "../problem.js";
import { workersSeen } from "../../queue/heartbeat.js";

const REDIS_PING_TIMEOUT_MS = 2000;

/** `/healthz` (the process runs), `/readyz` (Redis answers and a worker was seen), `/metrics` (needs a key). */
export function healthRouter({ config, redis, store, metrics }: ApiDeps): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const unready = (detail: string) => new Problem(503, "Not ready", detail, undefined, { "Retry-After": "5" });
    try {
      await withTimeout(redis.ping(), REDIS_PING_TIMEOUT_MS);
    } catch (err) {
      throw unready(`Redis is not answering (${(err as Error).message})`);
    }
    const workers = await workersSeen(redis, store.keys.workers);
    if (workers === 0) throw unready("no worker process seen in the last 30 s: start one with npm run worker");
    res.json({ status: "ready", workers });
  });
  router.get("/metrics", authenticate(config.auth), async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

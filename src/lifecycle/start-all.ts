#!/usr/bin/env node
// `npm start`: the API and a pool of WORKERS worker processes on one machine, with a private
// redis-server when no Redis is configured or running.
import { startApi } from "../api/server.js";
import { configOrExit } from "../config/env.js";
import { createLogger } from "../config/logger.js";
import { ensureRedis } from "./local-redis.js";
import { ProcessLifecycle } from "./process-lifecycle.js";
import { WorkerPool } from "./worker-pool.js";

/** Beyond their shutdown grace, how long worker processes get to stop before SIGKILL. */
const WORKER_STOP_MARGIN_MS = 5_000;

const config = configOrExit();
const logger = createLogger(config, "start");
const lifecycle = new ProcessLifecycle(logger, config.shutdownGraceMs).stopOnSignals();
try {
  const redis = await ensureRedis(config, logger, (err) => void lifecycle.fail(err, "Redis went away"));
  if (redis.stop) lifecycle.add("redis", redis.stop);
  const pool = new WorkerPool({
    size: config.worker.processes,
    env: { ...process.env, REDIS_URL: redis.url },
    logger,
    stopTimeoutMs: config.shutdownGraceMs + WORKER_STOP_MARGIN_MS,
  });
  lifecycle.add("workers", () => pool.stop());
  await pool.start();
  const api = await startApi({ ...config, redis: { ...config.redis, url: redis.url } }, logger);
  lifecycle.add("api", () => api.close());
} catch (err) {
  await lifecycle.fail(err, "did not start");
}

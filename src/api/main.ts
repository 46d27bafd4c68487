#!/usr/bin/env node
// `npm run api`: the HTTP API alone; run workers with `npm run worker` against the same Redis.
import { configOrExit } from "../config/env.js";
import { createLogger } from "../config/logger.js";
import { ProcessLifecycle } from "../lifecycle/process-lifecycle.js";
import { startApi } from "./server.js";

const config = configOrExit();
const logger = createLogger(config, "api");
const lifecycle = new ProcessLifecycle(logger, config.shutdownGraceMs).stopOnSignals();
try {
  const api = await startApi(config, logger);
  lifecycle.add("api", () => api.close());
} catch (err) {
  await lifecycle.fail(err, "API did not start");
}

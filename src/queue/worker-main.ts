#!/usr/bin/env node
// `npm run worker`: one worker process. Run as many as you like, on as many machines, against one Redis.
import { configOrExit } from "../config/env.js";
import { createLogger } from "../config/logger.js";
import { ProcessLifecycle } from "../lifecycle/process-lifecycle.js";
import { startCoordinator } from "./coordinator.js";
import { startAllocationWorker } from "./worker.js";

const config = configOrExit();
const logger = createLogger(config, "worker");
const lifecycle = new ProcessLifecycle(logger, config.shutdownGraceMs).stopOnSignals().stopWithParent();
try {
  const worker = await startAllocationWorker(config, logger);
  lifecycle.add("worker", () => worker.close());
  const coordinator = await startCoordinator(config, logger);
  lifecycle.add("coordinator", () => coordinator.close());
  process.send?.({ type: "ready", worker: worker.name });
} catch (err) {
  await lifecycle.fail(err, "worker did not start");
}

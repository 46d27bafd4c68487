import type { Redis } from "ioredis";
import type { Registry } from "prom-client";
import type { ServiceConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import type { AllocationQueue } from "../queue/allocation-queue.js";
import type { JobStore } from "../store/jobs.js";
import type { ScenarioStore } from "../store/scenarios.js";
import type { JobEventsHub } from "./services/job-events.js";
import type { JobsService } from "./services/jobs.js";

/** What route modules get: `xRouter(deps)` takes what it needs from here. */
export interface ApiDeps {
  config: ServiceConfig;
  logger: Logger;
  /** For commands an answer waits on (fails fast while Redis is away). */
  redis: Redis;
  queue: AllocationQueue;
  store: JobStore;
  scenarios: ScenarioStore;
  jobs: JobsService;
  events: JobEventsHub;
  metrics: Registry;
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { openAllocationQueue } from "../queue/allocation-queue.js";
import { closeClients, commandClient, patientClient } from "../queue/connections.js";
import { JobStore } from "../store/jobs.js";
import { ScenarioStore } from "../store/scenarios.js";
import { createApp } from "./app.js";
import type { ApiDeps } from "./deps.js";
import { createMetrics } from "./metrics.js";
import { answerClientError } from "./problem.js";
import { JobEventsHub } from "./services/job-events.js";
import { JobsService } from "./services/jobs.js";

const PRUNE_EVERY_MS = 3_600_000;
/** On stop, how long open requests (event streams above all) get before their connections are cut. */
const DRAIN_MS = 5_000;

export interface ApiServer {
  /** `http://host:port`, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  deps: ApiDeps;
  /** Stops taking requests, lets open ones finish briefly, closes connections to Redis. */
  close(): Promise<void>;
}

/** Wires the API's parts together and listens. Needs no Redis to start; answers 503 while Redis is away. */
export async function startApi(config: ServiceConfig, logger: Logger): Promise<ApiServer> {
  const redis = commandClient(config.redis.url, "api", logger);
  const eventsConnection = patientClient(config.redis.url, "api-events", logger);
  const queue = openAllocationQueue(config, redis);
  // Connection problems are logged once per change by the clients themselves.
  const quietError = (err: Error) => logger.debug({ err: err.message }, "queue error");
  queue.on("error", quietError);
  const store = new JobStore(redis, config.redis.prefix, config.queue.name, config.queue.retentionMs);
  const scenarios = new ScenarioStore(redis, config.redis.prefix);
  const deps: ApiDeps = {
    config,
    logger,
    redis,
    queue,
    store,
    scenarios,
    jobs: new JobsService({ config, redis, store, queue, scenarios }),
    events: new JobEventsHub(config, eventsConnection, quietError),
    metrics: createMetrics(redis, queue, store),
  };
  const server = createServer(createApp(deps)).on("clientError", answerClientError);
  await listen(server, config.http.port, config.http.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host.includes(":") ? `[${config.http.host}]` : config.http.host}:${port}`;
  const prune = setInterval(() => store.prune().catch((err: Error) => logger.warn({ err: err.message }, "prune failed")), PRUNE_EVERY_MS);
  prune.unref();
  if (config.auth.mode === "local") logger.warn({ url }, "local mode: API_KEYS is unset, so every request is treated as admin; listening on loopback only");
  else logger.info({ url, keys: config.auth.roles.size }, "API listening");

  return {
    url,
    deps,
    async close() {
      clearInterval(prune);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      await closed;
      clearTimeout(cut);
      await deps.events.close();
      await queue.close();
      await closeClients(redis, eventsConnection);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

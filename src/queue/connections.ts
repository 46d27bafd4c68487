import { Redis } from "ioredis";
import type { Logger } from "../config/logger.js";

/**
 * A client for commands someone is waiting on (an HTTP answer): when Redis is away a command fails
 * after one reconnection attempt instead of hanging, and the caller answers 503.
 */
export function commandClient(url: string, name: string, logger: Logger): Redis {
  return watched(new Redis(url, { maxRetriesPerRequest: 1, connectionName: name }), name, logger);
}

/** A client that waits out Redis outages: BullMQ workers and event readers need `maxRetriesPerRequest: null`. */
export function patientClient(url: string, name: string, logger: Logger): Redis {
  return watched(new Redis(url, { maxRetriesPerRequest: null, connectionName: name }), name, logger);
}

// ioredis reports every failed reconnection; one line per change of error is enough for an operator.
function watched(client: Redis, name: string, logger: Logger): Redis {
  let last = "";
  client.on("error", (err: Error) => {
    if (err.message === last) return;
    last = err.message;
    logger.warn({ redis: name, err: err.message }, "redis connection problem");
  });
  client.on("ready", () => {
    if (last) logger.info({ redis: name }, "redis connection back");
    last = "";
  });
  return client;
}

/** Closes clients: politely when connected, at once when not (a QUIT would wait for Redis to come back). */
export async function closeClients(...clients: Redis[]): Promise<void> {
  await Promise.all(
    clients.map(async (c) => {
      if (c.status === "ready") await c.quit().catch(() => c.disconnect());
      else c.disconnect();
    }),
  );
}

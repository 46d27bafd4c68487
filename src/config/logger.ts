import { pino, type Logger } from "pino";
import type { ServiceConfig } from "./env.js";

export type { Logger };

/** The structured logger of one process; `role` tells the API's lines from a worker's. */
export function createLogger(config: Pick<ServiceConfig, "logLevel">, role: "api" | "worker" | "start"): Logger {
  return pino({ level: config.logLevel, base: { service: "ikn-allocator", role, pid: process.pid } });
}

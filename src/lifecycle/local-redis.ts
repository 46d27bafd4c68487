import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { Redis } from "ioredis";
import type { ServiceConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";

/** A problem starting the service that a person fixes (the message says how); printed as it is. */
export class StartupError extends Error {}

const LOCAL_HOST = "127.0.0.1";
const LOCAL_PORT = 6379;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningRedis {
  url: string;
  /** Present when this process started the server. */
  stop?: () => Promise<void>;
}

/**
 * The Redis `npm start` uses: `REDIS_URL` when set; else whatever answers on 127.0.0.1:6379; else a
 * private `redis-server` with its data (AOF on) under `DATA_DIR`. `onDeath` hears of a private
 * server that stops by itself.
 */
export async function ensureRedis(config: ServiceConfig, logger: Logger, onDeath: (err: Error) => void): Promise<RunningRedis> {
  if (config.redis.explicit) return { url: config.redis.url };
  const url = `redis://${LOCAL_HOST}:${LOCAL_PORT}`;
  if (await answers(url)) return { url };
  logger.info({ dir: config.dataDir }, "nothing answers on 127.0.0.1:6379 and REDIS_URL is unset: starting a private redis-server");
  return startPrivateRedis({ port: LOCAL_PORT, dir: config.dataDir, onDeath });
}

/** Whether a Redis answers PING at `url`, asked once. */
export async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface PrivateRedisOptions {
  port: number;
  dir: string;
  onDeath: (err: Error) => void;
  /** The server binary; default `redis-server` from PATH. */
  binary?: string;
}

/** Starts `redis-server` bound to loopback with AOF on and no eviction (queues must not lose keys). */
export async function startPrivateRedis(options: PrivateRedisOptions): Promise<RunningRedis> {
  mkdirSync(options.dir, { recursive: true });
  const args = ["--port", String(options.port), "--bind", LOCAL_HOST, "--dir", options.dir, "--appendonly", "yes", "--maxmemory-policy", "noeviction", "--protected-mode", "yes"];
  const server = spawn(options.binary ?? "redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    output.splice(0, output.length - 20);
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  let stopping = false;
  let started = false;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const failedToStart = new Promise<never>((_, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "ENOENT"
          ? new StartupError(
              "redis-server is not installed, and REDIS_URL is unset with nothing answering on 127.0.0.1:6379. " +
                "Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.",
            )
          : err,
      );
    });
    void exited.then(() => {
      if (!started) reject(new StartupError(`redis-server exited at start:\n${output.slice(-10).join("\n")}`));
    });
  });
  const url = `redis://${LOCAL_HOST}:${options.port}`;
  try {
    await Promise.race([waitUntilAnswering(url), failedToStart]);
  } catch (err) {
    server.kill("SIGKILL");
    throw err;
  }
  started = true;
  void exited.then(() => {
    if (!stopping) options.onDeath(new Error(`the private redis-server stopped:\n${output.slice(-10).join("\n")}`));
  });
  return {
    url,
    async stop() {
      stopping = true;
      const kill = setTimeout(() => server.kill("SIGKILL"), STOP_TIMEOUT_MS);
      server.kill("SIGTERM");
      await exited;
      clearTimeout(kill);
    },
  };
}

async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (Date.now() > deadline) throw new StartupError(`redis-server did not answer within ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

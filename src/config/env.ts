import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { parseApiKeys, type Role } from "./api-keys.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);
const positive = (max: number) =>
  z.coerce
    .number({ error: `must be a number above 0 and at most ${max}` })
    .positive(`must be a number above 0 and at most ${max}`)
    .max(max, `must be a number above 0 and at most ${max}`);

/**
 * Every environment variable the service reads, with its default. `docs/service.md` documents each
 * one; API.md fixes the first six.
 */
export const EnvSchema = z.object({
  /** HTTP port. */
  PORT: whole(0, 65535).default(8080),
  /** Listen address; only a loopback address when `API_KEYS` is unset. */
  HOST: z.string().min(1, "must not be empty").default("127.0.0.1"),
  /** The Redis that queue, jobs and plans live in; unset lets `npm start` run a private one. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, "must be a redis:// or rediss:// URL")
    .optional(),
  /** `key:role` pairs; unset is local mode. */
  API_KEYS: z.string().optional(),
  /** Solves at once per worker process. */
  WORKER_CONCURRENCY: whole(1, 64).default(1),
  /** A worker solves a small generated scenario when it starts, so that its first job finds HiGHS compiled and warm. */
  SOLVER_WARMUP: z.enum(["true", "false"], { error: "must be true or false" }).default("true"),
  /** pino level. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  /** Worker processes that `npm start` runs next to the API. */
  WORKERS: whole(0, 64).default(1),
  /** Prefix of every Redis key (queue, jobs, plans); lets several deployments share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1 to 64 letters, digits or _ . : -")
    .default("ikn"),
  /** BullMQ queue name. */
  QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1 to 64 letters, digits or _ . -")
    .default("allocations"),
  /** Finished jobs, their plans and idempotency keys are kept at least this many days. */
  JOB_RETENTION_DAYS: positive(3650).default(30),
  /** Runs a job gets before it fails for good (faults only: bad input and cancels are never retried). */
  JOB_ATTEMPTS: whole(1, 20).default(3),
  /** First retry delay; each further retry waits twice as long. */
  JOB_BACKOFF_SECONDS: positive(3600).default(10),
  /** How long a worker's claim on a job lasts without renewal (renewed every half of it). */
  JOB_LOCK_SECONDS: positive(600).default(30),
  /** How often workers look for jobs whose claim lapsed (a dead worker's), to run them again. */
  STALLED_CHECK_SECONDS: positive(600).default(30),
  /** Time limit of a job that names none, and the largest `timeLimitSeconds` a request may ask. */
  MAX_TIME_LIMIT_SECONDS: positive(86_400).default(3600),
  /** Largest request body. */
  BODY_LIMIT_MB: positive(1024).default(20),
  /** Requests per minute per API key (per address in local mode) under `/v1`. */
  RATE_LIMIT_PER_MINUTE: whole(1, 1_000_000).default(600),
  /** On SIGTERM, how long running solves may go on before they are put back in the queue. */
  SHUTDOWN_GRACE_SECONDS: positive(3600).default(20),
  /** Where `npm start`'s private redis-server keeps its data. */
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  /** Express `trust proxy`: how many proxies in front set X-Forwarded-For (0: none). */
  TRUST_PROXY: whole(0, 10).default(0),
});

export type AuthConfig = { mode: "local" } | { mode: "keys"; roles: Map<string, Role> };

/** The service's configuration, grouped by the part that uses it. */
export interface ServiceConfig {
  http: { port: number; host: string; bodyLimitBytes: number; rateLimitPerMinute: number; trustProxy: number };
  redis: { url: string; explicit: boolean; prefix: string };
  queue: {
    name: string;
    attempts: number;
    backoffMs: number;
    lockMs: number;
    stalledIntervalMs: number;
    retentionMs: number;
    maxTimeLimitSeconds: number;
  };
  worker: { concurrency: number; processes: number; warmUp: boolean };
  auth: AuthConfig;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdownGraceMs: number;
  dataDir: string;
}

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export type ConfigResult = { ok: true; config: ServiceConfig } | { ok: false; problems: string[] };

/** Reads the configuration from `env`; every problem is one line naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in EnvSchema.shape && value !== ""));
  const parsed = EnvSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, present));
  const auth = authConfig(present.API_KEYS, present.HOST ?? "127.0.0.1", problems);
  if (!parsed.success || !auth) return { ok: false, problems };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      http: {
        port: e.PORT,
        host: e.HOST,
        bodyLimitBytes: Math.round(e.BODY_LIMIT_MB * 1024 * 1024),
        rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
        trustProxy: e.TRUST_PROXY,
      },
      redis: { url: e.REDIS_URL ?? DEFAULT_REDIS_URL, explicit: e.REDIS_URL !== undefined, prefix: e.REDIS_PREFIX },
      queue: {
        name: e.QUEUE_NAME,
        attempts: e.JOB_ATTEMPTS,
        backoffMs: Math.round(e.JOB_BACKOFF_SECONDS * 1000),
        lockMs: Math.round(e.JOB_LOCK_SECONDS * 1000),
        stalledIntervalMs: Math.round(e.STALLED_CHECK_SECONDS * 1000),
        retentionMs: Math.round(e.JOB_RETENTION_DAYS * 86_400_000),
        maxTimeLimitSeconds: e.MAX_TIME_LIMIT_SECONDS,
      },
      worker: { concurrency: e.WORKER_CONCURRENCY, processes: e.WORKERS, warmUp: e.SOLVER_WARMUP === "true" },
      auth,
      logLevel: e.LOG_LEVEL,
      shutdownGraceMs: Math.round(e.SHUTDOWN_GRACE_SECONDS * 1000),
      dataDir: resolve(e.DATA_DIR),
    },
  };
}

/** Keys and roles; pushes a problem instead for bad keys, or for no keys on a non-loopback address. */
function authConfig(apiKeys: string | undefined, host: string, problems: string[]): AuthConfig | undefined {
  if (apiKeys === undefined) {
    if (isLoopback(host)) return { mode: "local" };
    problems.push(`HOST: "${host}" is not a loopback address, and API_KEYS is unset: set API_KEYS, or listen on 127.0.0.1`);
    return undefined;
  }
  const keys = parseApiKeys(apiKeys);
  if (keys.ok) return { mode: "keys", roles: keys.roles };
  problems.push(...keys.problems.map((p) => `API_KEYS: ${p}`));
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0]);
  const value = env[name];
  const shown = value === undefined || name === "API_KEYS" ? "" : ` (got "${value}")`;
  return `${name}: ${issue.message}${shown}`;
}

function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

/** For entry points: the configuration, or every problem on stderr and exit 1. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const result = loadConfig(env);
  if (result.ok) return result.config;
  for (const problem of result.problems) console.error(`bad configuration: ${problem}`);
  process.exit(1);
}

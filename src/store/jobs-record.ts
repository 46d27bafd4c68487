import type { PolicyInput } from "../domain/index.js";
import type { SolverChoice } from "../pipeline/types.js";

export const JOB_STATUSES = ["queued", "active", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES = ["completed", "failed", "cancelled"] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminal(status: JobStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** How a job asked to be solved (API.md `POST /v1/jobs`, less the scenario). */
export interface JobOptions {
  model?: string;
  policy?: PolicyInput;
  solver?: SolverChoice;
  timeLimitSeconds: number;
  priority: number;
}

/** API.md's `summary` of a finished job's plan. */
export interface PlanSummary {
  status: "optimal" | "feasible" | "infeasible";
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solver: string;
  placed: number;
  unplaced: number;
  timeMs: number;
}

/** What the service keeps of a job. Queue state (waiting, active, progress) lives in BullMQ. */
export interface JobRecord {
  id: string;
  scenarioId: string;
  scenarioVersion?: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  options: JobOptions;
  /** `queued` until a worker starts it; the terminal statuses are final. */
  status: JobStatus;
  startedAt?: string;
  finishedAt?: string;
  /** Runs started so far (a retry or a worker's death starts another). */
  attempts: number;
  /** The worker (`host:pid`) of the latest run. */
  worker?: string;
  summary?: PlanSummary;
  error?: string;
}

/** Redis hash fields → record. */
export function recordFromHash(hash: Record<string, string>): JobRecord | undefined {
  if (!hash.id) return undefined;
  return {
    id: hash.id,
    scenarioId: hash.scenarioId,
    scenarioVersion: hash.scenarioVersion ? Number(hash.scenarioVersion) : undefined,
    createdAt: hash.createdAt,
    options: JSON.parse(hash.options) as JobOptions,
    status: hash.status as JobStatus,
    startedAt: hash.startedAt || undefined,
    finishedAt: hash.finishedAt || undefined,
    attempts: Number(hash.attempts ?? 0),
    worker: hash.worker || undefined,
    summary: hash.summary ? (JSON.parse(hash.summary) as PlanSummary) : undefined,
    error: hash.error || undefined,
  };
}

/** Record → Redis hash fields (objects as JSON, absent fields left out). */
export function recordToHash(record: JobRecord): Record<string, string> {
  const hash: Record<string, string> = {
    id: record.id,
    scenarioId: record.scenarioId,
    createdAt: record.createdAt,
    options: JSON.stringify(record.options),
    status: record.status,
    attempts: String(record.attempts),
  };
  if (record.scenarioVersion !== undefined) hash.scenarioVersion = String(record.scenarioVersion);
  if (record.startedAt) hash.startedAt = record.startedAt;
  if (record.finishedAt) hash.finishedAt = record.finishedAt;
  if (record.worker) hash.worker = record.worker;
  if (record.summary) hash.summary = JSON.stringify(record.summary);
  if (record.error) hash.error = record.error;
  return hash;
}

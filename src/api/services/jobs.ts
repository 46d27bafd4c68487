import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { z } from "zod";
import type { ServiceConfig } from "../../config/env.js";
import { findPreset, fromZodIssues, isPlainObject, parseFields, presetNames, type Scenario } from "../../domain/index.js";
import { SOLVE_JOB, type AllocationQueue } from "../../queue/allocation-queue.js";
import { publishCancel } from "../../queue/cancel-channel.js";
import { CANCELLED_MESSAGE } from "../../queue/processor.js";
import type { JobProgress } from "../../queue/progress.js";
import { newJobId, type JobStore } from "../../store/jobs.js";
import { isTerminal, type JobRecord, type JobStatus } from "../../store/jobs-record.js";
import type { Caller } from "../auth.js";
import { conflict, invalidInput, notFound, Problem } from "../problem.js";
import { JobOptionsRequestSchema, JobListQuerySchema, type JobSchema, type JobAcceptedSchema, type JobPageSchema } from "../schemas.js";
import { pinFromJob } from "./pin-from-job.js";
import { requestedScenario, type ScenarioSource } from "./scenario-source.js";

export type JobView = z.infer<typeof JobSchema>;
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;
export type JobPage = z.infer<typeof JobPageSchema>;

const DEFAULT_PRIORITY = 5;
/** A record with no queue entry is only lost once queueing it cannot still be under way. */
const LOST_AFTER_MS = 60_000;
/** Records a list request looks at, at most, to fill a filtered page. */
const MAX_SCANNED = 500;

export interface JobsServiceDeps {
  config: ServiceConfig;
  redis: Redis;
  store: JobStore;
  queue: AllocationQueue;
  /** Resolves `scenarioId` (+ `version`) of a job request; absent until a scenario store is wired in. */
  scenarios?: ScenarioSource;
}

/**
 * The jobs of API.md, free of HTTP: submit, read, list, cancel, plan. A job's truth is its record
 * once it has ended, and BullMQ's state (waiting, active, progress) before.
 */
export class JobsService {
  constructor(private readonly deps: JobsServiceDeps) {}

  /** Validates and queues a job; with an Idempotency-Key, the same key and body give the same job. */
  async submit(body: unknown, caller: Caller, idempotencyKey?: string): Promise<{ job: JobAccepted; created: boolean }> {
    const request = await this.parseRequest(body);
    const id = newJobId();
    if (idempotencyKey === undefined) {
      await this.enqueue(id, request);
      return { job: accepted(id, "queued"), created: true };
    }
    const scope = hash(`${caller.id}\n${idempotencyKey}`);
    const bodyHash = hash(canonicalJson(body));
    const claim = await this.deps.store.claimIdempotency(scope, bodyHash, id);
    if (!claim.claimed) {
      if (claim.bodyHash !== bodyHash) {
        throw new Problem(422, "Idempotency key reused", "this Idempotency-Key was used with a different body; use a new key for a new job");
      }
      const held = await this.deps.store.get(claim.jobId);
      if (!held) throw new Problem(410, "Gone", `the job of this Idempotency-Key (${claim.jobId}) has expired; use a new key`);
      return { job: accepted(held.id, (await this.present(held)).status), created: false };
    }
    try {
      await this.enqueue(id, request);
    } catch (err) {
      await this.deps.store.releaseIdempotency(scope).catch(() => undefined);
      throw err;
    }
    return { job: accepted(id, "queued"), created: true };
  }

  async view(id: string): Promise<JobView> {
    return this.present(await this.record(id));
  }

  async list(query: unknown): Promise<JobPage> {
    const parsed = JobListQuerySchema.safeParse(query);
    if (!parsed.success) throw invalidInput(fromZodIssues(parsed.error.issues));
    const { status, scenarioId, limit, cursor } = parsed.data;
    const items: JobView[] = [];
    let after = cursor === undefined ? undefined : decodeCursor(cursor);
    let scanned = 0;
    let exhausted = false;
    while (items.length < limit && scanned < MAX_SCANNED && !exhausted) {
      const ids = await this.deps.store.ids({ scenarioId, afterId: after, limit: Math.min(100, MAX_SCANNED - scanned) });
      exhausted = ids.length === 0;
      const records = await this.deps.store.getMany(ids);
      for (const [i, record] of records.entries()) {
        after = ids[i];
        scanned++;
        const view = record && (await this.present(record));
        if (view && (status === undefined || view.status === status)) items.push(view);
        if (items.length === limit) break;
      }
    }
    const more = !exhausted && after !== undefined && (await this.deps.store.ids({ scenarioId, afterId: after, limit: 1 })).length > 0;
    return more ? { items, next: encodeCursor(after!) } : { items };
  }

  /** Cancels a queued or running job; cancelling a cancelled job answers it again. */
  async cancel(id: string): Promise<JobView> {
    const record = await this.record(id);
    if (record.status === "cancelled") return this.present(record);
    if (isTerminal(record.status)) throw conflict(`job ${id} has already ${record.status === "completed" ? "completed" : "failed"}; there is nothing to cancel`);
    if (!(await this.deps.store.end(id, { status: "cancelled", error: CANCELLED_MESSAGE }))) return this.cancel(id);
    // A job no worker holds leaves the queue; a running one is locked, and its worker hears the cancel.
    const removed = await this.deps.queue.remove(id);
    if (removed !== 1) await publishCancel(this.deps.redis, this.deps.store.keys.cancelChannel, id);
    return this.view(id);
  }

  /** The plan as stored (JSON text), and the job's scenario for exports; 409 until completed. */
  async plan(id: string): Promise<{ record: JobRecord; planJson: string; scenarioJson: () => Promise<string | null> }> {
    const record = await this.record(id);
    const view = await this.present(record);
    if (view.status !== "completed") throw conflict(`job ${id} is ${view.status}; its plan is ready once it has completed`);
    const planJson = await this.deps.store.planJson(id);
    if (planJson === null) throw new Problem(410, "Gone", `the plan of job ${id} has expired`);
    return { record, planJson, scenarioJson: () => this.deps.store.scenarioJson(id) };
  }

  private async record(id: string): Promise<JobRecord> {
    const record = await this.deps.store.get(id);
    if (!record) throw notFound(`no job ${id}`);
    return record;
  }

  /** The job body of API.md: the record once ended, else with BullMQ's view of where the job is. */
  private async present(record: JobRecord): Promise<JobView> {
    if (isTerminal(record.status)) return jobView(record);
    const job = await this.deps.queue.getJob(record.id);
    const state = job ? await job.getState() : "unknown";
    switch (state) {
      case "active":
        return jobView(record, "active", job!.progress as JobProgress);
      case "waiting":
      case "prioritized":
      case "delayed":
      case "waiting-children":
        return jobView({ ...record, error: job!.failedReason ? `the last run failed (${job!.failedReason}); it will be retried` : undefined }, "queued");
      case "failed":
        // A job BullMQ failed without its worker saying so (it died past the stalled limit).
        await this.deps.store.end(record.id, { status: "failed", error: job!.failedReason || "failed in the queue" });
        return this.view(record.id);
      default: {
        const now = await this.deps.store.get(record.id);
        if (now && isTerminal(now.status)) return jobView(now);
        if (Date.now() - Date.parse(record.createdAt) < LOST_AFTER_MS) return jobView(record, "queued");
        await this.deps.store.end(record.id, { status: "failed", error: "the queue lost this job (was Redis flushed?)" });
        return this.view(record.id);
      }
    }
  }

  private async parseRequest(body: unknown): Promise<ParsedRequest> {
    if (!isPlainObject(body)) {
      throw invalidInput([{ path: [], message: "the body must be a JSON object: { scenario | scenarioId, model?, policy?, solver?, timeLimitSeconds?, priority? }" }]);
    }
    const { scenario: _inline, ...rest } = body;
    // The checks below read only fields that are valid, so that they run whatever else is wrong.
    const { issues, valid: o } = parseFields(JobOptionsRequestSchema, rest);
    if (o.model !== undefined && !findPreset(o.model)) issues.push({ path: ["model"], message: `unknown model "${o.model}"; models are ${presetNames().join(", ")}` });
    const maxTime = this.deps.config.queue.maxTimeLimitSeconds;
    if (o.timeLimitSeconds !== undefined && o.timeLimitSeconds > maxTime) issues.push({ path: ["timeLimitSeconds"], message: `must be at most ${maxTime}` });
    if ("pinBefore" in rest && !("pinFrom" in rest)) issues.push({ path: ["pinBefore"], message: "only goes with pinFrom" });
    const resolved = await requestedScenario(body, o, this.deps.scenarios, issues);
    if (issues.length || !resolved) throw invalidInput(issues);
    if (o.pinFrom !== undefined) resolved.scenario = await pinFromJob(this.deps.store, resolved.scenario, o.pinFrom, o.pinBefore);
    return {
      ...resolved,
      options: {
        model: o.model,
        policy: o.policy,
        solver: o.solver,
        timeLimitSeconds: o.timeLimitSeconds ?? maxTime,
        priority: o.priority ?? DEFAULT_PRIORITY,
      },
    };
  }

  private async enqueue(id: string, request: ParsedRequest): Promise<void> {
    const record: JobRecord = {
      id,
      scenarioId: request.scenario.id,
      scenarioVersion: request.version,
      createdAt: new Date().toISOString(),
      options: request.options,
      status: "queued",
      attempts: 0,
    };
    await this.deps.store.create(record, JSON.stringify(request.scenario));
    await this.deps.queue.add(SOLVE_JOB, { scenarioId: record.scenarioId }, { jobId: id, priority: request.options.priority });
  }
}

interface ParsedRequest {
  scenario: Scenario;
  version?: number;
  options: JobRecord["options"];
}

function links(id: string) {
  return { self: `/v1/jobs/${id}`, plan: `/v1/jobs/${id}/plan`, events: `/v1/jobs/${id}/events` };
}

function accepted(id: string, status: JobStatus): JobAccepted {
  return { id, status, links: links(id) };
}

function jobView(record: JobRecord, status: JobStatus = record.status, progress?: JobProgress): JobView {
  const { id, scenarioId, scenarioVersion, createdAt, startedAt, finishedAt, attempts, worker, options, summary, error } = record;
  return dropUndefined({
    id,
    status,
    scenarioId,
    scenarioVersion,
    createdAt,
    startedAt: status === "queued" ? undefined : startedAt,
    finishedAt,
    attempts,
    worker,
    options: dropUndefined(options),
    progress: status === "active" && progress && typeof progress === "object" ? progress : undefined,
    summary,
    error,
    links: links(id),
  });
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** JSON with object keys sorted, so that the same body sent with its keys in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString("base64url");
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString();
  if (!/^\d{8}T\d{9}Z-[0-9a-f]{8}$/.test(id)) throw invalidInput([{ path: ["cursor"], message: "not a cursor this service gave" }]);
  return id;
}

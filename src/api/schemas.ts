import { z } from "zod";
import { PolicyInputSchema, ScenarioShapeSchema } from "../domain/index.js";
import { PHASES, SOLVER_CHOICES } from "../pipeline/types.js";
import { JOB_STATUSES } from "../store/jobs-record.js";
import { PinBeforeSchema } from "./schemas-planning.js";

// The request schemas validate; request and answer schemas together generate /v1/openapi.json.

/** Everything of a job request but the inline scenario, which `validateScenario` checks (for its cross-references). */
export const JobOptionsRequestSchema = z.object({
  scenarioId: z.string().min(1, "must be a non-empty string").optional().describe("A stored scenario to solve, instead of `scenario`."),
  version: z.number().int("must be a whole number").min(1, "must be at least 1").optional().describe("Version of `scenarioId`; default the latest."),
  model: z.string().min(1, "must be a non-empty string").optional().describe("A policy preset of `GET /v1/models`, applied over the scenario's policy."),
  policy: PolicyInputSchema.optional().describe("Policy fields applied over the preset (field by field, weights tier by tier)."),
  solver: z.enum(SOLVER_CHOICES, { error: `must be one of ${SOLVER_CHOICES.join(", ")}` }).optional().describe("Default `auto`."),
  timeLimitSeconds: z.number().positive("must be above 0").optional().describe("Wall-clock limit of the solve; default and maximum `MAX_TIME_LIMIT_SECONDS`."),
  priority: z
    .number()
    .int("must be a whole number")
    .min(1, "must be from 1 to 10")
    .max(10, "must be from 1 to 10")
    .optional()
    .describe("1 runs first, 10 last; default 5. Equal priorities run in submission order."),
  pinFrom: z
    .string()
    .min(1, "must be a non-empty string")
    .optional()
    .describe("A completed job whose placements in waves before `pinBefore` are pinned: people who have moved stay, only the future is re-planned."),
  pinBefore: PinBeforeSchema.optional().describe("Cut-off of `pinFrom`: YYYY-MM-DD, or `today` (the default) in Asia/Makassar."),
}).strict();

export const JobRequestSchema = JobOptionsRequestSchema.extend({
  scenario: ScenarioShapeSchema.optional().describe("The scenario (MODEL.md); give this or `scenarioId`."),
});

export const ProgressSchema = z.object({
  phase: z.enum(PHASES),
  percent: z.number().min(0).max(100),
  incumbent: z.number().optional().describe("Objective of the best plan found so far."),
  bound: z.number().optional().describe("Proven upper bound on the objective."),
});

export const SummarySchema = z.object({
  status: z.enum(["optimal", "feasible", "infeasible"]),
  objective: z.number().nullable(),
  bound: z.number().nullable(),
  gap: z.number().nullable(),
  solver: z.string(),
  placed: z.number().int(),
  unplaced: z.number().int(),
  timeMs: z.number(),
});

const JobLinksSchema = z.object({ self: z.string(), plan: z.string(), events: z.string() });

export const JobSchema = z.object({
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  scenarioId: z.string(),
  scenarioVersion: z.number().int().optional(),
  createdAt: z.string().describe("ISO 8601, UTC."),
  startedAt: z.string().optional().describe("Start of the latest run."),
  finishedAt: z.string().optional(),
  attempts: z.number().int().describe("Runs started so far; a retry or a worker's death starts another."),
  worker: z.string().optional().describe("`host:pid` of the worker process of the latest run."),
  options: z.object({
    model: z.string().optional(),
    policy: PolicyInputSchema.optional(),
    solver: z.enum(SOLVER_CHOICES).optional(),
    timeLimitSeconds: z.number(),
    priority: z.number().int(),
  }),
  progress: ProgressSchema.optional().describe("While active."),
  summary: SummarySchema.optional().describe("Once completed."),
  error: z.string().optional().describe("Why it failed or was cancelled; while queued for a retry, why the last run failed."),
  links: JobLinksSchema,
});

export const JobAcceptedSchema = z.object({ id: z.string(), status: z.enum(JOB_STATUSES), links: JobLinksSchema });

const pageSize = "must be a whole number from 1 to 100";
export const JobListQuerySchema = z
  .object({
    status: z.enum(JOB_STATUSES, { error: `must be one of ${JOB_STATUSES.join(", ")}` }).optional(),
    scenarioId: z.string().min(1, "must be a non-empty string").optional(),
    limit: z.coerce.number({ error: pageSize }).int(pageSize).min(1, pageSize).max(100, pageSize).default(20),
    cursor: z.string().min(1, "must be a non-empty string").optional(),
  })
  .strict();

export const JobPageSchema = z.object({
  items: z.array(JobSchema),
  next: z
    .string()
    .optional()
    .describe("Pass as `cursor` for the next page; absent on the last page. A page may hold fewer than `limit` items and still have a next one."),
});

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z
    .array(z.object({ path: z.string().describe("Dotted, relative to the body; empty for the whole body."), message: z.string() }))
    .optional(),
});

export const ModelsSchema = z.object({
  items: z.array(z.object({ name: z.string(), description: z.string(), policy: PolicyInputSchema })),
});

export const ValidateRequestSchema = z.object({ scenario: ScenarioShapeSchema });

export const ValidateAnswerSchema = z.object({
  valid: z.literal(true),
  summary: z.object({
    employees: z.number().int(),
    families: z.number().int(),
    singles: z.number().int(),
    units: z.number().int(),
    towers: z.number().int(),
    waves: z.number().int(),
    pinned: z.number().int(),
    mustMove: z.number().int(),
  }),
});

export const ReadySchema = z.object({ status: z.literal("ready"), workers: z.number().int() });

import { z } from "zod";
import { isIsoDate, ScenarioShapeSchema } from "../domain/index.js";
import { VariantListSchema, VariantSchema } from "../plan/variants.js";
import { DEFAULT_TIMEZONE } from "../queue/schedule-queue.js";

// Requests and answers of stored scenarios, comparisons and schedules. The request schemas validate;
// with the answers they generate their part of /v1/openapi.json (see `openapi-planning.ts`).

/** A cut-off date for pinning: `YYYY-MM-DD`, or `today`. */
export const PinBeforeSchema = z.string().refine((v) => v === "today" || isIsoDate(v), "must be a date YYYY-MM-DD or today");

const pageFields = {
  next: z.string().optional().describe("Pass as `cursor` for the next page; absent on the last page."),
};

/** `?limit=&cursor=` of the paged lists. */
export const PageQuerySchema = z
  .object({
    limit: z.coerce
      .number({ error: "must be a whole number from 1 to 100" })
      .int("must be a whole number from 1 to 100")
      .min(1, "must be a whole number from 1 to 100")
      .max(100, "must be a whole number from 1 to 100")
      .default(20),
    cursor: z.string().min(1, "must be a non-empty string").optional(),
  })
  .strict();

export const StoredScenarioRequestSchema = ScenarioShapeSchema.extend({
  id: z.string().min(1).optional().describe("Must equal the id in the URL; may be left out."),
}).meta({ id: "StoredScenarioRequest" });

export const ScenarioVersionSchema = z.object({ id: z.string(), version: z.number().int() }).meta({ id: "ScenarioVersion" });

export const StoredScenarioSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    createdAt: z.string().describe("ISO 8601, UTC."),
    scenario: z.record(z.string(), z.unknown()).describe("The validated scenario (MODEL.md), defaults filled in."),
  })
  .meta({ id: "StoredScenario" });

export const ScenarioPageSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), version: z.number().int().describe("The latest"), createdAt: z.string(), employees: z.number().int() })),
    ...pageFields,
  })
  .meta({ id: "ScenarioPage" });

/** What `POST /v1/comparisons` checks; `scenario` is validated by `validateScenario` for its cross-references. */
export const ComparisonRequestSchema = z
  .object({
    scenario: z.unknown().optional(),
    scenarioId: z.string().min(1, "must be a non-empty string").optional().describe("A stored scenario, instead of `scenario`."),
    version: z.number().int("must be a whole number").min(1, "must be at least 1").optional().describe("Version of `scenarioId`; default the latest."),
    variants: VariantListSchema.describe("Each a solver and/or policy model and time limit; `name` defaults to solver+model."),
  })
  .strict();

export const ComparisonRequestDocSchema = ComparisonRequestSchema.extend({
  scenario: ScenarioShapeSchema.optional().describe("The scenario (MODEL.md); give this or `scenarioId`."),
}).meta({ id: "ComparisonRequest" });

const counts = z.record(z.string(), z.number().int());

export const ComparisonVariantSchema = z
  .object({
    name: z.string(),
    jobId: z.string(),
    status: z.string().describe("The plan's optimal, feasible or infeasible once its job completed, else the job's queued, active, failed or cancelled."),
    error: z.string().optional(),
    objective: z.number().nullable().describe("Under the variant's own policy."),
    commonObjective: z.number().nullable().describe("The same placements scored under the scenario's own policy: one scale for every variant."),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    timeMs: z.number().nullable(),
    solver: z.string().optional(),
    placed: z.number().int().optional(),
    personsPlaced: z.number().int().optional(),
    byPriority: counts.optional().describe('Employees placed per agency tier "1" to "5".'),
    byGroup: counts.optional(),
    byWave: counts.optional(),
    familiesHoused: z.number().int().optional(),
    singlesHoused: z.number().int().optional(),
    unplaced: z.number().int().optional(),
    unplacedReasons: counts.optional(),
    schoolSeats: counts.optional().describe("School places used by placed children, per level."),
    averageCommuteMinutes: z.number().nullable().optional(),
  })
  .meta({ id: "ComparisonVariant" });

const comparisonLinks = z.object({ self: z.string(), diff: z.string() });

export const ComparisonAcceptedSchema = z.object({ id: z.string(), status: z.literal("queued"), links: comparisonLinks }).meta({ id: "ComparisonAccepted" });

export const ComparisonSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "completed"]).describe("completed once every variant has ended, whatever its outcome."),
    scenarioId: z.string(),
    scenarioVersion: z.number().int().optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    variants: z.array(ComparisonVariantSchema),
    links: comparisonLinks,
  })
  .meta({ id: "Comparison" });

const diffCounts = z.object({ onlyInA: z.number().int(), onlyInB: z.number().int(), movedWave: z.number().int(), movedTower: z.number().int() });
const ids = z.array(z.string());

export const PlanDiffSchema = z
  .object({
    a: z.string(),
    b: z.string(),
    onlyInA: ids.describe("Placed by a's plan only."),
    onlyInB: ids.describe("Placed by b's plan only."),
    movedWave: ids.describe("Placed by both, in different waves."),
    movedTower: ids.describe("Placed by both, in different towers."),
    byAgency: z.record(z.string(), diffCounts).describe("Every agency with the four counts."),
  })
  .meta({ id: "PlanDiff" });

export const ScheduleRequestSchema = z
  .object({
    cron: z.string({ error: "required: a cron expression of 5 fields, or 6 with seconds first" }).describe("5 fields, or 6 with seconds first."),
    timezone: z.string().min(1, "must be a non-empty string").optional().describe(`IANA time zone the cron is read in; default ${DEFAULT_TIMEZONE}.`),
    scenarioId: z.string({ error: "required: the id of a stored scenario" }).min(1, "must be a non-empty string").describe("Each run solves its latest version."),
    variants: VariantListSchema.optional().describe("One: each run is a job. Several: a comparison, whose first variant is pinned from and compared."),
    pinBefore: PinBeforeSchema.optional().describe(
      "Pin the previous run's placements in waves dated before this (`today`: in the schedule's time zone when it fires).",
    ),
  })
  .strict()
  .meta({ id: "ScheduleRequest" });

export const ScheduleSchema = z
  .object({
    id: z.string(),
    cron: z.string(),
    timezone: z.string(),
    scenarioId: z.string(),
    variants: z.array(VariantSchema.extend({ name: z.string() })).optional(),
    pinBefore: z.string().optional(),
    createdAt: z.string(),
    deletedAt: z.string().optional().describe("Set by DELETE: no more runs; past runs stay readable."),
    nextRunAt: z.string().optional(),
    links: z.object({ self: z.string(), runs: z.string() }),
  })
  .meta({ id: "Schedule" });

export const SchedulePageSchema = z.object({ items: z.array(ScheduleSchema), ...pageFields }).meta({ id: "SchedulePage" });

export const RunPageSchema = z
  .object({
    items: z.array(
      z.object({
        runAt: z.string().describe("The cron instant the run fired for."),
        jobId: z.string().optional(),
        comparisonId: z.string().optional(),
        scenarioVersion: z.number().int(),
        pinBefore: z.string().optional().describe("The cut-off date this run used."),
        pinned: z.number().int().optional().describe("Placements of the previous run it pinned."),
        previousRunAt: z.string().optional(),
        changes: z
          .object({ newlyPlaced: ids, noLongerPlaced: ids, movedWave: ids, movedTower: ids, objectiveChange: z.number().nullable() })
          .optional()
          .describe("Against the previous run, once this run's job has ended."),
        error: z.string().optional().describe("Why there is no change report."),
        links: z.object({ job: z.string().optional(), comparison: z.string().optional() }).describe("The run's job, or its comparison."),
      }),
    ),
    ...pageFields,
  })
  .meta({ id: "RunPage" });

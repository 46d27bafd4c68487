import type { Operation } from "./openapi.js";
import * as p from "./schemas-planning.js";
import { VariantSchema } from "../plan/variants.js";

/** Request bodies of stored scenarios, comparisons and schedules; `Variant` is shared, so it gets a name. */
export const PLANNING_REQUEST_SCHEMAS = {
  StoredScenarioRequest: p.StoredScenarioRequestSchema,
  ComparisonRequest: p.ComparisonRequestDocSchema,
  ScheduleRequest: p.ScheduleRequestSchema,
  Variant: VariantSchema,
};

export const PLANNING_ANSWER_SCHEMAS = {
  ScenarioVersion: p.ScenarioVersionSchema,
  StoredScenario: p.StoredScenarioSchema,
  ScenarioPage: p.ScenarioPageSchema,
  ComparisonAccepted: p.ComparisonAcceptedSchema,
  Comparison: p.ComparisonSchema,
  ComparisonVariant: p.ComparisonVariantSchema,
  PlanDiff: p.PlanDiffSchema,
  Schedule: p.ScheduleSchema,
  SchedulePage: p.SchedulePageSchema,
  RunPage: p.RunPageSchema,
};

const problem = (description: string) => ({ description, schema: "Problem" as const, type: "application/problem+json" });
const invalid = problem("Invalid input: `errors` lists every problem with its dotted path");
const page = [
  { name: "limit", description: "1 to 100, default 20" },
  { name: "cursor", description: "`next` of the previous page" },
];

export const PLANNING_OPERATIONS: Operation[] = [
  {
    method: "put",
    path: "/v1/scenarios/{id}",
    summary: "Store a scenario as its next version; a document identical to the latest stores nothing",
    role: "planner",
    body: "StoredScenarioRequest",
    responses: { 201: { description: "Stored as a new version", schema: "ScenarioVersion" }, 200: { description: "Identical to the latest version", schema: "ScenarioVersion" }, 400: invalid },
  },
  { method: "get", path: "/v1/scenarios", summary: "The latest version of each stored scenario, by id", role: "any", query: page, responses: { 200: { description: "A page", schema: "ScenarioPage" }, 400: invalid } },
  { method: "get", path: "/v1/scenarios/{id}", summary: "The latest version of a stored scenario", role: "any", responses: { 200: { description: "The scenario", schema: "StoredScenario" }, 404: problem("No such scenario") } },
  {
    method: "get",
    path: "/v1/scenarios/{id}/versions/{version}",
    summary: "One version of a stored scenario",
    role: "any",
    responses: { 200: { description: "The scenario", schema: "StoredScenario" }, 404: problem("No such scenario or version") },
  },
  {
    method: "post",
    path: "/v1/comparisons",
    summary: "Solve one scenario under several variants (solver, model, policy, time limit) as one flow",
    role: "planner",
    body: "ComparisonRequest",
    responses: { 202: { description: "Queued; `Location` names the comparison", schema: "ComparisonAccepted" }, 400: invalid },
  },
  {
    method: "get",
    path: "/v1/comparisons/{id}",
    summary: "The variants side by side: status, objective under its own and under the scenario's policy, bound, gap, time, people placed by tier, group and wave, …",
    role: "any",
    responses: { 200: { description: "The comparison", schema: "Comparison" }, 404: problem("No such comparison") },
  },
  {
    method: "get",
    path: "/v1/comparisons/{id}/diff",
    summary: "Employees placed by one variant's plan only, or in another wave or tower, with counts per agency",
    role: "any",
    query: [
      { name: "a", description: "A variant's name; default the first" },
      { name: "b", description: "A variant's name; default the second" },
    ],
    responses: { 200: { description: "The diff", schema: "PlanDiff" }, 400: invalid, 404: problem("No such comparison"), 409: problem("A variant has no plan yet") },
  },
  {
    method: "post",
    path: "/v1/schedules",
    summary: "Re-plan a stored scenario on a cron schedule, pinning the previous run's past waves",
    role: "planner",
    body: "ScheduleRequest",
    responses: { 201: { description: "Scheduled", schema: "Schedule" }, 400: invalid },
  },
  { method: "get", path: "/v1/schedules", summary: "Every schedule, oldest first", role: "any", query: page, responses: { 200: { description: "A page", schema: "SchedulePage" }, 400: invalid } },
  { method: "get", path: "/v1/schedules/{id}", summary: "A schedule and when it fires next", role: "any", responses: { 200: { description: "The schedule", schema: "Schedule" }, 404: problem("No such schedule") } },
  {
    method: "delete",
    path: "/v1/schedules/{id}",
    summary: "Stop a schedule; it and its past runs stay readable",
    role: "planner",
    responses: { 204: { description: "Stopped" }, 404: problem("No such schedule") },
  },
  {
    method: "get",
    path: "/v1/schedules/{id}/runs",
    summary: "Past runs, newest first, each with its job or comparison and what changed against the previous run",
    role: "any",
    query: page,
    responses: { 200: { description: "A page", schema: "RunPage" }, 400: invalid, 404: problem("No such schedule") },
  },
];

import { z } from "zod";
import { PolicyInputSchema, ScenarioShapeSchema } from "../domain/index.js";
import type { Role } from "../config/api-keys.js";
import * as s from "./schemas.js";
import { PLANNING_ANSWER_SCHEMAS, PLANNING_OPERATIONS, PLANNING_REQUEST_SCHEMAS } from "./openapi-planning.js";

/** One documented operation; routes added by other modules add theirs to `OPERATIONS`. */
export interface Operation {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  /** Least role that may call it; `public` needs no key. */
  role: Role | "public" | "any";
  body?: keyof typeof REQUEST_SCHEMAS;
  query?: { name: string; description: string }[];
  headers?: { name: string; description: string }[];
  responses: Record<number, { description: string; schema?: keyof typeof ANSWER_SCHEMAS; type?: string }>;
}

/** Request bodies, documented as clients write them (defaults optional). */
const REQUEST_SCHEMAS = { JobRequest: s.JobRequestSchema, ValidateRequest: s.ValidateRequestSchema, ...PLANNING_REQUEST_SCHEMAS };
/** Answers, documented as the service writes them. */
const ANSWER_SCHEMAS = {
  Job: s.JobSchema,
  JobAccepted: s.JobAcceptedSchema,
  JobPage: s.JobPageSchema,
  Progress: s.ProgressSchema,
  Summary: s.SummarySchema,
  Problem: s.ProblemSchema,
  Models: s.ModelsSchema,
  ValidateAnswer: s.ValidateAnswerSchema,
  Ready: s.ReadySchema,
  ...PLANNING_ANSWER_SCHEMAS,
};

const problem = (description: string) => ({ description, schema: "Problem" as const, type: "application/problem+json" });
const invalid = problem("Invalid input: `errors` lists every problem with its dotted path");
const unknownJob = problem("No such job");

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/v1/jobs",
    summary: "Submit an allocation job",
    role: "officer",
    body: "JobRequest",
    headers: [{ name: "Idempotency-Key", description: "The same key and body answer the same job instead of a second one; a different body is 422." }],
    responses: {
      202: { description: "Queued; `Location` names the job", schema: "JobAccepted" },
      400: invalid,
      413: problem("Body over `BODY_LIMIT_MB`"),
      415: problem("Body not JSON"),
      422: problem("Idempotency-Key already used with another body"),
    },
  },
  {
    method: "get",
    path: "/v1/jobs",
    summary: "List jobs, newest first",
    role: "any",
    query: [
      { name: "status", description: "queued, active, completed, failed or cancelled" },
      { name: "scenarioId", description: "Only jobs of this scenario" },
      { name: "limit", description: "1 to 100, default 20" },
      { name: "cursor", description: "`next` of the previous page" },
    ],
    responses: { 200: { description: "A page", schema: "JobPage" }, 400: invalid },
  },
  { method: "get", path: "/v1/jobs/{id}", summary: "A job: status, progress, summary", role: "any", responses: { 200: { description: "The job", schema: "Job" }, 404: unknownJob } },
  {
    method: "delete",
    path: "/v1/jobs/{id}",
    summary: "Cancel a queued or running job",
    role: "officer",
    responses: { 200: { description: "The job, now cancelled", schema: "Job" }, 404: unknownJob, 409: problem("The job has already completed or failed") },
  },
  {
    method: "get",
    path: "/v1/jobs/{id}/plan",
    summary: "The plan of a completed job (MODEL.md), or CSV with `Accept: text/csv` or `?format=csv`",
    role: "any",
    query: [{ name: "format", description: "json or csv; overrides Accept" }],
    responses: {
      200: { description: "The plan (application/json) or its placements (text/csv: employee, agency, group, tower, unit, floor, wave, moveDate, persons)" },
      404: unknownJob,
      409: problem("The job has not completed"),
    },
  },
  {
    method: "get",
    path: "/v1/jobs/{id}/events",
    summary: "Server-Sent Events: `progress` (the progress object) and `status` (the job) as they happen; ends after the final status",
    role: "any",
    responses: { 200: { description: "text/event-stream", type: "text/event-stream" }, 404: unknownJob },
  },
  { method: "get", path: "/v1/models", summary: "The policy presets a job's `model` may name", role: "any", responses: { 200: { description: "Presets", schema: "Models" } } },
  {
    method: "post",
    path: "/v1/validate",
    summary: "Validate a scenario and count what it holds; nothing is stored",
    role: "any",
    body: "ValidateRequest",
    responses: { 200: { description: "Valid", schema: "ValidateAnswer" }, 400: invalid },
  },
  { method: "get", path: "/healthz", summary: "200 while the process runs", role: "public", responses: { 200: { description: "Alive" } } },
  {
    method: "get",
    path: "/readyz",
    summary: "200 when Redis answers and a worker was seen in the last 30 s",
    role: "public",
    responses: { 200: { description: "Ready", schema: "Ready" }, 503: problem("Not ready, with the reason") },
  },
  { method: "get", path: "/metrics", summary: "Prometheus metrics", role: "any", responses: { 200: { description: "Prometheus text", type: "text/plain" } } },
  { method: "get", path: "/v1/openapi.json", summary: "This document", role: "public", responses: { 200: { description: "OpenAPI 3.1" } } },
  { method: "get", path: "/docs", summary: "This document as a page", role: "public", responses: { 200: { description: "HTML", type: "text/html" } } },
  ...PLANNING_OPERATIONS,
];

const SECURITY_NOTE: Record<Operation["role"], string> = {
  public: "No key needed.",
  any: "Any key (every role may read).",
  officer: "Role officer or above.",
  planner: "Role planner or above.",
  admin: "Role admin.",
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "ikn-allocator",
      version: "1",
      description: "Allocates relocating civil servants to IKN housing. Scenarios and plans follow MODEL.md; errors are application/problem+json.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
      schemas: { ...componentSchemas(REQUEST_SCHEMAS, "input"), ...componentSchemas(ANSWER_SCHEMAS, "output") },
    },
    paths: paths(OPERATIONS),
  };
}

function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  // Shared parts get names of their own, so that no schema refers into another.
  if (io === "input") registry.add(ScenarioShapeSchema, { id: "Scenario" });
  registry.add(PolicyInputSchema, { id: io === "input" ? "PolicyInput" : "Policy" });
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  if ("__shared" in out) throw new Error("an OpenAPI schema refers into another: give the shared part an id");
  return Object.fromEntries(Object.entries(out).map(([id, schema]) => [id, withoutMeta(schema)]));
}

function withoutMeta(schema: object): object {
  const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function paths(operations: Operation[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...(op.query ?? []).map((q) => ({ name: q.name, in: "query", required: false, description: q.description, schema: { type: "string" } })),
      ...(op.headers ?? []).map((h) => ({ name: h.name, in: "header", required: false, description: h.description, schema: { type: "string" } })),
    ];
    (out[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: SECURITY_NOTE[op.role],
      ...(op.role === "public" ? { security: [] } : { security: [{ bearer: [] }, { apiKey: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { [r.type ?? "application/json"]: { schema: ref(r.schema) } } } : {}) },
        ]),
      ),
    };
  }
  return out;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

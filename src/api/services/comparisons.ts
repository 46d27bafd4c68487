import type { FlowProducer } from "bullmq";
import { ScenarioIndex, isPlainObject, parseFields, type Plan, type Scenario } from "../../domain/index.js";
import { comparisonRow, type ComparisonRow, type VariantColumn } from "../../plan/compare.js";
import { diffPlans, type PlanDiff } from "../../plan/diff.js";
import { checkVariants } from "../../plan/variants.js";
import { submitComparison, type FlowDeps } from "../../queue/comparison-flow.js";
import type { ComparisonRecord, ComparisonVariantRecord } from "../../store/comparisons.js";
import { isTerminal } from "../../store/jobs-record.js";
import type { ScenarioStore } from "../../store/scenarios.js";
import { conflict, invalidInput, notFound, Problem } from "../problem.js";
import { ComparisonRequestSchema } from "../schemas-planning.js";
import type { JobsService } from "./jobs.js";
import { requestedScenario } from "./scenario-source.js";

export type ComparisonStatus = "queued" | "running" | "completed";

export interface ComparisonView {
  id: string;
  status: ComparisonStatus;
  scenarioId: string;
  scenarioVersion?: number;
  createdAt: string;
  finishedAt?: string;
  variants: (VariantColumn & { jobId: string })[];
  links: { self: string; diff: string };
}

export interface ComparisonsServiceDeps extends FlowDeps {
  scenarios: ScenarioStore;
  jobs: JobsService;
  flows: FlowProducer;
}

/** The comparisons of API.md, free of HTTP: submit, the side-by-side table, the diff of two variants. */
export class ComparisonsService {
  constructor(private readonly deps: ComparisonsServiceDeps) {}

  async submit(body: unknown): Promise<ComparisonRecord> {
    const { issues, valid } = parseFields(ComparisonRequestSchema, body ?? {});
    const request = isPlainObject(body) ? body : {};
    // Every check runs on the fields that are valid, so that one answer lists every problem.
    const named = checkVariants(request.variants, this.deps.config.queue.maxTimeLimitSeconds);
    issues.push(...named.issues);
    const source = await requestedScenario(request, valid, this.deps.scenarios, issues);
    if (issues.length || !source || !named.variants) throw invalidInput(issues);
    return submitComparison(this.deps, this.deps.flows, source.scenario, source.version, named.variants);
  }

  async view(id: string): Promise<ComparisonView> {
    const record = await this.record(id);
    const rows = await this.deps.comparisons.rows(id);
    const variants = [];
    for (const v of record.variants) variants.push(await this.column(record, v, rows.get(v.name)));
    return {
      id,
      status: comparisonStatus(variants.map((v) => v.jobStatus)),
      scenarioId: record.scenarioId,
      ...(record.scenarioVersion !== undefined ? { scenarioVersion: record.scenarioVersion } : {}),
      createdAt: record.createdAt,
      ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
      variants: variants.map((v) => v.column),
      links: links(id),
    };
  }

  /** API.md's diff of variants `a` and `b` (default: the first two). */
  async diff(id: string, query: { a?: unknown; b?: unknown }): Promise<PlanDiff & { a: string; b: string }> {
    const record = await this.record(id);
    const pick = (key: "a" | "b", fallback: ComparisonVariantRecord | undefined) => {
      const name = query[key];
      if (name === undefined) {
        if (!fallback) throw invalidInput([{ path: [key], message: "required: the comparison has fewer than two variants to default to" }]);
        return fallback;
      }
      const variant = record.variants.find((v) => v.name === name);
      if (!variant) throw invalidInput([{ path: [key], message: `no variant "${String(name)}"; variants are ${record.variants.map((v) => v.name).join(", ")}` }]);
      return variant;
    };
    const [a, b] = [pick("a", record.variants[0]), pick("b", record.variants[1])];
    const [planA, planB] = await Promise.all([this.planOf(a), this.planOf(b)]);
    const index = new ScenarioIndex(planA.scenario);
    return { a: a.name, b: b.name, ...diffPlans({ plan: planA.plan, index }, { plan: planB.plan, index }) };
  }

  private async record(id: string): Promise<ComparisonRecord> {
    const record = await this.deps.comparisons.get(id);
    if (!record) throw notFound(`no comparison ${id}`);
    return record;
  }

  /** A variant's column: its plan's numbers once its job completed (worked out once, then kept), else its job's status. */
  private async column(record: ComparisonRecord, v: ComparisonVariantRecord, cached: ComparisonRow | undefined) {
    const job = await this.deps.jobs.view(v.jobId).catch((err: unknown) => {
      if (err instanceof Problem && err.status === 404) return { status: "failed" as const, error: `job ${v.jobId} has expired` };
      throw err;
    });
    if (job.status !== "completed") {
      const column = { name: v.name, jobId: v.jobId, status: job.status, objective: null, commonObjective: null, bound: null, gap: null, timeMs: null };
      return { jobStatus: job.status, column: job.error ? { ...column, error: job.error } : column };
    }
    let row = cached;
    if (!row) {
      const { plan, scenario } = await this.planOf(v);
      row = comparisonRow(scenario, plan);
      await this.deps.comparisons.saveRow(record.id, v.name, row);
    }
    return { jobStatus: job.status, column: { name: v.name, jobId: v.jobId, ...row } };
  }

  private async planOf(v: ComparisonVariantRecord): Promise<{ plan: Plan; scenario: Scenario }> {
    const { planJson, scenarioJson } = await this.deps.jobs.plan(v.jobId).catch((err: unknown) => {
      if (err instanceof Problem && err.status === 409) throw conflict(`variant "${v.name}" has no plan yet: ${err.detail}`);
      throw err;
    });
    const scenario = await scenarioJson();
    if (scenario === null) throw new Problem(410, "Gone", `the scenario of job ${v.jobId} has expired`);
    return { plan: JSON.parse(planJson) as Plan, scenario: JSON.parse(scenario) as Scenario };
  }
}

/** API.md: `completed` once every variant has ended, whatever the outcome; `queued` while none has started. */
function comparisonStatus(jobStatuses: string[]): ComparisonStatus {
  if (jobStatuses.every((s) => isTerminal(s as Parameters<typeof isTerminal>[0]))) return "completed";
  return jobStatuses.every((s) => s === "queued") ? "queued" : "running";
}

export function links(id: string) {
  return { self: `/v1/comparisons/${id}`, diff: `/v1/comparisons/${id}/diff` };
}

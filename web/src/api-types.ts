// Answer shapes of ../shared/API.md, as the console reads them.
import type { Plan } from "../../src/domain/plan.js";
import type { PolicyInput } from "../../src/domain/policy.js";
import type { ScenarioSummary } from "../../src/domain/summary.js";

export type { Plan, PolicyInput, ScenarioSummary };
export type Role = "officer" | "planner" | "admin";
export type JobStatus = "queued" | "active" | "completed" | "failed" | "cancelled";
export type SolverChoice = "auto" | "highs" | "jslp";
export const SOLVERS: readonly SolverChoice[] = ["auto", "highs", "jslp"];

export interface Whoami {
  role: Role;
  localMode: boolean;
}

export interface ProblemIssue {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemIssue[];
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface Progress {
  phase: string;
  percent: number;
  incumbent?: number;
  bound?: number;
}

export interface JobSummary {
  status: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solver: string;
  placed: number;
  unplaced: number;
  timeMs: number;
}

export interface Job {
  id: string;
  status: JobStatus;
  scenarioId: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  progress?: Progress;
  summary?: JobSummary;
  error?: string;
  links: Record<string, string>;
}

export interface Preset {
  name: string;
  description: string;
  policy: PolicyInput;
}

export type ValidateAnswer = { valid: true; summary: ScenarioSummary };

export interface StoredScenarioItem {
  id: string;
  version: number;
  createdAt: string;
  employees: number;
}

export interface Variant {
  name?: string;
  solver?: SolverChoice;
  model?: string;
  policy?: PolicyInput;
  timeLimitSeconds?: number;
}

export interface ComparisonVariant {
  name: string;
  jobId: string;
  status: string;
  objective: number | null;
  commonObjective: number | null;
  bound: number | null;
  gap: number | null;
  timeMs: number | null;
  [more: string]: unknown;
}

export interface Comparison {
  id: string;
  status: "queued" | "running" | "completed";
  scenarioId?: string;
  variants: ComparisonVariant[];
}

export interface AgencyDiffCounts {
  onlyInA: number;
  onlyInB: number;
  movedWave: number;
  movedTower: number;
}

export interface PlanDiff {
  a: string;
  b: string;
  onlyInA: string[];
  onlyInB: string[];
  movedWave: string[];
  movedTower: string[];
  byAgency: Record<string, AgencyDiffCounts>;
}

export interface Schedule {
  id: string;
  cron: string;
  timezone: string;
  scenarioId: string;
  variants?: Variant[];
  pinBefore?: string;
  createdAt?: string;
  nextRunAt?: string;
  deletedAt?: string;
}

export interface ChangeReport {
  newlyPlaced: string[];
  noLongerPlaced: string[];
  movedWave: string[];
  movedTower: string[];
  objectiveChange: number | null;
}

export interface ScheduleRun {
  runAt: string;
  jobId?: string;
  comparisonId?: string;
  scenarioVersion?: number;
  /** Placements of the previous run pinned into this one. */
  pinned?: number;
  changes?: ChangeReport;
  error?: string;
}

import {
  PRIORITY_TIERS,
  SCHOOL_LEVELS,
  ScenarioIndex,
  isFamily,
  persons,
  scenarioPolicy,
  schoolNeeds,
  type Plan,
  type PlanStatus,
  type Scenario,
  type SchoolLevel,
} from "../domain/index.js";
import { relativeGap } from "../solvers/bound.js";
import { checkPlan } from "./check.js";

/** One variant's column of a comparison: what its plan does with the scenario, in numbers. */
export interface ComparisonRow {
  status: PlanStatus;
  /** Under the variant's own policy (the plan's recorded `policy`, else the scenario's). */
  objective: number | null;
  /** The same placements scored under the scenario's own policy, so that variants share one scale. */
  commonObjective: number | null;
  bound: number | null;
  gap: number | null;
  timeMs: number;
  solver: string;
  placed: number;
  personsPlaced: number;
  /** Employees placed per agency priority tier, "1" to "5". */
  byPriority: Record<string, number>;
  byGroup: Record<string, number>;
  byWave: Record<string, number>;
  familiesHoused: number;
  singlesHoused: number;
  unplaced: number;
  unplacedReasons: Record<string, number>;
  schoolSeats: Record<SchoolLevel, number>;
  /** Mean over placed employees of the travel minutes between unit zone and office zone; null when nobody is placed. */
  averageCommuteMinutes: number | null;
}

/**
 * The plan's column of a comparison. Both objectives are the checker's recomputation from the
 * placements: `objective` under the policy the plan records (else the scenario's), `commonObjective`
 * under the scenario's own, as a score only (a variant that changed `sharing` is not re-judged by it).
 */
export function comparisonRow(scenario: Scenario, plan: Plan): ComparisonRow {
  const solved = plan.status !== "infeasible";
  const objective = solved ? checkPlan(scenario, plan).objective : null;
  return {
    status: plan.status,
    objective,
    commonObjective: solved ? checkPlan(scenario, plan, scenarioPolicy(scenario)).objective : null,
    bound: plan.bound,
    gap: objective === null || plan.bound === null ? null : relativeGap(objective, plan.bound),
    timeMs: plan.solver.timeMs,
    solver: plan.solver.name,
    ...placementCounts(scenario, plan),
    unplaced: plan.unplaced.length,
    unplacedReasons: countBy(plan.unplaced.map((u) => u.reason)),
  };
}

type PlacementCounts = Pick<
  ComparisonRow,
  "placed" | "personsPlaced" | "byPriority" | "byGroup" | "byWave" | "familiesHoused" | "singlesHoused" | "schoolSeats" | "averageCommuteMinutes"
>;

function placementCounts(scenario: Scenario, plan: Plan): PlacementCounts {
  const index = new ScenarioIndex(scenario);
  const counts = {
    byPriority: zeroCounts(PRIORITY_TIERS.map(String)),
    byGroup: zeroCounts(scenario.employees.map((e) => e.group)),
    byWave: zeroCounts(scenario.waves.map((w) => w.id)),
    schoolSeats: zeroCounts(SCHOOL_LEVELS) as Record<SchoolLevel, number>,
  };
  let [personsPlaced, familiesHoused, commuteMinutes] = [0, 0, 0];
  for (const p of plan.placements) {
    const employee = index.employee.get(p.employee)!;
    counts.byPriority[String(index.priority(employee))]++;
    counts.byGroup[employee.group]++;
    counts.byWave[p.wave]++;
    personsPlaced += persons(employee);
    if (isFamily(employee)) familiesHoused++;
    const needs = schoolNeeds(employee);
    for (const level of SCHOOL_LEVELS) counts.schoolSeats[level] += needs[level];
    commuteMinutes += index.travelMinutes(index.unitZone(index.unit.get(p.unit)!), index.officeZone(employee));
  }
  const placed = plan.placements.length;
  return {
    placed,
    personsPlaced,
    ...counts,
    familiesHoused,
    singlesHoused: placed - familiesHoused,
    averageCommuteMinutes: placed ? commuteMinutes / placed : null,
  };
}

/** Every key present with 0, in first-seen order, so that all variants' tables have the same columns. */
function zeroCounts(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** A variant's entry in a comparison: its name and status, and its row's numbers once it has a plan (null or absent before). */
export type VariantColumn = { name: string; status: string; jobId?: string; error?: string } & {
  [K in keyof Omit<ComparisonRow, "status">]?: ComparisonRow[K] | null;
};

export type Cell = string | number | null;

/** Rows of metric name → one cell per variant; counts keyed by tier, group, wave, reason or level get a row each. */
export function comparisonTable(columns: VariantColumn[]): { metrics: string[]; cells: Cell[][] } {
  const flat = columns.map(flattenColumn);
  const metrics = [...new Set(flat.flatMap((f) => [...f.keys()]))];
  return { metrics, cells: metrics.map((m) => flat.map((f) => f.get(m) ?? null)) };
}

function flattenColumn(c: VariantColumn): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const put = (key: string, value: Cell | undefined) => cells.set(key, value ?? null);
  const putCounts = (label: string, counts: Record<string, number> | null | undefined) => {
    for (const [k, v] of Object.entries(counts ?? {})) put(`${label} ${k}`, v);
  };
  for (const key of ["status", "objective", "commonObjective", "bound", "gap", "timeMs", "solver", "placed", "personsPlaced"] as const) put(key, c[key]);
  putCounts("priority", c.byPriority);
  putCounts("group", c.byGroup);
  putCounts("wave", c.byWave);
  for (const key of ["familiesHoused", "singlesHoused", "unplaced"] as const) put(key, c[key]);
  putCounts("unplaced:", c.unplacedReasons);
  putCounts("school seats", c.schoolSeats);
  put("averageCommuteMinutes", c.averageCommuteMinutes);
  return cells;
}

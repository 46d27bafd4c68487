import type { Plan } from "../domain/index.js";
import type { PlanSummary } from "../store/jobs-record.js";

/** API.md's job `summary`: the plan's headline numbers. */
export function summarizePlan(plan: Plan): PlanSummary {
  return {
    status: plan.status,
    objective: plan.objective,
    bound: plan.bound,
    gap: plan.solver.gap ?? null,
    solver: plan.solver.name,
    placed: plan.placements.length,
    unplaced: plan.unplaced.length,
    timeMs: plan.solver.timeMs,
  };
}

import type { Scenario } from "../../src/domain/scenario.js";
import { getJson, request } from "./api.js";
import type { Plan } from "./api-types.js";

export interface PlanInputs {
  plan: Plan;
  /** The plan as served, for the JSON download. */
  planText: string;
  scenario: Scenario;
}

let cached: { id: string; inputs: Promise<PlanInputs> } | undefined;

/**
 * The plan and the scenario a job solved, fetched side by side. Kept for the latest job asked for,
 * so the app can start fetching while it still checks the key and loads the plan view's code
 * (a full-scale plan and scenario are 5 MB of JSON); a failed fetch is not kept.
 */
export function planInputs(id: string): Promise<PlanInputs> {
  if (cached?.id === id) return cached.inputs;
  const base = `/v1/jobs/${encodeURIComponent(id)}`;
  const inputs = Promise.all([request(`${base}/plan`).then((r) => r.text()), getJson<Scenario>(`${base}/scenario`)]).then(([planText, scenario]) => ({
    plan: JSON.parse(planText) as Plan,
    planText,
    scenario,
  }));
  const entry = { id, inputs };
  cached = entry;
  inputs.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return inputs;
}

import type { Plan } from "../../src/domain/index.js";
import type { ComparisonView } from "../../src/api/services/comparisons.js";
import type { TestService } from "../helpers/service.js";

/** Creates a comparison and polls it until every variant has ended. */
export async function compareToEnd(service: TestService, request: unknown, timeoutMs: number): Promise<ComparisonView> {
  const created = await service.post("/v1/comparisons", request);
  if (created.status !== 202) throw new Error(`comparison answered ${created.status}: ${JSON.stringify(created.body)}`);
  const path = `/v1/comparisons/${created.body.id as string}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await service.fetch(path)).json()) as ComparisonView;
    if (view.status === "completed") return view;
    if (Date.now() > deadline) throw new Error(`comparison not completed within ${timeoutMs} ms: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function planOfJob(service: TestService, jobId: string): Promise<Plan> {
  return (await (await service.fetch(`/v1/jobs/${jobId}/plan`)).json()) as Plan;
}

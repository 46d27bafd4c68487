import type { Plan, Scenario } from "../../domain/index.js";
import { cutoffDate, pinPrevious } from "../../plan/pin-previous.js";
import { DEFAULT_TIMEZONE } from "../../queue/schedule-queue.js";
import type { JobStore } from "../../store/jobs.js";
import { invalidInput } from "../problem.js";

/**
 * A job request's `pinFrom` and `pinBefore`: the scenario with the placements of job `jobId`'s plan
 * in waves before the cut-off pinned (as a schedule pins its previous run's). `today` is the date in
 * Asia/Makassar, the IKN time zone.
 */
export async function pinFromJob(store: JobStore, scenario: Scenario, jobId: string, pinBefore = "today", now = new Date()): Promise<Scenario> {
  const record = await store.get(jobId);
  const planJson = record?.status === "completed" ? await store.planJson(jobId) : null;
  if (planJson === null) {
    const why = record ? `job ${jobId} is ${record.status}; only a completed job's plan can be pinned` : `no job "${jobId}"`;
    throw invalidInput([{ path: ["pinFrom"], message: why }]);
  }
  return pinPrevious(scenario, (JSON.parse(planJson) as Plan).placements, cutoffDate(pinBefore, DEFAULT_TIMEZONE, now));
}

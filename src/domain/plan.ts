import { z } from "zod";
import { PolicyInputSchema } from "./policy.js";

export const PLAN_STATUSES = ["optimal", "feasible", "infeasible"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PlacementSchema = z.object({ employee: z.string(), unit: z.string(), wave: z.string() });
export type Placement = z.infer<typeof PlacementSchema>;

export const UnplacedSchema = z.object({ employee: z.string(), reason: z.string() });
export type Unplaced = z.infer<typeof UnplacedSchema>;

/** What a solve reports about itself (MODEL.md requires `name` and `timeMs`; the rest is ours). */
export const SolverReportSchema = z
  .object({
    name: z.string(),
    timeMs: z.number(),
    requested: z.string().optional(),
    gap: z.number().nullable().optional(),
    model: z.object({ columns: z.number(), rows: z.number(), nonzeros: z.number(), integers: z.number() }).optional(),
    phasesMs: z.record(z.string(), z.number()).optional(),
    note: z.string().optional(),
  })
  .loose();
export type SolverReport = z.infer<typeof SolverReportSchema>;

/** A plan (MODEL.md "Plan"). */
export const PlanSchema = z
  .object({
    scenarioId: z.string(),
    status: z.enum(PLAN_STATUSES),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    solver: SolverReportSchema,
    placements: z.array(PlacementSchema),
    unplaced: z.array(UnplacedSchema),
    explanation: z.string().optional(),
    /** The resolved policy the solve used (ours, not MODEL.md's); the checker scores the plan under it. */
    policy: PolicyInputSchema.optional(),
  })
  .loose();
export type Plan = z.infer<typeof PlanSchema>;

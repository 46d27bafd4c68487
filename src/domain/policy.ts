import { z } from "zod";

export const PRIORITY_TIERS = [1, 2, 3, 4, 5] as const;
export type PriorityTier = (typeof PRIORITY_TIERS)[number];

/**
 * The largest magnitude of a weight, a price or a travel time: far beyond any policy's points, yet
 * small enough that no placement's value, nor any plan's objective, overflows a float.
 */
const MAGNITUDE_LIMIT = 1e100;

/** A number from `min` to MAGNITUDE_LIMIT (JSON has no infinities; zod refuses them too); `what` starts the messages. */
export function boundedNumber(what: string | undefined, min = -MAGNITUDE_LIMIT) {
  const must = what === undefined ? "must" : `${what} must`;
  return z
    .number({ error: `${must} be a number` })
    .min(min, `${must} be at least ${min === -MAGNITUDE_LIMIT ? "-1e100" : min}`)
    .max(MAGNITUDE_LIMIT, `${must} be at most 1e100`);
}

/** Tier → weight; any subset of tiers "1".."5", merged tier by tier with the defaults. */
export const PriorityWeightsSchema = z
  .object({
    "1": boundedNumber("weight").optional(),
    "2": boundedNumber("weight").optional(),
    "3": boundedNumber("weight").optional(),
    "4": boundedNumber("weight").optional(),
    "5": boundedNumber("weight").optional(),
  })
  .strict();

/** A policy as written by a user: every field optional (MODEL.md "policy"). */
export const PolicyInputSchema = z
  .object({
    priorityWeights: PriorityWeightsSchema.optional(),
    familyBonus: boundedNumber("familyBonus").optional(),
    waitPerDay: boundedNumber("waitPerDay").optional(),
    commutePerMinute: boundedNumber("commutePerMinute").optional(),
    sharing: z.boolean().optional(),
  })
  .strict();
export type PolicyInput = z.infer<typeof PolicyInputSchema>;

/** A policy with every field resolved. */
export interface Policy {
  priorityWeights: Record<PriorityTier, number>;
  familyBonus: number;
  waitPerDay: number;
  commutePerMinute: number;
  sharing: boolean;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  priorityWeights: Object.freeze({ 1: 1000, 2: 700, 3: 500, 4: 350, 5: 250 }),
  familyBonus: 2500,
  waitPerDay: 1,
  commutePerMinute: 2,
  sharing: true,
});

/** Applies `layers` in order over `base`, field by field and `priorityWeights` tier by tier. */
export function resolvePolicy(base: Policy, ...layers: (PolicyInput | undefined)[]): Policy {
  const out: Policy = { ...base, priorityWeights: { ...base.priorityWeights } };
  for (const layer of layers) {
    if (!layer) continue;
    for (const tier of PRIORITY_TIERS) {
      const w = layer.priorityWeights?.[String(tier) as `${PriorityTier}`];
      if (w !== undefined) out.priorityWeights[tier] = w;
    }
    if (layer.familyBonus !== undefined) out.familyBonus = layer.familyBonus;
    if (layer.waitPerDay !== undefined) out.waitPerDay = layer.waitPerDay;
    if (layer.commutePerMinute !== undefined) out.commutePerMinute = layer.commutePerMinute;
    if (layer.sharing !== undefined) out.sharing = layer.sharing;
  }
  return out;
}

/** The policy as a plain input object (for presets, APIs and exports). */
export function policyToInput(policy: Policy): PolicyInput {
  return {
    priorityWeights: Object.fromEntries(PRIORITY_TIERS.map((t) => [String(t), policy.priorityWeights[t]])),
    familyBonus: policy.familyBonus,
    waitPerDay: policy.waitPerDay,
    commutePerMinute: policy.commutePerMinute,
    sharing: policy.sharing,
  };
}

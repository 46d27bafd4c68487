import { z } from "zod";
import { PolicyInputSchema, findPreset, presetNames, validItems, type InputIssue } from "../domain/index.js";
import { SOLVER_CHOICES, type SolveOptions } from "../pipeline/types.js";

/** One way to solve a scenario in a comparison: a solver and/or a policy model, with its time limit. */
export const VariantSchema = z
  .object({
    name: z.string().min(1, "must be a non-empty string").optional(),
    solver: z.enum(SOLVER_CHOICES, { error: `must be one of ${SOLVER_CHOICES.join(", ")}` }).optional(),
    model: z.string().min(1, "must be a non-empty string").optional(),
    policy: PolicyInputSchema.optional(),
    timeLimitSeconds: z.number({ error: "must be a number" }).positive("must be more than 0").optional(),
  })
  .strict();
export type VariantInput = z.infer<typeof VariantSchema>;
export type Variant = VariantInput & { name: string };

export const VariantListSchema = z.array(VariantSchema).min(1, "must list at least one variant");

/**
 * Gives every variant a name (the one asked for, else its solver and model, e.g. `jslp+families-first`)
 * and reports unknown models, repeated names and time limits above `maxTimeLimitSeconds`, each with
 * its index in the list.
 */
export function nameVariants(variants: VariantInput[], maxTimeLimitSeconds = Infinity): { variants: Variant[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const taken = new Set(variants.flatMap((v) => (v.name === undefined ? [] : [v.name])));
  const seen = new Set<string>();
  const named = variants.map((v, i) => {
    if (v.model !== undefined && !findPreset(v.model)) {
      issues.push({ path: [i, "model"], message: `unknown model "${v.model}" (known: ${presetNames().join(", ")})` });
    }
    if (v.timeLimitSeconds !== undefined && v.timeLimitSeconds > maxTimeLimitSeconds) {
      issues.push({ path: [i, "timeLimitSeconds"], message: `must be at most ${maxTimeLimitSeconds}` });
    }
    if (v.name !== undefined && seen.has(v.name)) issues.push({ path: [i, "name"], message: `name "${v.name}" is used by an earlier variant` });
    const name = v.name ?? freeName(defaultName(v), taken);
    seen.add(name);
    taken.add(name);
    return { ...v, name };
  });
  return { variants: named, issues };
}

/**
 * A request's variants (`input`, as sent) named by `nameVariants`, its issues under `variants`. A list
 * that fails its schema has no names, only the issues of its items whose own shape is valid (at
 * their index), so that they come in one answer with its shape problems: a name repeated among
 * those items is reported, one that repeats an invalid item's name once that item is fixed.
 */
export function checkVariants(input: unknown, maxTimeLimitSeconds: number): { variants?: Variant[]; issues: InputIssue[] } {
  const under = (issues: InputIssue[]) => issues.map((i) => ({ ...i, path: ["variants", ...i.path] }));
  const list = VariantListSchema.safeParse(input);
  if (list.success) {
    const named = nameVariants(list.data, maxTimeLimitSeconds);
    return { variants: named.variants, issues: under(named.issues) };
  }
  const items = validItems(VariantSchema, input);
  const { issues } = nameVariants(items.map((i) => i.value), maxTimeLimitSeconds);
  return { issues: under(issues.map(({ path: [at, ...rest], message }) => ({ path: [items[at as number].index, ...rest], message }))) };
}

export function variantSolveOptions(v: Variant): SolveOptions {
  return { solver: v.solver, model: v.model, policy: v.policy, timeLimitSeconds: v.timeLimitSeconds };
}

function defaultName(v: VariantInput): string {
  return [v.solver ?? "auto", v.model, v.policy && "policy"].filter(Boolean).join("+");
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}#${n}`)) n++;
  return `${base}#${n}`;
}

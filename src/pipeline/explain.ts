import type { AllocationModel } from "../model/build.js";
import { NO_PLACEMENT_REASONS, isSumRow } from "../model/build.js";
import type { IntegerProgram, Row } from "../model/program.js";
import { runBackend } from "../solvers/run.js";

/** Whether a program has any feasible solution (objective ignored). */
async function feasible(p: IntegerProgram, signal?: AbortSignal): Promise<boolean> {
  const zero: IntegerProgram = { ...p, offset: 0, columns: p.columns.map((c) => ({ ...c, cost: 0 })) };
  const r = await runBackend("highs", zero, { gap: 1, seed: 0, signal });
  if (r.status === "stopped") throw new Error(`infeasibility analysis stopped: ${r.reason}`);
  return r.status === "solution";
}

const countRowOf = (k: number) => `count_${k}`;

/** Only the mustMove members of the given classes are required; nobody else need be placed. */
function requireOnly(model: AllocationModel, required: Set<number>): IntegerProgram {
  const p = model.program;
  const rows = p.rows.map((r): Row => {
    const k = model.classes.findIndex((_, i) => r.name === countRowOf(i));
    if (k < 0) return r;
    const m = required.has(k) ? model.classes[k].mustMove.length : 0;
    return { ...r, lower: m, upper: m };
  });
  return { ...p, rows };
}

function mustMoveNames(model: AllocationModel, classes: Iterable<number>): string[] {
  return [...classes].flatMap((k) => model.classes[k].mustMove.map((e) => e.id));
}

/** Employees that must move but have no possible placement at all, with the reason. */
export function explainUnplaceable(model: AllocationModel): string | undefined {
  const lines = model.unplaceable
    .filter(({ cls }) => model.classes[cls].mustMove.length > 0)
    .map(({ cls, reason }) => `${mustMoveNames(model, [cls]).join(", ")}: ${NO_PLACEMENT_REASONS[reason]}`);
  return lines.length ? `mustMove employees cannot be placed. ${lines.join("; ")}.` : undefined;
}

/**
 * Names a smallest set of mustMove employees that cannot all be placed together and the resources
 * they compete for: a deletion filter over mustMove classes, then over the rows that bind them.
 */
export async function explainConflict(model: AllocationModel, signal?: AbortSignal): Promise<string> {
  const required = new Set(model.classes.flatMap((c, k) => (c.mustMove.length > 0 ? [k] : [])));
  if (await feasible(requireOnly(model, required), signal)) {
    return "no plan satisfies the hard constraints together with the pinned placements";
  }
  for (const k of [...required]) {
    required.delete(k);
    if (await feasible(requireOnly(model, required), signal)) required.add(k);
  }
  const core = requireOnly(model, required);
  const binding: string[] = [];
  for (let i = 0; i < core.rows.length; i++) {
    const row = core.rows[i];
    if (row.name.startsWith("count_") || isSumRow(row)) continue;
    const without = { ...core, rows: core.rows.filter((_, j) => j !== i) };
    if (await feasible(without, signal)) binding.push(row.label);
  }
  const who = mustMoveNames(model, required);
  const why = binding.length ? `binding: ${binding.join("; ")}` : "no single resource explains it: several capacities bind together";
  return `mustMove employees ${who.join(", ")} cannot all be placed (${why}).`;
}

import { availableParallelism } from "node:os";
import type { Policy, Scenario } from "../domain/index.js";
import { NO_PLACEMENT_REASONS, buildModel, isSumRow, type AllocationModel } from "../model/build.js";
import { restrictColumns, type IntegerProgram, type Row } from "../model/program.js";
import { runBackend } from "../solvers/run.js";

type Feasibility = "feasible" | "infeasible" | "undecided";

/**
 * Branch-and-bound nodes each feasibility question may take. Proving that a program slightly short of
 * capacity has no integer solution can take HiGHS seconds of branching where its LP has one; past this
 * limit the question is left undecided, and the analysis concludes nothing from it (a count of work, not
 * of time, so that the same scenario always gets the same explanation).
 */
const MAX_NODES = 100;

export interface ExplainOptions {
  signal?: AbortSignal;
  /** Wall-clock time (ms since the epoch) after which questions are left undecided: the solve's time limit. */
  deadline?: number;
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
 * Names a set of mustMove employees that cannot all be placed together and the capacities they
 * compete for: a deletion filter over mustMove classes (a class is left out only where the rest is
 * proven infeasible without it), then over the rows (a row is named only where the set is proven
 * feasible without it). Each question is bounded (`MAX_NODES`; the deadline, of which the employees
 * get half the time left and the capacities the rest); where all are decided
 * the set is minimal and every capacity that binds alone is named. The model used has every capacity
 * as a row only, so that removing a row removes its capacity.
 */
export async function explainConflict(scenario: Scenario, policy: Policy, options: ExplainOptions = {}): Promise<string> {
  const model = buildModel(scenario, { policy, capacitiesAsRowsOnly: true });
  // Half the time left goes to the employees at most, so that the capacities get the rest.
  const halfway = options.deadline === undefined ? undefined : (Date.now() + options.deadline) / 2;
  const classQuestions = new Questions({ ...options, deadline: halfway });
  const required = new Set(model.classes.flatMap((c, k) => (c.mustMove.length > 0 ? [k] : [])));
  const requireOnly = requirer(model);
  if ((await classQuestions.ask(requireOnly(required))) === "feasible") {
    return "no plan satisfies the hard constraints together with the pinned placements";
  }
  await leaveOutUnneeded(required, (classes) => classQuestions.ask(requireOnly(classes)));
  const core = requireOnly(required);
  const capacities = core.rows.flatMap((row, i) => (row.name.startsWith("count_") || isSumRow(row) ? [] : [i]));
  const rowQuestions = new Questions(options);
  const binding = (await rowsBindingAlone(core, capacities, rowQuestions)).map((i) => core.rows[i].label);
  const why = binding.length
    ? `binding: ${binding.join("; ")}`
    : rowQuestions.undecided
      ? "no single capacity was shown to explain it"
      : "no single resource explains it: several capacities bind together";
  const cut =
    classQuestions.pastDeadline || rowQuestions.pastDeadline
      ? " The analysis reached the time limit: the set may not be the smallest, and other capacities may bind."
      : "";
  return `mustMove employees ${mustMoveNames(model, required).join(", ")} cannot all be placed (${why}).${cut}`;
}

/**
 * The deletion filter over the mustMove classes: each class is left out of `required` where the
 * others are proven infeasible without it. Two classes are asked about at once (`QUESTIONS_AT_ONCE`):
 * the answer about the second holds where the first stays in, and so does "feasible" where the first
 * was left out (fewer employees to place), so only its other answers are asked again. The set is the
 * one a filter asking about one class at a time finds.
 */
export async function leaveOutUnneeded(required: Set<number>, ask: (classes: Set<number>) => Promise<Feasibility>): Promise<void> {
  const order = [...required];
  const without = (k: number) => new Set([...required].filter((j) => j !== k));
  for (let i = 0; i < order.length; ) {
    const [first, second] = [order[i], order[i + 1]];
    const [answer, next] = await Promise.all([ask(without(first)), second === undefined ? undefined : ask(without(second))]);
    const leftOut = answer === "infeasible";
    if (leftOut) required.delete(first);
    if (leftOut && next !== "feasible") {
      i += 1;
      continue;
    }
    if (next === "infeasible") required.delete(second);
    i += 2;
  }
}

/** Questions asked at once: on the 2-core machine measured, one per core (docs/formulation.md). */
const QUESTIONS_AT_ONCE = Math.min(2, availableParallelism());

/**
 * Feasibility questions to HiGHS (of programs with a zero objective), at most `QUESTIONS_AT_ONCE`
 * at a time, remembering whether any was left undecided.
 */
class Questions {
  undecided = false;
  pastDeadline = false;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: ExplainOptions) {}

  async ask(p: IntegerProgram): Promise<Feasibility> {
    if (this.running < QUESTIONS_AT_ONCE) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      const answer = await this.answer(p);
      this.undecided ||= answer === "undecided";
      return answer;
    } finally {
      // The slot passes to the next question waiting, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async answer(p: IntegerProgram): Promise<Feasibility> {
    const { signal, deadline } = this.options;
    const timeLimitMs = deadline === undefined ? undefined : deadline - Date.now();
    if (timeLimitMs !== undefined && timeLimitMs <= 0) {
      this.pastDeadline = true;
      return "undecided";
    }
    const r = await runBackend("highs", p, { gap: 1, seed: 0, signal, maxNodes: MAX_NODES, timeLimitMs });
    if (r.status === "solution") return "feasible";
    if (r.status === "infeasible") return "infeasible";
    if (signal?.aborted) throw new Error(`infeasibility analysis stopped: ${r.reason}`);
    return "undecided";
  }
}

/**
 * The model's program with a zero objective (feasibility alone is asked) in which only the mustMove
 * members of the given classes must be placed, and nobody else may be: the other classes' columns
 * are left out, which spares HiGHS's presolve most of a large model on every question.
 */
function requirer(model: AllocationModel): (required: Set<number>) => IntegerProgram {
  const zero: IntegerProgram = { ...model.program, offset: 0, columns: model.program.columns.map((c) => ({ ...c, cost: 0 })) };
  const classOfRow = new Map(model.classes.map((_, k) => [`count_${k}`, k]));
  const classOfColumn = new Int32Array(model.program.columns.length).fill(-1);
  for (const p of model.placements) classOfColumn[p.column] = p.cls;
  model.levelColumns.forEach((columns, k) => columns.forEach((j) => (classOfColumn[j] = k)));
  return (required) => {
    const rows = zero.rows.map((r): Row => {
      const k = classOfRow.get(r.name);
      if (k === undefined) return r;
      const m = required.has(k) ? model.classes[k].mustMove.length : 0;
      return { ...r, lower: m, upper: m };
    });
    return restrictColumns({ ...zero, rows }, (j) => classOfColumn[j] < 0 || required.has(classOfColumn[j])).program;
  };
}

/**
 * The rows among `candidates` without any one of which `p` is proven feasible, in program order.
 * Group tests: if `p` without a whole group is still infeasible, so it is without any one of its rows
 * (fewer rows removed, fewer solutions), and the group is done with; else it is halved, the halves
 * tested side by side. Where few rows bind alone, far fewer questions than one per row.
 */
async function rowsBindingAlone(p: IntegerProgram, candidates: number[], questions: Questions): Promise<number[]> {
  const binding: number[] = [];
  const test = async (group: number[]): Promise<void> => {
    const removed = new Set(group);
    const answer = await questions.ask({ ...p, rows: p.rows.filter((_, i) => !removed.has(i)) });
    if (answer === "infeasible") return;
    if (group.length === 1) {
      if (answer === "feasible") binding.push(group[0]);
      return;
    }
    const half = Math.ceil(group.length / 2);
    await Promise.all([test(group.slice(0, half)), test(group.slice(half))]);
  };
  if (candidates.length > 0) await test(candidates);
  return binding.sort((a, b) => a - b);
}

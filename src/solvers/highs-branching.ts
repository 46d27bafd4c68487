import type { Highs } from "highs";
import { maxViolation, objectiveOf, relaxation, type IntegerProgram } from "../model/program.js";
import { objectiveKind, provenWithin, type ObjectiveKind } from "./bound.js";
import { cutActivity, gomoryCuts, separatorInput, type Cut, type LpRow, type SeparatorInput } from "./gomory.js";
import { costsForHighs, highsBound, toHighsModel } from "./highs-model.js";
import type { BackendHooks, BackendOptions, BackendResult } from "./types.js";

/** An LP value this close to a whole number counts as whole. */
const INTEGRALITY_TOLERANCE = 1e-6;
/** Largest violation of a row or bound allowed in a plan read from an LP with its integer columns rounded. */
const FEASIBILITY_TOLERANCE = 1e-6;
/** Progress is reported on every new plan and at least every this many nodes. */
const REPORT_EVERY_NODES = 25;
/**
 * Rounds of Gomory cuts at the root, and cuts per round (docs/formulation.md, "Cuts at the root"):
 * on `ikn-2024-2k` three rounds prove the optimum at the root, where branching alone took 70 nodes.
 */
const ROOT_CUT_ROUNDS = 3;
const CUTS_PER_ROUND = 20;

type HighsModel = ReturnType<Highs["createModel"]>;

/** A node's LP at its optimum: objective, column values and row activities. */
interface LpOptimum {
  bound: number;
  x: Float64Array;
  activity: Float64Array;
}

interface BoundChange {
  column: number;
  lower: number;
  upper: number;
}

/**
 * A subproblem: the program's bounds with `changes` applied in order; `bound` is its parent's LP
 * objective; `cuts` are those found at its ancestors below the root (`Branching.nodeCuts`), which
 * hold within its bounds.
 */
interface Node {
  changes: BoundChange[];
  cuts: Cut[];
  bound: number;
}

export interface Branching {
  /** One number per column: fractional integer columns of lower priority are branched on first. */
  priority: number[];
  /** Stop once the bound has not fallen for this many nodes. */
  stallNodes: number;
  /** Stop when this many nodes have found no plan. */
  planWithinNodes: number;
  /**
   * Cuts at every node as well, each held by the node's subtree, and a pace: once a plan is known,
   * stop when the bound's fall over the last `window` nodes, kept up, would not prove it within
   * `nodes` nodes in all.
   */
  nodeCuts?: { window: number; nodes: number };
}

/**
 * A best-first branch-and-bound over the LP relaxation of `program`, instead of HiGHS's own MIP
 * search. Every node's LP is solved on one HiGHS model whose column bounds change from node to node,
 * so each starts from the last basis and takes a few dozen simplex iterations. It branches on the
 * fractional integer column of lowest priority, the most fractional of those (ties: lowest index).
 * On the generated 2,000-employee models the LP's gap to the optimum comes from how many households
 * of each size a wave takes (`h_w_p`); branching on those counts first closes it in tens of nodes,
 * where HiGHS's search, branching mostly on placements, took up to seconds (docs/formulation.md).
 * At the root, rounds of Gomory mixed-integer cuts (`gomoryCuts`) bring the LP bound down first; they
 * hold for every plan, and the tight ones stay as rows for the whole search. With `nodeCuts`, each
 * node adds a round of its own, which hold within its bounds and so stay as rows below it only.
 *
 * Exact: a node is dropped only when its LP is infeasible or its bound cannot beat the best plan by
 * more than the gap, and the bound answered is the largest of the nodes left open or dropped for the
 * gap (the root's LP objective after any LP that did not end optimal). Deterministic: the same LPs in
 * the same order on every run (of nodes with equal bounds, the newest first); it stops after counts of
 * nodes (`maxNodes`, `Branching`), or when asked to.
 */
export function branchAndBound(highs: Highs, program: IntegerProgram, options: BackendOptions & { branching: Branching }, hooks: BackendHooks): BackendResult {
  const { program: scaled, scale } = costsForHighs(relaxation(program));
  const lp = highs.createModel(toHighsModel(highs, scaled));
  try {
    // Without presolve, a run after a change of bounds starts from the last basis.
    lp.options.set({ output_flag: false, presolve: "off" });
    return new Search(highs, lp, program, scale, options, hooks).run();
  } finally {
    lp.dispose();
  }
}

class Search {
  private readonly open = new OpenNodes();
  private readonly kind: ObjectiveKind;
  private best?: { values: number[]; objective: number };
  /** The largest bound of the nodes dropped because they cannot beat the best plan by more than the gap. */
  private dropped = -Infinity;
  /** False once an LP ended other than optimal or infeasible: its node's part of the tree is unexplored. */
  private exact = true;
  private rootBound?: number;
  /** Columns whose bounds in the LP differ from the program's, with those bounds. */
  private changed = new Map<number, BoundChange>();
  private nodes = 0;
  private lowestBound = Infinity;
  private lastFall = 0;
  /** The lowest bound taken after each number of nodes, for the pace of `Branching.nodeCuts`. */
  private readonly lowestAfter: number[] = [];
  /** Rows of the LP up to the root's cuts; the node's cuts follow. */
  private rootRows = 0;
  private nodeCutsInLp: Cut[] = [];
  /** The LP's rows as the cut separator reads them: the program's, the root's cuts, then the node's. */
  private readonly lpRows: LpRow[];
  /** The LP's column bounds (the program's with the node's changes) and which columns are integer. */
  private readonly columns: Omit<SeparatorInput, "rows">;

  constructor(
    private readonly highs: Highs,
    private readonly lp: HighsModel,
    private readonly program: IntegerProgram,
    private readonly scale: number,
    private readonly options: BackendOptions & { branching: Branching },
    private readonly hooks: BackendHooks,
  ) {
    this.kind = objectiveKind(program);
    const { rows, ...columns } = separatorInput(program);
    this.columns = columns;
    this.lpRows = rows;
  }

  run(): BackendResult {
    // A plan to start from is a bound to drop nodes by from the first.
    if (this.options.initial) this.offer(this.options.initial);
    this.open.add({ changes: [], cuts: [], bound: Infinity });
    const maxNodes = this.options.maxNodes ?? Infinity;
    while (this.open.size > 0) {
      if (this.nodes >= maxNodes || this.stalled() || this.hooks.shouldStop()) {
        return this.answer(`the branch-and-bound stopped at a limit, after ${this.nodes} nodes, without a plan`);
      }
      const node = this.open.takeBest();
      if (node.bound < this.lowestBound) {
        this.lowestBound = node.bound;
        this.lastFall = this.nodes;
      }
      this.lowestAfter[this.nodes] = this.lowestBound;
      if (this.cannotBeatBest(node.bound)) this.dropped = Math.max(this.dropped, node.bound);
      else this.explore(node);
    }
    if (!this.best && this.exact) return { status: "infeasible" };
    return this.answer("the branch-and-bound found no plan: some of its LPs ended without an answer");
  }

  private stalled(): boolean {
    const { stallNodes, planWithinNodes } = this.options.branching;
    return this.nodes - this.lastFall >= stallNodes || (!this.best && this.nodes >= planWithinNodes) || this.tooSlowToProve();
  }

  /** With cuts at the nodes: at the pace of the bound's fall over the last window of nodes, the best plan would not be proven within the nodes allowed. */
  private tooSlowToProve(): boolean {
    const pace = this.options.branching.nodeCuts;
    if (!pace || !this.best || this.nodes < pace.window) return false;
    const fall = (this.lowestAfter[this.nodes - pace.window] - this.lowestBound) / pace.window;
    const proofLeft = this.lowestBound - (this.best.objective + (this.kind === "integral" ? 1 : 0));
    return fall <= 0 || this.nodes + proofLeft / fall > pace.nodes;
  }

  private explore(node: Node): void {
    this.applyBounds(node.changes);
    this.nodes++;
    if (this.nodes % REPORT_EVERY_NODES === 0) this.report();
    const root = node.changes.length === 0;
    if (!root) this.setNodeCuts(node.cuts);
    let optimum = root ? this.cutRoot() : this.solveLp();
    let cuts = node.cuts;
    if (optimum && !root && this.options.branching.nodeCuts) ({ optimum, cuts } = this.cutNode(optimum, node.cuts));
    if (!optimum) return;
    const { bound, x } = optimum;
    const column = this.branchingColumn(x);
    if (column === undefined) {
      if (!this.offer(x)) this.exact = false;
      // The node is closed by its own plan, whose objective its bound may exceed by rounding only.
      this.dropped = Math.max(this.dropped, bound);
      return;
    }
    const { lower, upper } = this.boundsOf(column);
    this.open.add({ changes: [...node.changes, { column, lower, upper: Math.floor(x[column]) }], cuts, bound });
    this.open.add({ changes: [...node.changes, { column, lower: Math.ceil(x[column]), upper }], cuts, bound });
  }

  /**
   * Solves the LP at the current bounds. Undefined when that closes the node: its LP is infeasible,
   * ended other than optimal (its part of the tree unexplored), or cannot beat the best plan.
   */
  private solveLp(): LpOptimum | undefined {
    this.lp.run();
    const status = this.lp.getModelStatus();
    if (status === this.highs.constants.modelStatus.infeasible) return undefined;
    if (status !== this.highs.constants.modelStatus.optimal) {
      this.exact = false;
      return undefined;
    }
    const bound = this.lp.getObjectiveValue() / this.scale;
    this.rootBound ??= bound;
    if (this.cannotBeatBest(bound)) {
      this.dropped = Math.max(this.dropped, bound);
      return undefined;
    }
    const { colValue, rowValue } = this.lp.getSolution();
    return { bound, x: colValue, activity: rowValue };
  }

  /**
   * The root's LP after rounds of Gomory cuts (`gomoryCuts`), each added as a row and the LP solved
   * again, while its solution has fractional integer columns and the rounds find cuts. Derived at the
   * program's own bounds, the cuts hold for every plan, so they stay for the whole search; those not
   * tight at the end are removed, since each row makes every later LP slower.
   */
  private cutRoot(): LpOptimum | undefined {
    let optimum = this.solveLp();
    for (let round = 0; optimum && round < ROOT_CUT_ROUNDS && this.branchingColumn(optimum.x) !== undefined; round++) {
      const cuts = gomoryCuts({ lp: this.lp, ...this.columns, rows: this.lpRows, ...optimum }, CUTS_PER_ROUND).filter((cut) => this.holdsForBest(cut));
      if (cuts.length === 0) break;
      for (const cut of cuts) this.addCut(cut);
      optimum = this.solveLp();
      if (optimum) this.rootBound = optimum.bound;
    }
    if (optimum) this.dropSlackCuts(optimum.activity);
    this.rootRows = this.lpRows.length;
    return optimum;
  }

  /**
   * One round of cuts at the node's bounds (`Branching.nodeCuts`), the LP solved again with them: its
   * optimum (undefined when that closes the node), and the cuts its children inherit, those the node
   * had and those of the new ones that are tight.
   */
  private cutNode(start: LpOptimum, inherited: Cut[]): { optimum?: LpOptimum; cuts: Cut[] } {
    if (this.branchingColumn(start.x) === undefined) return { optimum: start, cuts: inherited };
    const found = gomoryCuts({ lp: this.lp, ...this.columns, rows: this.lpRows, ...start }, CUTS_PER_ROUND);
    if (found.length === 0) return { optimum: start, cuts: inherited };
    const first = this.lpRows.length;
    this.setNodeCuts([...inherited, ...found]);
    const optimum = this.solveLp();
    const tight = optimum ? found.filter((cut, k) => isTight(cut, optimum.activity[first + k])) : [];
    return { optimum, cuts: [...inherited, ...tight] };
  }

  /**
   * Makes `cuts` the LP's rows after the root's: the rows it shares from the start with those there
   * stay, the rest are replaced (best first moves between subtrees; siblings share their parent's).
   */
  private setNodeCuts(cuts: Cut[]): void {
    let shared = 0;
    while (shared < cuts.length && shared < this.nodeCutsInLp.length && cuts[shared] === this.nodeCutsInLp[shared]) shared++;
    if (this.nodeCutsInLp.length > shared) {
      this.lp.deleteRows({ kind: "range", from: this.rootRows + shared, to: this.lpRows.length - 1 });
      this.lpRows.length = this.rootRows + shared;
    }
    for (const cut of cuts.slice(shared)) this.addCut(cut);
    this.nodeCutsInLp = cuts;
  }

  /** A cut the best plan violates would be a numerical error: such a cut is not used. */
  private holdsForBest(cut: Cut): boolean {
    return !this.best || cutActivity(cut, this.best.values) >= cut.lower - rowTolerance(cut.lower);
  }

  private addCut(cut: Cut): void {
    this.lp.addRow(cut.lower, this.highs.infinity, { indices: cut.indices, values: cut.values });
    this.lpRows.push({ ...cut, upper: Infinity, integral: false });
  }

  /** Removes the cut rows that are not tight at the LP's optimum; their slacks are basic, so the basis stays optimal. */
  private dropSlackCuts(activity: Float64Array): void {
    const first = this.program.rows.length;
    const slack: number[] = [];
    for (let i = first; i < this.lpRows.length; i++) if (!isTight(this.lpRows[i], activity[i])) slack.push(i);
    if (slack.length === 0) return;
    this.lp.deleteRows({ kind: "set", indices: Int32Array.from(slack) });
    const dropped = new Set(slack);
    const kept = this.lpRows.filter((_, i) => !dropped.has(i));
    this.lpRows.length = 0;
    this.lpRows.push(...kept);
  }

  /** The fractional integer column to branch on: lowest priority, then most fractional, then lowest index. */
  private branchingColumn(x: Float64Array): number | undefined {
    const { priority } = this.options.branching;
    let chosen: number | undefined;
    let chosenFraction = 0;
    this.program.columns.forEach((c, j) => {
      if (!c.integer) return;
      const fraction = Math.abs(x[j] - Math.round(x[j]));
      if (fraction <= INTEGRALITY_TOLERANCE) return;
      if (chosen === undefined || priority[j] < priority[chosen] || (priority[j] === priority[chosen] && fraction > chosenFraction)) {
        chosen = j;
        chosenFraction = fraction;
      }
    });
    return chosen;
  }

  /** A solution whole in every integer column, rounded: the best plan when it satisfies the program and is better. False when it does not satisfy it. */
  private offer(x: ArrayLike<number>): boolean {
    const values = this.program.columns.map((c, j) => (c.integer ? Math.round(x[j]) : x[j]));
    if (maxViolation(this.program, values) > FEASIBILITY_TOLERANCE) return false;
    const objective = objectiveOf(this.program, values);
    if (this.best && objective <= this.best.objective) return true;
    this.best = { values, objective };
    this.hooks.onIncumbent(values, objective);
    this.report();
    return true;
  }

  private cannotBeatBest(bound: number): boolean {
    return this.best !== undefined && provenWithin(this.best.objective, bound, this.kind, this.options.gap);
  }

  /** The bound proven so far: the largest of the open and dropped nodes' (the root's once a node was left unexplored). */
  private bound(): number {
    const proven = this.exact ? Math.max(this.dropped, this.open.bestBound(), this.best?.objective ?? -Infinity) : (this.rootBound ?? Infinity);
    return Math.min(proven, this.options.knownBound ?? Infinity);
  }

  private answer(reason: string): BackendResult {
    const bound = this.bound();
    if (this.best) return { status: "solution", values: this.best.values, objective: this.best.objective, bound: Math.max(bound, this.best.objective) };
    return { status: "stopped", ...(Number.isFinite(bound) ? { bound } : {}), reason };
  }

  private report(): void {
    const bound = this.bound();
    this.hooks.onProgress({ incumbent: this.best?.objective, ...(Number.isFinite(bound) ? { bound } : {}) });
  }

  private boundsOf(column: number): { lower: number; upper: number } {
    return this.changed.get(column) ?? this.program.columns[column];
  }

  /** Sets the LP's column bounds to the program's with `changes` applied, touching only columns that differ. */
  private applyBounds(changes: BoundChange[]): void {
    const target = new Map<number, BoundChange>();
    for (const change of changes) target.set(change.column, change);
    for (const column of this.changed.keys()) if (!target.has(column)) this.setBounds(this.program.columns[column], column);
    for (const [column, change] of target) {
      const now = this.changed.get(column);
      if (!now || now.lower !== change.lower || now.upper !== change.upper) this.setBounds(change, column);
    }
    this.changed = target;
  }

  private setBounds({ lower, upper }: { lower: number; upper: number }, column: number): void {
    this.columns.columnLower[column] = lower;
    this.columns.columnUpper[column] = upper;
    this.lp.changeColBounds(column, highsBound(this.highs, lower), highsBound(this.highs, upper));
  }
}

/** The cut's row is at its bound at this activity. */
function isTight(cut: { lower: number }, activity: number): boolean {
  return activity <= cut.lower + rowTolerance(cut.lower);
}

/** How far a row's activity may stand from its bound `at` and count as at it. */
function rowTolerance(at: number): number {
  return FEASIBILITY_TOLERANCE * Math.max(1, Math.abs(at));
}

/** Nodes waiting to be explored, the one of largest bound first; of equal bounds, the newest. */
class OpenNodes {
  /** Ascending by bound, then by order of arrival: the next node is the last. */
  private readonly nodes: Node[] = [];

  get size(): number {
    return this.nodes.length;
  }

  add(node: Node): void {
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.nodes[mid].bound <= node.bound) low = mid + 1;
      else high = mid;
    }
    this.nodes.splice(low, 0, node);
  }

  takeBest(): Node {
    return this.nodes.pop()!;
  }

  bestBound(): number {
    return this.nodes.at(-1)?.bound ?? -Infinity;
  }
}

import type { IntegerProgram, Row } from "../model/program.js";
import type { Branching } from "./highs-branching.js";
import type { Partnership } from "./partner.js";

export const BACKENDS = ["highs", "jslp"] as const;
export type Backend = (typeof BACKENDS)[number];

export interface BackendOptions {
  /** Relative gap at which the solver may stop. */
  gap: number;
  seed: number;
  /** The solver's own time limit; the caller also guards the wall clock from outside. */
  timeLimitMs?: number;
  /**
   * A dual bound proven for this program before the search (HiGHS only; jslp solves to the end): the
   * search stops once its incumbent is within `gap` of it or of its own bound, either rounded down
   * when the objective is integral. HiGHS alone knows neither the earlier bound nor that rounding.
   */
  knownBound?: number;
  /** A feasible integer solution to start from (one value per column). */
  initial?: number[];
  /** HiGHS's presolve (default on). It reduces little on class models and has a fixed cost per run. */
  presolve?: boolean;
  /** HiGHS's primal heuristics (default on). Off when a good plan is known and the proof is what is left. */
  heuristics?: boolean;
  /**
   * HiGHS only: our own best-first branch-and-bound over the LP instead of HiGHS's MIP search
   * (`highs-branching.ts`), branching first on the fractional integer columns of lowest `priority`
   * (one number per column). It solves `maxNodes` LPs at most, and stops once its bound has not
   * fallen for `stallNodes` of them, or when `planWithinNodes` have found no plan.
   */
  branching?: Branching;
  /** Stop after this many branch-and-bound nodes (HiGHS only; 1 is the root alone). */
  maxNodes?: number;
  /** Search the program together with a second HiGHS search on another thread (see `partner.ts`). */
  partner?: Partnership;
  /**
   * Hand back the cuts HiGHS derived at the root (HiGHS without presolve only: with presolve they are
   * rows over the presolved model's columns). They hold for every solution better than the start.
   */
  rootCuts?: boolean;
}

/** What a solve found. `bound` is a proven upper bound on the optimum (maximisation); status comes from the gap. */
export type BackendResult =
  | {
      status: "solution";
      values: number[];
      objective: number;
      bound: number;
      /** Of a pure LP solved by HiGHS: the objective's rate of change per unit of each column at the optimum. */
      reducedCosts?: number[];
      /** The root's cuts, when asked for (`rootCuts`). */
      cuts?: Row[];
    }
  | { status: "infeasible" }
  | { status: "stopped"; bound?: number; reason: string };

/** A result with a solution. */
export type BackendSolution = Extract<BackendResult, { status: "solution" }>;

export interface BackendHooks {
  /** Polled at the solver's checkpoints: true asks it to stop with what it has. */
  shouldStop(): boolean;
  onProgress(p: { incumbent?: number; bound?: number }): void;
  onIncumbent(values: number[], objective: number): void;
}

/** A backend runs synchronously on its own thread; see `runBackend` for the thread around it. */
export type BackendSolve = (program: IntegerProgram, options: BackendOptions, hooks: BackendHooks) => BackendResult;

/** Nothing to decide (nobody can be placed anywhere): solvers report such models as errors or "empty". */
export function solveWithoutColumns(program: IntegerProgram): BackendResult | undefined {
  return program.columns.length === 0 ? { status: "solution", values: [], objective: program.offset, bound: program.offset } : undefined;
}

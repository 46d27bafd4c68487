import type { Policy, PolicyInput } from "../domain/index.js";

export const SOLVER_CHOICES = ["auto", "highs", "jslp"] as const;
export type SolverChoice = (typeof SOLVER_CHOICES)[number];

export const PHASES = ["validating", "building", "solving", "explaining", "disaggregating", "checking"] as const;
export type Phase = (typeof PHASES)[number];

/** A progress report while a scenario is solved (API.md's `progress` object plus elapsed time). */
export interface Progress {
  phase: Phase;
  percent: number;
  elapsedMs: number;
  incumbent?: number;
  bound?: number;
}

/** How to solve a scenario; every field optional, the defaults written next to it. */
export interface SolveOptions {
  /** Backend; `auto` (default) picks by model size and the plan reports the choice. */
  solver?: SolverChoice;
  /** Name of a preset in `models/`, applied over the scenario's policy. */
  model?: string;
  /** Fields applied over the preset (field by field, weights tier by tier). */
  policy?: PolicyInput;
  /** Wall-clock limit of the whole solve in seconds; default none (solve to proof). */
  timeLimitSeconds?: number;
  /** Relative MIP gap at which to stop; default 1e-6 (the tolerance of MODEL.md). */
  gap?: number;
  /** Solver random seed; default 0. The same scenario, options and seed give the same plan. */
  seed?: number;
  /** Aborting stops the solve promptly; the best checked plan so far is returned as `feasible` if any. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export type { Policy };

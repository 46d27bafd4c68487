import { objectiveOf, type IntegerProgram } from "../model/program.js";
import { firstWithinGapOfOptimum, objectiveKind, provenBound, provenWithin, type ObjectiveKind } from "../solvers/bound.js";
import type { FoundPlan } from "../solvers/racer.js";
import type { BackendResult, BackendSolution } from "../solvers/types.js";

/** The best plan of the whole program known so far, and the smallest dual bound proven for it. */
export class Incumbency {
  best?: FoundPlan;
  bound: number;
  /** A MIP search found a plan (not only rounding): the root attempt leaves heuristics off and works on the proof. */
  planFromSearch = false;
  private readonly kind: ObjectiveKind;
  private readonly listeners: ((state: Incumbency) => void)[];

  constructor(
    private readonly program: IntegerProgram,
    lpBound: number,
    onChange: (state: Incumbency) => void,
  ) {
    this.kind = objectiveKind(program);
    this.bound = provenBound(lpBound, this.kind);
    this.listeners = [onChange];
  }

  /** Also tells `listener` of every change from now on. */
  listen(listener: (state: Incumbency) => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener(this);
  }

  plan(values: number[]): FoundPlan {
    return { values, objective: objectiveOf(this.program, values) };
  }

  offer(plan: FoundPlan, fromSearch: boolean): void {
    this.planFromSearch ||= fromSearch;
    if (!this.best || plan.objective > this.best.objective) this.best = plan;
    this.changed();
  }

  lower(bound: number): void {
    const proven = provenBound(bound, this.kind);
    if (proven >= this.bound) return;
    this.bound = proven;
    this.changed();
  }

  /** A program that holds every plan better than the best has none: none exists, so the best is optimal. */
  noneBetter(): void {
    if (this.best) this.lower(this.best.objective);
  }

  /**
   * Takes a stage's plan when it is better, and its dual bound when that holds for the whole program
   * (a stage's program then holds every plan better than the best, so its infeasibility proves the best).
   */
  take(result: BackendResult, toWhole: (values: number[]) => number[], boundHolds: boolean): void {
    if (result.status === "infeasible" && boundHolds) this.noneBetter();
    if (result.status !== "solution") return;
    this.offer(this.plan(toWhole(result.values)), true);
    if (boundHolds) this.lower(result.bound);
  }

  proven(gap: number): boolean {
    return this.best !== undefined && this.proves(this.best, gap);
  }

  /** The bound proven so far puts `plan` within `gap` of the optimum. */
  proves(plan: FoundPlan, gap: number): boolean {
    return provenWithin(plan.objective, this.bound, this.kind, gap);
  }

  /** Of the plans, in their order, the first within `gap` of the optimum once that is known (`firstWithinGapOfOptimum`). */
  firstWithinGapOfOptimum(plans: FoundPlan[], gap: number): FoundPlan | undefined {
    if (!this.best) return undefined;
    const known = { bound: this.bound, best: this.best.objective };
    const at = firstWithinGapOfOptimum(plans.map((plan) => plan.objective), known, this.kind, gap);
    return at === undefined ? undefined : plans[at];
  }

  answer({ values, objective }: FoundPlan): BackendSolution {
    return { status: "solution", values, objective, bound: Math.max(this.bound, objective) };
  }

  /** The best plan as the answer, or the last stage's own result when there is none. */
  answerOr(last: BackendResult): BackendResult {
    return this.best ? this.answer(this.best) : last;
  }
}

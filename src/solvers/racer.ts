import { objectiveOf, type IntegerProgram } from "../model/program.js";
import { runBackend, withStop, type RunOptions } from "./run.js";
import type { BackendResult } from "./types.js";

/** A plan of the whole program with its objective. */
export interface FoundPlan {
  values: number[];
  objective: number;
}

/** What the racer tells its caller as it goes. */
export interface RacerNews {
  /** A plan it found (every one satisfies the program). */
  onPlan(values: number[]): void;
  /** A dual bound it proved for the program. */
  onBound(bound: number): void;
  /** It ended: with its answer, or undefined when it failed. */
  onEnd(result: BackendResult | undefined): void;
}

/**
 * Plain HiGHS (presolve, primal heuristics, the whole program, no start) on a thread of its own,
 * told nothing by anyone. The plans it finds, in the order it finds them, therefore depend on the
 * program and the seed alone, wherever it is stopped, which is what lets a staged search race it
 * without any exchange and still give the same answer on every run (`race` in
 * src/pipeline/warm-start.ts).
 */
export class Racer {
  /** Every plan it found, in the order found. */
  readonly plans: FoundPlan[] = [];
  private readonly stopper = new AbortController();
  private lost = false;
  private resolveEnded!: () => void;
  /** Settles once the racer has ended (never rejects: a failed racer costs only speed). */
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(
    private readonly program: IntegerProgram,
    private readonly options: Pick<RunOptions, "gap" | "seed" | "timeLimitMs" | "signal">,
    private readonly news: RacerNews,
  ) {}

  start(): void {
    const { gap, seed, timeLimitMs, signal } = this.options;
    const onPlan = (values: number[]) => {
      this.plans.push({ values, objective: objectiveOf(this.program, values) });
      this.news.onPlan(values);
    };
    void runBackend("highs", this.program, {
      gap,
      seed,
      timeLimitMs,
      signal: withStop(signal, this.stopper),
      onIncumbent: onPlan,
      onProgress: (p) => p.bound !== undefined && this.news.onBound(p.bound),
    }).then(
      (result) => {
        if (result.status === "solution") onPlan(result.values);
        this.end(result);
      },
      () => {
        this.lost = true;
        this.end(undefined);
      },
    );
  }

  /** It failed, so no plan of it can be waited for. */
  get failed(): boolean {
    return this.lost;
  }

  stop(): void {
    this.stopper.abort();
  }

  private end(result: BackendResult | undefined): void {
    if (result && result.status !== "infeasible" && result.bound !== undefined) this.news.onBound(result.bound);
    this.news.onEnd(result);
    this.resolveEnded();
  }
}

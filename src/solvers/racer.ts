import { objectiveOf, type IntegerProgram } from "../model/program.js";
import { runBackend, withStop, type RunOptions } from "./run.js";
import type { BackendResult } from "./types.js";

/** A plan of the whole program with its objective. */
export interface FoundPlan {
  values: number[];
  objective: number;
}

/** What the racer tells its listener as it goes. */
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
 * program and the seed alone, wherever it is stopped and whenever it was started, which is what lets
 * a staged search race it without any exchange and still give the same answer on every run (`race`
 * in src/pipeline/warm-start.ts). It may run before anyone listens (`tell`).
 */
export class Racer {
  /** Every plan it found, in the order found. */
  readonly plans: FoundPlan[] = [];
  private readonly stopper = new AbortController();
  private readonly killer = new AbortController();
  private lost = false;
  private started = false;
  private bestBound?: number;
  private end?: { result: BackendResult | undefined };
  private news?: RacerNews;
  private resolveEnded!: () => void;
  /** Settles once the racer has ended (never rejects: a failed racer costs only speed). */
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(
    private readonly program: IntegerProgram,
    private readonly options: Pick<RunOptions, "gap" | "seed" | "timeLimitMs" | "signal">,
  ) {}

  /** Starts it, unless it has started already. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { gap, seed, timeLimitMs, signal } = this.options;
    void runBackend("highs", this.program, {
      gap,
      seed,
      timeLimitMs,
      signal: withStop(signal, this.stopper),
      kill: this.killer.signal,
      onIncumbent: (values) => this.found(values),
      onProgress: (p) => p.bound !== undefined && this.proved(p.bound),
    }).then(
      (result) => {
        if (result.status === "solution") this.found(result.values);
        if (result.status !== "infeasible" && result.bound !== undefined) this.proved(result.bound);
        this.finish({ result });
      },
      () => {
        this.lost = true;
        this.finish({ result: undefined });
      },
    );
  }

  /**
   * From now on tells `news` everything: at once what happened so far (its plans in order, its
   * smallest bound, its end), then each event as it comes.
   */
  tell(news: RacerNews): void {
    this.news = news;
    for (const plan of this.plans) news.onPlan(plan.values);
    if (this.bestBound !== undefined) news.onBound(this.bestBound);
    if (this.end) news.onEnd(this.end.result);
  }

  /** It failed, so no plan of it can be waited for. */
  get failed(): boolean {
    return this.lost;
  }

  /** Asks it to stop: HiGHS hands back what it has, which may take a while (it hears a stop only between its sub-MIPs). */
  stop(): void {
    this.stopper.abort();
  }

  /** Ends it at once, its thread terminated (or never started): nothing it found is wanted any more. */
  abandon(): void {
    this.killer.abort();
    if (this.started) return;
    this.started = true;
    this.finish({ result: { status: "stopped", reason: "the racer was abandoned before it started" } });
  }

  private found(values: number[]): void {
    this.plans.push({ values, objective: objectiveOf(this.program, values) });
    this.news?.onPlan(values);
  }

  private proved(bound: number): void {
    if (this.bestBound !== undefined && bound >= this.bestBound) return;
    this.bestBound = bound;
    this.news?.onBound(bound);
  }

  private finish(end: { result: BackendResult | undefined }): void {
    this.end = end;
    this.news?.onEnd(end.result);
    this.resolveEnded();
  }
}

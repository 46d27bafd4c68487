import type { IntegerProgram } from "../model/program.js";
import { PartnerLink, partnerBuffer, type Partnership, type SearchState, type StageOfSearch } from "./partner.js";
import { runBackend, type RunOptions } from "./run.js";
import type { BackendResult } from "./types.js";

/**
 * LP iterations per epoch: of the stages that precede branch and bound (the neighbourhood and the
 * root attempt), of the last stage's branch and bound, and of the racer. They need not be equal:
 * each side's epochs end at points of its own work, which is what keeps the answer independent of
 * the threads' speeds. The first stages do few LP iterations a second (cut rounds, small programs):
 * short epochs there let them see sooner that the racer has finished, and keep the racer from
 * waiting for them at every epoch. In the last stage it is often the stages' own search that proves
 * the plan, and longer epochs there hold it back less at the racer's pace.
 */
export interface RaceEpochs {
  firstStages: number;
  lastStage: number;
  racer: number;
}

/**
 * Plain HiGHS (presolve, primal heuristics, the whole program) as the partner of a staged search
 * (`partner.ts`): side 1, on a thread of its own, while the staged search is side 0 across its
 * stages. Which of the two proves a model first depends on the model (measured in
 * docs/formulation.md); as partners they share objectives and bounds at epochs of LP iterations, so
 * the answer is the same on every run, and it comes when the faster of the two gets there.
 *
 * The staged search's stages take `stage(…)` as their partnership. When a stage ends at an exchange
 * (`endedByPartner`), `conclude` gives the racer's answer; whenever the staged search ends, it says so
 * with `finish` (or `conclude`), so that the racer, which may be waiting for it, stops at its next epoch.
 */
export class Racer {
  private readonly buffer = partnerBuffer();
  /** The staged search's side of the partnership, as seen from this thread. */
  private readonly stages = new PartnerLink(this.buffer, 0);
  private readonly stopper = new AbortController();
  private result: Promise<BackendResult | undefined> = Promise.resolve(undefined);
  private failed = false;

  constructor(
    private readonly program: IntegerProgram,
    private readonly options: RunOptions,
    private readonly epochIterations: RaceEpochs,
  ) {}

  /**
   * Starts the racer; call it once the first stage it races has claimed its solver thread. The
   * stages from there (`stage`) are its partners.
   */
  start(): void {
    const { program, options, epochIterations } = this;
    const signal = options.signal ? AbortSignal.any([options.signal, this.stopper.signal]) : this.stopper.signal;
    const { gap, seed, timeLimitMs } = options;
    this.result = runBackend("highs", program, { gap, seed, timeLimitMs, signal, partner: { buffer: this.buffer, side: 1, epochIterations: epochIterations.racer } }).catch(() => {
      // Its failure costs only speed: the staged search goes on alone.
      this.failed = true;
      new PartnerLink(this.buffer, 1).leave();
      return undefined;
    });
  }

  /** The partnership of a stage that goes on from the stages raced before it; none once the racer has failed. */
  stage(stage: StageOfSearch, last: boolean): Partnership | undefined {
    if (this.failed) return undefined;
    const epochIterations = last ? this.epochIterations.lastStage : this.epochIterations.firstStages;
    return { buffer: this.buffer, side: 0, epochIterations, stage };
  }

  /** The staged search has ended with its own answer: the racer's is not needed. */
  finish(state: SearchState): void {
    this.stages.finish(state);
    this.stopper.abort();
  }

  /** The staged search has ended at an exchange: the racer ends at its next epoch, with this answer. */
  async conclude(state: SearchState): Promise<BackendResult | undefined> {
    this.stages.finish(state);
    return this.result;
  }
}

/**
 * Two HiGHS searches of one program, each on its own thread, that tell each other their best
 * objective and dual bound at fixed amounts of work (epochs of LP iterations), never at moments of
 * the wall clock. Each search's path then depends only on the program, its options and what the other
 * had at the same epoch, so the pair gives the same answer on every run, however the threads are
 * scheduled (unless a time limit or a cancellation stops it, which happens at a moment). Plans
 * themselves are not exchanged: highs 1.15 accepts a plan handed over in its user-solution callback
 * (`setSolution` answers OK) but drops it.
 *
 * Layout of the shared buffer: an Int32 header (each side's last epoch published, and whether it has
 * finished), then for each side three slots (epochs of even and odd number, and the final state),
 * each holding an objective and a dual bound. A side can be at most one epoch ahead of the other (it
 * waits at every epoch), so two epoch slots suffice.
 */

/** What a search tells its partner: the objective of its best plan (−∞ without one) and its dual bound. */
export interface SearchState {
  objective: number;
  bound: number;
}

export type Side = 0 | 1;

/** What a search needs to work with a partner; the buffer comes from `partnerBuffer`. */
export interface Partnership {
  buffer: SharedArrayBuffer;
  side: Side;
  /** LP iterations per epoch: the amount of work between two exchanges. */
  epochIterations: number;
}

const HEADER_INTS = 4;
const SLOTS_PER_SIDE = 3;
const FINAL_SLOT = 2;
const SLOT_FIELDS = 2;
/** Value of a side's "finished" flag in the header once it has finished (0 while it runs). */
const FINISHED = 1;
/** How long a waiting search sleeps between looks at its stop flag. */
const WAIT_SLICE_MS = 50;

export function partnerBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_INTS * 4 + 2 * SLOTS_PER_SIDE * SLOT_FIELDS * 8);
}

export class PartnerLink {
  private readonly header: Int32Array;
  private readonly slots: Float64Array;
  private readonly side: Side;
  private readonly other: Side;

  constructor(buffer: SharedArrayBuffer, side: Side) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.slots = new Float64Array(buffer, HEADER_INTS * 4);
    this.side = side;
    this.other = side === 0 ? 1 : 0;
  }

  /** Publishes this side's state at the end of `epoch` (1, 2, …). */
  publish(epoch: number, state: SearchState): void {
    this.write(epoch % 2, state);
    Atomics.store(this.header, this.side, epoch);
    Atomics.notify(this.header, this.side);
  }

  /** Publishes this side's last state and marks it finished, waking a partner waiting for it. */
  finish(state: SearchState): void {
    this.write(FINAL_SLOT, state);
    Atomics.store(this.header, 2 + this.side, FINISHED);
    Atomics.notify(this.header, this.side);
  }

  /**
   * The partner's state at the end of `epoch`, or its final state if it finished before reaching
   * that epoch; waits for whichever comes first. Undefined when `shouldStop` turns true while waiting.
   */
  partnerAt(epoch: number, shouldStop: () => boolean): { state: SearchState; finished: boolean } | undefined {
    for (;;) {
      const reached = Atomics.load(this.header, this.other);
      if (reached >= epoch) return { state: this.read(this.other, epoch % 2), finished: false };
      if (Atomics.load(this.header, 2 + this.other) === FINISHED) return { state: this.read(this.other, FINAL_SLOT), finished: true };
      if (shouldStop()) return undefined;
      Atomics.wait(this.header, this.other, reached, WAIT_SLICE_MS);
    }
  }

  private offset(side: Side, slot: number): number {
    return (side * SLOTS_PER_SIDE + slot) * SLOT_FIELDS;
  }

  private write(slot: number, state: SearchState): void {
    const at = this.offset(this.side, slot);
    this.slots[at] = state.objective;
    this.slots[at + 1] = state.bound;
  }

  private read(side: Side, slot: number): SearchState {
    const at = this.offset(side, slot);
    return { objective: this.slots[at], bound: this.slots[at + 1] };
  }
}

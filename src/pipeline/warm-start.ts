import { branchingPriority, withCoverRows, type AllocationModel } from "../model/build.js";
import { relaxation, wholeProgram, withinRestriction, type IntegerProgram, type RestrictedProgram, type Row } from "../model/program.js";
import { roundedSolution } from "../model/rounding.js";
import { relativeGap } from "../solvers/bound.js";
import { Racer, type FoundPlan } from "../solvers/racer.js";
import { runBackend, runSearchPair, withStop, type RunOptions } from "../solvers/run.js";
import type { Branching } from "../solvers/highs-branching.js";
import type { BackendResult, BackendSolution } from "../solvers/types.js";
import { Incumbency } from "./incumbency.js";
import { lpNeighbourhood, nearTieCount } from "./neighbourhood.js";
import { fixByReducedCosts, type LpOptimum } from "./reduced-cost.js";

/**
 * LPs the branch-and-bound of stage 2a may solve (`searchByBranching`), and how many in a row may
 * leave its bound where it was before it stops: on the generated 2,000-employee models it proved the
 * optimum within 150 nodes, its bound falling every few nodes; on `ikn-2024-5k` the bound stays at the
 * LP's (which only cuts close), and on the 400-employee conformance models it falls by a few points
 * in hundreds of nodes without a plan.
 */
const BRANCHING_NODES = 300;
const BRANCHING_STALL_NODES = 50;
const BRANCHING_PLAN_WITHIN_NODES = 100;
/**
 * The branch-and-bound with cuts at every node that opens the proof stages (`proofStages`) where
 * stage 2a found a plan: the nodes over which its pace is judged, and the nodes within which that pace
 * must promise the proof. Seed 16 of the generated 2,000-employee models is proven in 63 nodes, its
 * bound falling 3-4 points every 10; where it could not prove the plan (four preset solves traced,
 * on each of which stage 2a had found none) it stopped after 20-30 nodes.
 */
const NODE_CUTS = { window: 20, nodes: 100 };
/** Share of the time limit, and branch-and-bound nodes, the neighbourhood search may use: it is a heuristic. */
const NEIGHBOURHOOD_SHARE = 0.3;
const NEIGHBOURHOOD_NODES = 200;
/**
 * Relative gap at which the neighbourhood search stops: its own bound does not hold for the whole
 * program, so closing the last points of its gap proves nothing the answer needs. On three of the
 * generated 2,000-employee models the neighbourhood's root had its final plan (or one 2 points
 * below it) within 1e-5 of its bound after 0.8-1.3 s, and the 44-198 nodes that then proved it
 * took another 0.8-1.4 s.
 */
const NEIGHBOURHOOD_GAP = 1e-5;
/**
 * Near-ties (`lpNeighbourhood`) from which the neighbourhood search starts from a plan of the LP's
 * support alone. HiGHS is often slow to find good plans among thousands of near-ties (at full scale
 * 7.6-25 s on models with 2,900-7,000 of them) and fast from such a start (0.5-3.1 s after 0.1-2.4 s
 * for the start): from 5,000 employees up it saved more than it cost over the models measured, though
 * a model whose support plan is far from the bound can take longer. With a few hundred (the
 * 2,000-employee models) it cost 30% more time over sixteen of them (docs/formulation.md).
 */
export const NEAR_TIES_FOR_SUPPORT_START = 1000;
/**
 * Requested gap from which the LP is rounded before the neighbourhood search ends, to be the answer
 * when within the gap (`searchNeighbourhood`). Under MODEL.md's 1e-6 it never was (the nearest,
 * full-scale `strict-priority`, is 7.3e-5 below the LP bound), and where the search takes 75 ms
 * (`ikn-2024-2k`, warm) the rounding beside it is the longer of the two: a tenth of a second more
 * per solve, fresh or warm.
 */
const ROUNDING_MAY_ANSWER_FROM_GAP = 1e-5;
/** Share of the remaining time the root-node attempt without presolve may use (it ends with the root anyway). */
const ROOT_ATTEMPT_SHARE = 0.5;
/** LP iterations between two exchanges of the branch-and-bound pair (a few seconds on 400 employees). */
const EPOCH_ITERATIONS = 5000;
/**
 * Relative gap between the first plan (stage 2's) and the LP bound from which a model is raced by
 * plain HiGHS (`race`). Below it the stages prove the optimum on their own, their reduced-cost
 * fixing then keeping little, and a racer only takes the second core from their search pair: over
 * the generated models of 1,000 and 2,000 employees, all below it (0 to 1.5e-4), racing them took
 * a quarter to four fifths as long again. Above it are the models where plain HiGHS often wins
 * (conformance c7, the hard 400-employee models under `families-first` and `short-commute`),
 * measured in docs/formulation.md ("Which models are raced").
 */
const RACE_FROM_GAP = 2e-4;
/**
 * Largest model raced by plain HiGHS (see `solveWithWarmStart`). At full scale (17,864 columns) the
 * stages prove the optimum in seconds where plain HiGHS is still in its presolve and root, so a racer
 * there only costs memory (+190 MiB) and a stop that takes seconds to be heard; `ikn-2024-5k` (9,611)
 * pays nothing for it.
 */
const RACER_MAX_COLUMNS = 12_000;
/**
 * How long the neighbourhood search runs before a racer may start early (`EarlyRacer`): the
 * neighbourhood's plan of a model not raced came near the LP bound after at most 1.0 s on the 29
 * such models traced, 1.3 s on `ikn-2024-5k` on a slower day.
 */
const EARLY_RACE_AFTER_MS = 1500;
/**
 * A solve has ended in this process. Until then V8 runs HiGHS's WebAssembly unoptimised, and every
 * stage two to six times slower (the neighbourhood of `ikn-2024-5k` came near the LP bound only
 * after 2.6 s through the CLI), so no early racer is started: there its clock says nothing.
 */
let processHasSolved = false;


/**
 * HiGHS from a warm start. MIP search is slow to find good integer plans of this model while its LP
 * bound is tight, so:
 * 1. solve the LP relaxation, with the model's cover rows (`withCoverRows`), as are stages 2a and 3–5;
 *    the plan searches (stage 2, the racer) get the program as it is, where the rows only moved
 *    HiGHS onto other paths (at full scale a neighbourhood six times slower);
 * 2a. on mid-size models, branch and bound of our own over that LP, branching first on how many
 *    households of each size a wave takes (`searchByBranching`): where it ends, it is the answer;
 *    where it found a plan, stage 2 is skipped;
 * 2. solve the small MIP over the columns the LP uses or nearly ties (`lpNeighbourhood`), where the
 *    near-ties are many from a plan over the LP's columns alone, or round the LP when that finds
 *    nothing; within the requested gap of the LP bound, that is the answer;
 * 3. fix columns by their reduced costs against that plan (`fixByReducedCosts`, exact): on the
 *    named instances this removes a sixth to two thirds of the columns;
 * 3b. where stage 2a found a plan, our branch-and-bound again over what is left, with cuts at every
 *    node, while the pace of its bound's fall promises the proof within `NODE_CUTS.nodes` nodes;
 * 4. try to prove the rest at the root node without presolve: on these models presolve removes
 *    almost nothing yet costs most of a second, and the root's cuts often close the gap;
 * 5. else branch and bound (with presolve, which pays off in a long search) from the best plan,
 *    without HiGHS's primal heuristics (after the earlier stages what is left is mostly proof).
 * Stages 4 and 5 know the bound proven so far and stop once the plan is proven by it (rounded down
 * for an integral objective, which HiGHS alone does not do); once a search has found a plan, stage 4
 * runs without primal heuristics.
 * Each stage's dual bound holds for the whole program, so the smallest is reported.
 *
 * Stage 5 runs as a pair of searches, one with primal heuristics and one without (`runSearchPair`),
 * which share objectives and bounds at fixed amounts of work. A mid-size model whose first plan is
 * far from the LP bound is instead raced by plain HiGHS on the second core from stage 3 on (`race`),
 * its racer started during stage 2 when that stage is slow to come near the bound (`EarlyRacer`).
 * Either way the answer is the same on every run.
 */
export async function solveWithWarmStart(model: AllocationModel, options: RunOptions): Promise<BackendResult> {
  try {
    return await solveInStages(model, options);
  } finally {
    processHasSolved = true;
  }
}

async function solveInStages(model: AllocationModel, options: RunOptions): Promise<BackendResult> {
  const started = Date.now();
  const p = model.program;
  const lp = await runBackend("highs", relaxation(withCoverRows(model)), options);
  if (lp.status !== "solution") return lp;
  const report = (state: Incumbency) => options.onProgress?.({ incumbent: state.best?.objective, bound: state.bound });
  const state = new Incumbency(p, lp.objective, report);
  report(state);
  const branched = branchable(p, options.gap) ? await searchByBranching(model, wholeProgram(withCoverRows(model)), state, withTimeLeft(options, started)) : lp;
  const branchingFoundPlan = state.best !== undefined;
  const over = () => options.signal?.aborted === true || state.proven(options.gap);
  if (branched.status === "infeasible" || over()) return state.answerOr(branched);
  const early = raceable(p) ? new EarlyRacer(p, state.bound, withTimeLeft(options, started), processHasSolved ? EARLY_RACE_AFTER_MS : undefined) : undefined;
  // The neighbourhood search is there to find a first plan: one from stage 2a spares it.
  const local = state.best
    ? branched
    : await searchNeighbourhood(model, lp, state, withTimeLeft(options, started), early && ((objective) => early.neighbourhoodPlan(objective))).catch(
        (err: unknown) => {
          early?.settle(false);
          throw err;
        },
      );
  const first = state.best;
  if (over()) {
    early?.settle(false);
    return state.answerOr(local);
  }
  const racer = early?.settle(first === undefined || farFromBound(first.objective, state.bound));
  const rest = withTimeLeft(options, started);
  return racer ? race(model, lp, state, first, rest, racer) : proofStages(model, lp, state, rest, false, branchingFoundPlan);
}

/**
 * Our own branch-and-bound (`branchAndBound` of the HiGHS backend) over `r`, branching first on the
 * household-size and school-need columns (`branchingPriority`), from the best plan so far, within
 * `BRANCHING_NODES`; its plan and bound go to `state`. As stage 2a, over the program with the cover
 * rows: on every generated 2,000-employee model it was tried on first it proved the optimum in 1 to
 * 150 nodes; where it does not, its plan (on `ikn-2024-5k` the optimum, after 30 nodes) starts the
 * stages that follow. As stage 3b, over the program cut down by reduced costs, with cuts at every
 * node (`nodeCuts`): seed 16's bound leaves the plateau where stage 2a stopped. Before stage 5, over
 * the program cut down against the root's cuts: there the cuts close what branching alone does not
 * (seeds 12 and 13 proven in 29 and 7 nodes).
 */
async function searchByBranching(
  model: AllocationModel,
  r: RestrictedProgram,
  state: Incumbency,
  options: RunOptions,
  nodeCuts?: Branching["nodeCuts"],
): Promise<BackendResult> {
  const result = await runBackend("highs", r.program, {
    ...stageOptions(state, options, r, true, false),
    initial: state.best && r.project(state.best.values),
    // Exact, so that where it ends the answer is the optimum itself, not one of the plans within the
    // gap of it (seed 4: 1,002,367 against 1,002,368); it never needed more nodes for that.
    gap: 0,
    branching: { priority: r.project(branchingPriority(model)), stallNodes: BRANCHING_STALL_NODES, planWithinNodes: BRANCHING_PLAN_WITHIN_NODES, nodeCuts },
    maxNodes: nodeCuts?.nodes ?? BRANCHING_NODES,
  });
  state.take(result, r.expand, true);
  return result;
}

/**
 * Models searched by branching first (`searchByBranching`): those that may be raced, unless the
 * requested gap lets the LP's rounding answer (`ROUNDING_MAY_ANSWER_FROM_GAP`), which it does beside
 * the neighbourhood search in a tenth of the time.
 */
function branchable(p: IntegerProgram, gap: number): boolean {
  return raceable(p) && gap < ROUNDING_MAY_ANSWER_FROM_GAP;
}

/** The options with their time limit cut by the time since `started`. */
function withTimeLeft(options: RunOptions, started: number, share = 1): RunOptions {
  if (options.timeLimitMs === undefined) return options;
  return { ...options, timeLimitMs: Math.max(1, (options.timeLimitMs - (Date.now() - started)) * share) };
}

/**
 * Models that may be raced by plain HiGHS: with integer columns, up to `RACER_MAX_COLUMNS` columns.
 * They are raced when their first plan is missing or far from the LP bound (`farFromBound`).
 */
function raceable(p: IntegerProgram): boolean {
  return p.columns.length <= RACER_MAX_COLUMNS && p.columns.some((c) => c.integer);
}

/** At least `RACE_FROM_GAP` below the bound. */
function farFromBound(objective: number, bound: number): boolean {
  return relativeGap(objective, bound) >= RACE_FROM_GAP;
}

/**
 * The racer started early, on a hunch: whether a model is raced is known only once the
 * neighbourhood search has ended (`farFromBound` of its plan), which on some raced models takes
 * most of the time the racer then needs (6-9 s on generated 500-employee models). So when the neighbourhood is still
 * running after `afterMs` and its plan is still far from the LP bound (that of each of the 8 raced
 * models traced stayed so to the end, that of the 29 others came within it in at most a second),
 * the racer starts on the second core. Nobody hears of it until the race is confirmed, and since
 * its plans do not depend on when it started, the answer is the same as had it started after the
 * neighbourhood; a model that is not raced after all abandons it. A raced model whose racer did
 * not start early gets one that starts with the race.
 */
export class EarlyRacer {
  private racer?: Racer;
  private readonly created = Date.now();
  private readonly timer?: NodeJS.Timeout;

  /** `options` as at the start of the neighbourhood search; never started early without `afterMs`. */
  constructor(
    private readonly program: IntegerProgram,
    private readonly lpBound: number,
    private readonly options: RunOptions,
    afterMs: number | undefined,
  ) {
    if (afterMs !== undefined) this.timer = setTimeout(() => this.newRacer().start(), afterMs);
  }

  /** The neighbourhood found a plan of this objective: once it is near the LP bound, the model will not be raced. */
  neighbourhoodPlan(objective: number): void {
    if (!farFromBound(objective, this.lpBound)) this.settle(false);
  }

  /** The racer (not started unless early) for a model that is raced; else none, and an early one is abandoned. */
  settle(raced: boolean): Racer | undefined {
    clearTimeout(this.timer);
    if (raced) return this.racer ?? this.newRacer();
    this.racer?.abandon();
    this.racer = undefined;
    return undefined;
  }

  private newRacer(): Racer {
    this.racer = new Racer(this.program, withTimeLeft(this.options, this.created));
    return this.racer;
  }
}

/**
 * Options of a stage on the cut-down program `r`; `boundHolds` when its dual bound holds for the
 * whole program. In a race its plans and bounds go to `state` as they come, which reports them.
 */
function stageOptions(state: Incumbency, options: RunOptions, r: RestrictedProgram, boundHolds: boolean, inRace: boolean): RunOptions {
  return {
    ...options,
    knownBound: state.bound,
    ...(inRace
      ? {
          onProgress: (q) => {
            if (boundHolds && q.bound !== undefined) state.lower(q.bound);
          },
          onIncumbent: (values) => state.offer(state.plan(r.expand(values)), true),
        }
      : { onProgress: (q) => options.onProgress?.({ incumbent: q.incumbent, bound: boundHolds && q.bound !== undefined ? Math.min(state.bound, q.bound) : state.bound }) }),
  };
}

/**
 * Stage 2 above: its plan (else the support's, else the rounded LP's) goes to `state`; the
 * neighbourhood's own result is returned, or the support's when its plan is the answer. For a
 * requested gap of at least `ROUNDING_MAY_ANSWER_FROM_GAP` the LP is rounded on this thread while the
 * search runs on its own, and a rounding within that gap of the LP bound stops the search and is the
 * answer: decided before the search can report anything, so the same on every run.
 */
async function searchNeighbourhood(
  model: AllocationModel,
  lp: BackendSolution,
  state: Incumbency,
  options: RunOptions,
  onPlanObjective?: (objective: number) => void,
): Promise<BackendResult> {
  const began = Date.now();
  const neighbourhood = lpNeighbourhood(model, lp, true);
  const search = (r: RestrictedProgram, more: Partial<RunOptions>) =>
    runBackend("highs", r.program, {
      ...stageOptions(state, options, r, false, false),
      // A restriction keeps the removed columns' values in its offset: its objective is the program's.
      ...(onPlanObjective ? { onIncumbent: (_values: number[], objective: number) => onPlanObjective(objective) } : {}),
      maxNodes: NEIGHBOURHOOD_NODES,
      gap: Math.max(options.gap, NEIGHBOURHOOD_GAP),
      timeLimitMs: withTimeLeft(options, began, NEIGHBOURHOOD_SHARE).timeLimitMs,
      ...more,
    });
  let start: FoundPlan | undefined;
  if (nearTieCount(model, lp) >= NEAR_TIES_FOR_SUPPORT_START) {
    const support = lpNeighbourhood(model, lp, false);
    const first = await search(support, {});
    if (first.status === "solution") {
      start = state.plan(support.expand(first.values));
      state.offer(start, true);
      if (state.proves(start, options.gap)) return first;
    }
  }
  const stop = new AbortController();
  const searched = search(neighbourhood, { signal: withStop(options.signal, stop), ...(start ? { initial: neighbourhood.project(start.values) } : {}) });
  const early = options.gap >= ROUNDING_MAY_ANSWER_FROM_GAP ? roundedPlan(model, lp, state) : undefined;
  if (early && state.proves(early, options.gap)) {
    stop.abort();
    state.offer(early, false);
    return searched;
  }
  const local = await searched;
  const plan = local.status === "solution" ? state.plan(neighbourhood.expand(local.values)) : (start ?? early ?? roundedPlan(model, lp, state));
  if (plan) state.offer(plan, local.status === "solution");
  return local;
}

/** The LP rounded to a plan (`roundedSolution`), if the rounding reaches one. */
function roundedPlan(model: AllocationModel, lp: BackendSolution, state: Incumbency): FoundPlan | undefined {
  const values = roundedSolution(model, lp.values);
  return values && state.plan(values);
}

/**
 * Stages 3–5 above. In a race, every plan and bound a stage finds goes to `state` as soon as it is
 * reported, the stages work towards an exact proof (which the race may need to decide), and the last
 * stage is a single search.
 */
async function proofStages(
  model: AllocationModel,
  lp: BackendSolution,
  state: Incumbency,
  options: RunOptions,
  inRace: boolean,
  branchingFoundPlan = false,
): Promise<BackendResult> {
  const started = Date.now();
  const remaining = (share = 1) => withTimeLeft(options, started, share).timeLimitMs;
  const proofGap = inRace ? 0 : options.gap;
  const done = () => options.signal?.aborted === true || state.proven(proofGap);
  const strengthened = withCoverRows(model);

  /** A stage that works on the cut-down program from the best plan, towards proof. */
  const proofStage = (r: RestrictedProgram): RunOptions => ({ ...stageOptions(state, options, r, true, inRace), initial: state.best && r.project(state.best.values) });
  const atRoot = reducedProgram(strengthened, lp, state.best);
  if (branchingFoundPlan) {
    const branched = await searchByBranching(model, atRoot, state, { ...options, timeLimitMs: remaining() }, NODE_CUTS);
    if (done()) return state.answerOr(branched);
  }
  const root = await runBackend("highs", atRoot.program, {
    ...proofStage(atRoot),
    heuristics: !state.planFromSearch,
    presolve: false,
    maxNodes: 1,
    rootCuts: true,
    timeLimitMs: remaining(ROOT_ATTEMPT_SHARE),
  });
  // Without a plan yet the "reduced" program is the whole one, so its infeasibility is the answer.
  if (root.status === "infeasible") return root;
  const before = state.best;
  state.take(root, atRoot.expand, true);
  if (done()) return state.answerOr(root);
  let reduced = atRoot;
  if (root.status === "solution" && root.cuts?.length) reduced = await fixedAgainstCuts(atRoot, root.cuts, state, { ...options, timeLimitMs: remaining() });
  else if (state.best !== before) reduced = reducedProgram(strengthened, lp, state.best);
  if (done()) return state.answerOr(root);

  if (inRace) {
    const search = await runBackend("highs", reduced.program, { ...proofStage(reduced), gap: proofGap, heuristics: false, timeLimitMs: remaining() });
    state.take(search, reduced.expand, true);
    return state.answerOr(search);
  }
  if (branchable(model.program, options.gap)) {
    const branched = await searchByBranching(model, reduced, state, { ...options, timeLimitMs: remaining() });
    if (done()) return state.answerOr(branched);
  }
  const pair = await runSearchPair(reduced.program, { ...proofStage(reduced), timeLimitMs: remaining() }, EPOCH_ITERATIONS);
  // In side order, so that of two equal plans the first side's is kept.
  for (const result of pair) state.take(result, reduced.expand, true);
  return state.answerOr(pair[0]);
}

/**
 * Stages 3–5 raced by plain HiGHS on the second core (`Racer`). On some mid-size models plain HiGHS
 * finds and proves the optimum long before the stages do, on others long after (measured in
 * docs/formulation.md). The two never wait for each other: each takes the other's plans and bounds
 * as they come. Which plan is answered must not depend on which thread ran faster, so it is fixed by
 * the optimum alone: of the first plan (stage 2's, which depends on the LP alone) and then the
 * racer's plans in the order it found them (its search depends on nothing else), the first within
 * the gap of the optimum. The race ends as soon as that is known: that plan proven within the gap by
 * some bound, every candidate before it shown to be outside it by a better plan. The stages work on
 * towards an exact proof, which settles every candidate, and the racer's own answer is within the
 * gap; so the race ends at the latest once both would have ended alone.
 */
async function race(
  model: AllocationModel,
  lp: BackendSolution,
  state: Incumbency,
  first: FoundPlan | undefined,
  options: RunOptions,
  racer: Racer,
): Promise<BackendResult> {
  const stopStages = new AbortController();
  const stopBoth = () => {
    stopStages.abort();
    racer.stop();
  };
  let answer!: (result: BackendResult) => void;
  const decided = new Promise<BackendResult>((resolve) => (answer = resolve));
  const settle = (result: BackendResult) => {
    answer(result);
    stopBoth();
  };
  const decide = () => {
    const plan = state.firstWithinGapOfOptimum(first ? [first, ...racer.plans] : racer.plans, options.gap);
    if (plan) settle(state.answer(plan));
    // Without the racer, nothing decides among plans it can no longer find: the best proven one.
    else if (racer.failed && state.best && state.proven(options.gap)) settle(state.answer(state.best));
  };
  state.listen(decide);
  racer.tell({
    onPlan: (values) => state.offer(state.plan(values), true),
    onBound: (bound) => state.lower(bound),
    onEnd: (result) => (result?.status === "infeasible" ? settle(result) : decide()),
  });
  racer.start();
  const stages = proofStages(model, lp, state, { ...options, signal: withStop(options.signal, stopStages) }, true);
  void stages.then((result) => result.status === "infeasible" && settle(result), () => undefined);
  // Both ended undecided (a time limit or a stop): the best plan known, as far as it is proven.
  const undecided = Promise.all([stages, racer.ended]).then(([last]) => state.answerOr(last));
  try {
    return await Promise.race([decided, undecided]);
  } finally {
    stopBoth();
  }
}

/**
 * Stage 4b: the root's cuts added to the LP of the program the root worked on, which is solved
 * again, and the columns fixed by its reduced costs (`fixByReducedCosts`). The cuts hold for every
 * plan better than the start (HiGHS derives them under that cutoff), and so for every plan better
 * than the best, which the root's program holds; so do the LP's bound and the fixing. Its gap to the
 * best is the root's instead of the first LP's (on a 2,000-employee model, 16 points against 688),
 * so the fixing keeps a quarter of the columns where the first kept nine tenths, and the cuts stay as
 * rows for the search that follows.
 */
async function fixedAgainstCuts(atRoot: RestrictedProgram, cuts: Row[], state: Incumbency, options: RunOptions): Promise<RestrictedProgram> {
  const best = state.best!;
  const withCuts = { ...atRoot.program, rows: [...atRoot.program.rows, ...cuts] };
  const lp = await runBackend("highs", relaxation(withCuts), options);
  if (lp.status === "infeasible") state.noneBetter();
  if (lp.status !== "solution" || !lp.reducedCosts) return atRoot;
  state.lower(Math.max(lp.objective, best.objective));
  return withinRestriction(atRoot, fixByReducedCosts(withCuts, lp as LpOptimum, atRoot.project(best.values), best.objective));
}

/** The program cut down by reduced-cost fixing against the best plan, or whole when there is none. */
function reducedProgram(p: IntegerProgram, lp: BackendSolution, best: FoundPlan | undefined): RestrictedProgram {
  if (!best || !lp.reducedCosts) return wholeProgram(p);
  return fixByReducedCosts(p, lp as LpOptimum, best.values, best.objective);
}

import type { Logger } from "../config/logger.js";
import { generateScenario } from "../generate/index.js";
import { solveScenario } from "../pipeline/solve.js";

/** About a second's solve that goes through every HiGHS stage (LP, neighbourhood, root, search). */
const WARM_UP_SCENARIO = { seed: 1, employees: 300, towers: 3, waves: 3, id: "solver-warm-up" } as const;

/**
 * Solves a small generated scenario on the process's solver thread and leaves the thread in the
 * pool. V8 first runs HiGHS's WebAssembly unoptimised and compiles the hot parts as they run, which
 * makes a process's first solve two to three times slower; after this, the first job is as fast as
 * any other. Failure only costs that speed, so it is logged, never thrown.
 */
export async function warmUpSolver(logger: Logger): Promise<void> {
  const started = Date.now();
  try {
    const plan = await solveScenario(generateScenario(WARM_UP_SCENARIO), { solver: "highs" });
    logger.info({ ms: Date.now() - started, status: plan.status }, "solver warmed up");
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "solver warm-up failed");
  }
}

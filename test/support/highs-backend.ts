import highsModule, { type Highs } from "highs";
import { highsBackend } from "../../src/solvers/highs.js";
import { defaultExport } from "../../src/solvers/interop.js";
import type { BackendHooks, BackendSolve } from "../../src/solvers/types.js";

/** Hooks for a backend run in the test's own thread: never stopped, nothing reported. */
export const NO_HOOKS: BackendHooks = { shouldStop: () => false, onProgress: () => {}, onIncumbent: () => {} };

/** The HiGHS backend on this thread (tests call it synchronously, without the solver threads). */
export async function loadHighsBackend(): Promise<BackendSolve> {
  return highsBackend(await defaultExport<() => Promise<Highs>>(highsModule)());
}

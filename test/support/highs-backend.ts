import highsModule, { type Highs } from "highs";
import { highsBackend } from "../../src/solvers/highs.js";
import { defaultExport } from "../../src/solvers/interop.js";
import type { BackendHooks, BackendSolve } from "../../src/solvers/types.js";

/** Hooks for a backend run in the test's own thread: never stopped, nothing reported. */
export const NO_HOOKS: BackendHooks = { shouldStop: () => false, onProgress: () => {}, onIncumbent: () => {} };

/** HiGHS's runtime on this thread, for tests that call it directly. */
export function loadHighs(): Promise<Highs> {
  return defaultExport<() => Promise<Highs>>(highsModule)();
}

/** The HiGHS backend on this thread (tests call it synchronously, without the solver threads). */
export async function loadHighsBackend(): Promise<BackendSolve> {
  return highsBackend(await loadHighs());
}

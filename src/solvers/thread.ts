import { parentPort } from "node:worker_threads";
import highsModule, { type Highs } from "highs";
import type { IntegerProgram } from "../model/program.js";
import { highsBackend } from "./highs.js";
import { defaultExport } from "./interop.js";
import { jslpBackend } from "./jslp.js";
import type { Backend, BackendOptions, BackendSolve } from "./types.js";

/** What the runner sends for one solve; a thread serves one solve after another. */
export interface SolveRequest {
  backend: Backend;
  program: IntegerProgram;
  options: BackendOptions;
  /** Int32 flag set to 1 by the runner to ask for a stop (the solver thread is busy and cannot read messages). */
  stop: SharedArrayBuffer;
  deadline: number;
}

export type ThreadMessage =
  | { type: "progress"; incumbent?: number; bound?: number }
  | { type: "incumbent"; values: number[]; objective: number }
  | { type: "result"; result: ReturnType<BackendSolve> }
  | { type: "error"; message: string };

/** Asks the thread to load a backend ahead of its first solve; no answer. */
export interface LoadRequest {
  type: "load";
  backend: Backend;
}

let highs: Promise<BackendSolve> | undefined;

function backendFor(name: Backend): Promise<BackendSolve> {
  if (name === "jslp") return Promise.resolve(jslpBackend);
  highs ??= defaultExport<() => Promise<Highs>>(highsModule)().then(highsBackend);
  return highs;
}

// One solve at a time: a solve runs synchronously, so the next request waits in the port's queue.
parentPort!.on("message", async (req: SolveRequest | LoadRequest) => {
  if ("type" in req) {
    await backendFor(req.backend);
    return;
  }
  const post = (m: ThreadMessage) => parentPort!.postMessage(m);
  try {
    const stop = new Int32Array(req.stop);
    const solve = await backendFor(req.backend);
    const result = solve(req.program, req.options, {
      shouldStop: () => Atomics.load(stop, 0) === 1 || Date.now() > req.deadline,
      onProgress: (p) => post({ type: "progress", ...p }),
      onIncumbent: (values, objective) => post({ type: "incumbent", values, objective }),
    });
    post({ type: "result", result });
  } catch (err) {
    post({ type: "error", message: (err as Error).stack ?? String(err) });
  }
});

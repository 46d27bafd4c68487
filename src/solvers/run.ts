import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { maxViolation, type IntegerProgram } from "../model/program.js";
import type { SolveRequest, ThreadMessage } from "./thread.js";
import type { Backend, BackendOptions, BackendResult } from "./types.js";

export interface RunOptions extends BackendOptions {
  signal?: AbortSignal;
  onProgress?: (p: { incumbent?: number; bound?: number }) => void;
}

/** How long a stopped solver may take to hand back what it has before its thread is terminated. */
const STOP_GRACE_MS = 3000;

function startThread(): Worker {
  const js = new URL("./thread.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  // Running from TypeScript sources (tests, tsx): loader hooks are per thread, so register tsx first.
  const ts = new URL("./thread.ts", import.meta.url).href;
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`, { eval: true });
}

/**
 * Runs a backend on its own thread, so the caller's event loop stays free, and guards the wall clock
 * from outside: at the time limit or on abort the solver is asked to stop, and a solver that does not
 * answer within a grace period is terminated; its best verified incumbent is then the answer.
 */
export function runBackend(backend: Backend, program: IntegerProgram, options: RunOptions): Promise<BackendResult> {
  const { signal, onProgress, ...backendOptions } = options;
  const stop = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stop);
  const started = Date.now();
  const deadline = options.timeLimitMs !== undefined ? started + options.timeLimitMs : Number.MAX_SAFE_INTEGER;
  const worker = startThread();
  let incumbent: { values: number[]; objective: number } | undefined;
  let lastBound: number | undefined;

  return new Promise<BackendResult>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      signal?.removeEventListener("abort", requestStop);
      void worker.terminate();
      outcome();
    };
    const fromIncumbent = (reason: string): BackendResult =>
      incumbent && lastBound !== undefined
        ? { status: "solution", values: incumbent.values, objective: incumbent.objective, bound: Math.max(lastBound, incumbent.objective) }
        : { status: "stopped", bound: lastBound, reason };
    function requestStop() {
      Atomics.store(stopFlag, 0, 1);
      timers.push(setTimeout(() => finish(() => resolve(fromIncumbent(`${backend} did not stop within ${STOP_GRACE_MS} ms and was terminated`))), STOP_GRACE_MS));
    }
    if (signal?.aborted) requestStop();
    signal?.addEventListener("abort", requestStop);
    if (options.timeLimitMs !== undefined) timers.push(setTimeout(requestStop, options.timeLimitMs));

    worker.on("message", (m: ThreadMessage) => {
      if (m.type === "progress") {
        if (m.bound !== undefined) lastBound = m.bound;
        onProgress?.({ incumbent: m.incumbent, bound: m.bound });
      } else if (m.type === "incumbent") {
        if (maxViolation(program, m.values) <= 1e-6) incumbent = m;
      } else if (m.type === "result") finish(() => resolve(m.result));
      else finish(() => reject(new Error(`${backend} failed: ${m.message}`)));
    });
    worker.on("error", (err) => finish(() => reject(err)));
    worker.on("exit", (code) => finish(() => reject(new Error(`${backend} thread exited (code ${code}) without an answer`))));
    const request: SolveRequest = { backend, program, options: backendOptions, stop, deadline };
    worker.postMessage(request);
  });
}

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { maxViolation, type IntegerProgram } from "../model/program.js";
import { objectiveKind, provenWithin } from "./bound.js";
import { partnerBuffer } from "./partner.js";
import type { LoadRequest, SolveRequest, ThreadMessage } from "./thread.js";
import type { Backend, BackendOptions, BackendResult } from "./types.js";

export interface RunOptions extends BackendOptions {
  signal?: AbortSignal;
  /** On abort the thread is terminated at once and the run answers `stopped`: for a run whose answer is no longer wanted. */
  kill?: AbortSignal;
  onProgress?: (p: { incumbent?: number; bound?: number }) => void;
  /** Every improving plan the solver reports that satisfies the program, in the order found. */
  onIncumbent?: (values: number[], objective: number) => void;
}

/** How long a stopped solver may take to hand back what it has before its thread is terminated. */
const STOP_GRACE_MS = 3000;

/** Idle solver threads kept for the next solve: starting one (and loading HiGHS into it) costs time. */
const MAX_IDLE_THREADS = 2;
const idle: Worker[] = [];

function startThread(): Worker {
  const js = new URL("./thread.js", import.meta.url);
  // Running from TypeScript sources (tests, tsx): loader hooks are per thread, so register tsx first.
  const ts = new URL("./thread.ts", import.meta.url).href;
  const worker = existsSync(fileURLToPath(js))
    ? new Worker(js)
    : new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`, { eval: true });
  worker.once("exit", () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

function takeThread(): Worker {
  const worker = idle.pop() ?? startThread();
  worker.ref();
  return worker;
}

/** A thread that answered normally goes back to the pool, unreferenced so that it never keeps a process alive. */
function returnThread(worker: Worker): void {
  if (idle.length >= MAX_IDLE_THREADS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.push(worker);
}

/**
 * Makes sure an idle solver thread exists with `backend` loaded, so that the next solve does not wait
 * for a thread to start and HiGHS to be compiled: call it before work that precedes a solve.
 */
export function prepareBackend(backend: Backend): void {
  if (idle.length > 0) return;
  const worker = startThread();
  const request: LoadRequest = { type: "load", backend };
  worker.postMessage(request);
  returnThread(worker);
}

/**
 * Runs a backend on a solver thread, so the caller's event loop stays free, and guards the wall clock
 * from outside: at the time limit or on abort the solver is asked to stop, and a solver that does not
 * answer within a grace period is terminated; its best verified incumbent is then the answer.
 */
export function runBackend(backend: Backend, program: IntegerProgram, options: RunOptions): Promise<BackendResult> {
  const { signal, kill, onProgress, onIncumbent, ...backendOptions } = options;
  const stop = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stop);
  const started = Date.now();
  const deadline = options.timeLimitMs !== undefined ? started + options.timeLimitMs : Number.MAX_SAFE_INTEGER;
  const worker = takeThread();
  let incumbent: { values: number[]; objective: number } | undefined;
  let lastBound: number | undefined;

  return new Promise<BackendResult>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      signal?.removeEventListener("abort", requestStop);
      kill?.removeEventListener("abort", terminate);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (reusable) returnThread(worker);
      else void worker.terminate();
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
    function terminate() {
      finish(() => resolve({ status: "stopped", bound: lastBound, reason: `${backend} was abandoned` }));
    }
    if (signal?.aborted) requestStop();
    signal?.addEventListener("abort", requestStop);
    kill?.addEventListener("abort", terminate);
    if (options.timeLimitMs !== undefined) timers.push(setTimeout(requestStop, options.timeLimitMs));

    function onMessage(m: ThreadMessage) {
      if (m.type === "progress") {
        if (m.bound !== undefined) lastBound = m.bound;
        onProgress?.({ incumbent: m.incumbent, bound: m.bound });
      } else if (m.type === "incumbent") {
        if (maxViolation(program, m.values) > 1e-6) return;
        incumbent = m;
        onIncumbent?.(m.values, m.objective);
      } else if (m.type === "result") finish(() => resolve(m.result), true);
      else finish(() => reject(new Error(`${backend} failed: ${m.message}`)));
    }
    function onError(err: Error) {
      finish(() => reject(err));
    }
    function onExit(code: number) {
      finish(() => reject(new Error(`${backend} thread exited (code ${code}) without an answer`)));
    }
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    const request: SolveRequest = { backend, program, options: backendOptions, stop, deadline };
    worker.postMessage(request);
    if (kill?.aborted) terminate();
  });
}

/** The caller's signal (if any) and the run's own stop, either of which stops the run. */
export function withStop(signal: AbortSignal | undefined, own: AbortController): AbortSignal {
  return signal ? AbortSignal.any([signal, own.signal]) : own.signal;
}

/**
 * Two HiGHS searches of `program` on two threads, partners in the sense of `partner.ts`: the first
 * without primal heuristics, the second with them. Returns the results that make the answer, in
 * side order: the first alone when it proved its own plan (the second is then stopped at once, and
 * nothing it found can change the answer), else both. A plan the second proves is only taken after
 * the first has reached the end of the same epoch, so the answer never depends on which thread ran
 * faster.
 */
export async function runSearchPair(program: IntegerProgram, options: RunOptions, epochIterations: number): Promise<BackendResult[]> {
  const buffer = partnerBuffer();
  const stopSecond = new AbortController();
  const stopFirst = new AbortController();
  const provesItself = (r: BackendResult) => r.status === "solution" && provenWithin(r.objective, r.bound, objectiveKind(program), options.gap);
  const search = (side: 0 | 1, heuristics: boolean, own: AbortController, other: AbortController) =>
    runBackend("highs", program, { ...options, heuristics, signal: withStop(options.signal, own), partner: { buffer, side, epochIterations } }).catch((err: unknown) => {
      other.abort();
      throw err;
    });
  let firstProved = false;
  const first = search(0, false, stopFirst, stopSecond).then((r) => {
    firstProved = provesItself(r);
    if (firstProved) stopSecond.abort();
    return r;
  });
  const [a, b] = await Promise.all([first, search(1, true, stopSecond, stopFirst)]);
  return firstProved ? [a] : [a, b];
}

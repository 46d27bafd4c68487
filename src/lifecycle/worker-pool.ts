import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Logger } from "../config/logger.js";

/** How long a worker process may take to connect and say it is ready. */
const READY_TIMEOUT_MS = 30_000;
/** Pause before a worker that died is replaced, so that a worker that cannot start does not spin. */
const RESTART_DELAY_MS = 2_000;

export interface WorkerPoolOptions {
  size: number;
  /** Environment of every worker process (its configuration). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** How long a worker may take to stop on SIGTERM (its shutdown grace, and some) before SIGKILL. */
  stopTimeoutMs: number;
  /** The worker entry point; default `dist/queue/worker-main.js` (or its TypeScript source, run through tsx). */
  entry?: { script: string; execArgv: string[] };
}

/** The worker's entry point next to this module: compiled JavaScript, or the TypeScript source under tsx. */
export function defaultWorkerEntry(): { script: string; execArgv: string[] } {
  const js = fileURLToPath(new URL("../queue/worker-main.js", import.meta.url));
  if (existsSync(js)) return { script: js, execArgv: [] };
  return { script: fileURLToPath(new URL("../queue/worker-main.ts", import.meta.url)), execArgv: ["--import", "tsx"] };
}

/**
 * Worker child processes, `size` of them, each replaced when it dies. `npm start` runs one pool next
 * to the API; tests use one to kill workers for real.
 */
export class WorkerPool {
  private readonly children = new Set<ChildProcess>();
  private stopping = false;
  private readonly entry: { script: string; execArgv: string[] };

  constructor(private readonly options: WorkerPoolOptions) {
    this.entry = options.entry ?? defaultWorkerEntry();
  }

  /** Starts every worker and waits until each is ready to take jobs. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.size }, () => this.spawn()));
  }

  get pids(): number[] {
    return [...this.children].map((c) => c.pid!);
  }

  /** SIGTERM to every worker (each finishes or returns its solves), SIGKILL to any still there at the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.children].map((child) => this.stopChild(child)));
  }

  private spawn(): Promise<void> {
    const child = fork(this.entry.script, [], { env: this.options.env, execArgv: this.entry.execArgv, stdio: "inherit" });
    this.children.add(child);
    const log = this.options.logger.child({ workerPid: child.pid });
    child.once("exit", (code, signal) => {
      this.children.delete(child);
      if (this.stopping) return;
      log.error({ code, signal }, "worker process died; starting another");
      setTimeout(() => {
        if (!this.stopping) this.spawn().catch((err: Error) => log.error({ err: err.message }, "replacement worker did not start"));
      }, RESTART_DELAY_MS).unref();
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker process ${child.pid} was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.on("message", (m: { type?: string }) => {
        if (m?.type !== "ready") return;
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`worker process ${child.pid} exited (code ${code}) before it was ready`));
      });
    });
  }

  private stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill("SIGKILL"), this.options.stopTimeoutMs);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }
}

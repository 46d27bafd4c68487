import type { Logger } from "../config/logger.js";
import { StartupError } from "./local-redis.js";

/** Beyond the shutdown grace period, how long stopping may still take before the process just exits. */
const STOP_MARGIN_MS = 10_000;

/**
 * Start, drain and stop of one process, shared by every entry point (`api`, `worker`, `start`).
 * Parts stop in the reverse order they were added, so add each part after what it depends on.
 */
export class ProcessLifecycle {
  private readonly parts: { name: string; stop: () => Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly graceMs: number,
  ) {}

  add(name: string, stop: () => Promise<void>): void {
    this.parts.push({ name, stop });
  }

  /** SIGTERM or SIGINT stops the process gracefully; a second one exits at once. */
  stopOnSignals(): this {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.on(signal, () => {
        if (this.stopping) {
          this.logger.warn({ signal }, "second signal: exiting now");
          process.exit(1);
        }
        this.logger.info({ signal }, "stopping");
        void this.stop(0);
      });
    }
    return this;
  }

  /** A process forked by `npm start` goes when its parent does. */
  stopWithParent(): this {
    if (process.send) process.on("disconnect", () => void this.stop(0));
    return this;
  }

  /** Logs the fault and stops with exit code 1; a `StartupError` is also printed as it is, for a person to act on. */
  fail(err: unknown, what: string): Promise<void> {
    if (err instanceof StartupError) console.error(err.message);
    this.logger.fatal({ err }, what);
    return this.stop(1);
  }

  /** Stops every part (each one's failure is logged, the rest still stop), then exits. */
  stop(exitCode: number): Promise<void> {
    this.stopping ??= this.stopParts().then(
      () => process.exit(exitCode),
      () => process.exit(1),
    );
    return this.stopping;
  }

  private async stopParts(): Promise<void> {
    const deadline = setTimeout(() => {
      this.logger.error("stopping took too long: exiting");
      process.exit(1);
    }, this.graceMs + STOP_MARGIN_MS);
    deadline.unref();
    for (const part of [...this.parts].reverse()) {
      try {
        await part.stop();
        this.logger.info({ part: part.name }, "stopped");
      } catch (err) {
        this.logger.error({ part: part.name, err }, "stop failed");
      }
    }
    clearTimeout(deadline);
  }
}

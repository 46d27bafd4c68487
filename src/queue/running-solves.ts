/** Why a worker stops a solve before it ends by itself. */
export type StopReason = "cancelled" | "shutdown" | "lock-lost";

/** The solves a worker process is running, each with the controller that stops it. */
export class RunningSolves {
  private readonly controllers = new Map<string, AbortController>();

  begin(jobId: string): AbortSignal {
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    return controller.signal;
  }

  end(jobId: string): void {
    this.controllers.delete(jobId);
  }

  /** Stops one solve; false when this process is not running it. */
  stop(jobId: string, reason: StopReason): boolean {
    const controller = this.controllers.get(jobId);
    controller?.abort(reason);
    return controller !== undefined;
  }

  stopAll(reason: StopReason): void {
    for (const controller of this.controllers.values()) controller.abort(reason);
  }

  get size(): number {
    return this.controllers.size;
  }
}

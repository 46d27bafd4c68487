import type { Progress } from "../pipeline/types.js";

/** API.md's `progress` object. */
export interface JobProgress {
  phase: Progress["phase"];
  percent: number;
  incumbent?: number;
  bound?: number;
}

export function toJobProgress(p: Progress): JobProgress {
  const out: JobProgress = { phase: p.phase, percent: Math.round(p.percent) };
  if (p.incumbent !== undefined) out.incumbent = p.incumbent;
  if (p.bound !== undefined) out.bound = p.bound;
  return out;
}

/**
 * Passes on at most one report per `intervalMs` (a solver reports far more often than anyone reads),
 * always ending with the latest one, so a phase change is never lost for long.
 */
export function throttle<T>(send: (value: T) => void, intervalMs: number) {
  let lastSent = 0;
  let pending: { value: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    lastSent = Date.now();
    const { value } = pending;
    pending = undefined;
    send(value);
  };
  return {
    push(value: T): void {
      pending = { value };
      const wait = lastSent + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}

import { describe, expect, it } from "vitest";
import type { Logger } from "../src/config/logger.js";
import { warmUpSolver } from "../src/queue/warm-up.js";

/** The calls a logger received, by level. */
function recordingLogger() {
  const calls: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => calls.push({ level, fields, message });
  return { calls, logger: { info: at("info"), warn: at("warn") } as unknown as Logger };
}

describe("a worker's solver warm-up", () => {
  it("solves its generated scenario to proof and logs how long it took", async () => {
    const { calls, logger } = recordingLogger();
    await warmUpSolver(logger);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ level: "info", message: "solver warmed up", fields: { status: "optimal" } });
    expect(calls[0].fields.ms).toBeGreaterThan(0);
  });
});

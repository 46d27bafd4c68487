import type { TerminalStatus } from "./jobs-record.js";

/**
 * Every Redis key and channel of the service besides BullMQ's own (`<prefix>:<queue>:…`) and the
 * scenario store's. One queue's keys share `<prefix>:svc:<queue>`, so deployments and test runs that
 * use another prefix or queue never meet.
 */
export function serviceKeys(prefix: string, queue: string) {
  const base = `${prefix}:svc:${queue}`;
  return {
    /** Hash: the job record. */
    record: (id: string) => `${base}:job:${id}`,
    /** String: the validated scenario the job solves. */
    input: (id: string) => `${base}:input:${id}`,
    /** String: the plan, as JSON. */
    plan: (id: string) => `${base}:plan:${id}`,
    /** Sorted set, every score 0: job ids, whose lexical order is their creation order. */
    allJobs: `${base}:jobs`,
    /** Same, for one scenario id. */
    jobsOfScenario: (scenarioId: string) => `${base}:jobs-of:${scenarioId}`,
    /** Sorted set: jobs that ended so, scored by when they ended (for counts and pruning). */
    ended: (status: TerminalStatus) => `${base}:ended:${status}`,
    /** String `<body hash> <job id>`: an Idempotency-Key already used. */
    idempotency: (scopedKeyHash: string) => `${base}:idem:${scopedKeyHash}`,
    /** Sorted set: worker names scored by their last heartbeat (ms). */
    workers: `${base}:workers`,
    /** Hash: the solve-seconds histogram (cumulative bucket counts, sum, count). */
    solveSeconds: `${base}:solve-seconds`,
    /** Pub/sub channel: ids of jobs whose solve must stop now. */
    cancelChannel: `${base}:cancel`,
  };
}

export type ServiceKeys = ReturnType<typeof serviceKeys>;

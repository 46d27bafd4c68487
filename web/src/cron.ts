import { CronExpressionParser } from "cron-parser";

export type NextRuns = { ok: true; runs: Date[] } | { ok: false; message: string };

/**
 * The next `count` run times of a cron expression (five fields, or six with seconds first) in its
 * time zone, computed as the service's scheduler does (bullmq uses the same cron-parser).
 */
export function nextRuns(cron: string, timezone: string, from: Date, count = 5): NextRuns {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return { ok: false, message: `${fields} fields; a cron has 5, or 6 with seconds first` };
  try {
    const interval = CronExpressionParser.parse(cron.trim(), { currentDate: from, tz: timezone, strict: false });
    return { ok: true, runs: interval.take(count).map((d) => d.toDate()) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

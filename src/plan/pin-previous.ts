import type { Pin, Placement, Scenario } from "../domain/index.js";

/**
 * The scenario with every previous placement whose wave, dated by this version of the scenario, is
 * before `cutoff` added to `pinned`: people who have moved stay where they are and only the future
 * is re-planned. A placement whose employee, unit or wave this version no longer has is not pinned,
 * and an employee the scenario pins itself keeps the scenario's pin.
 */
export function pinPrevious(scenario: Scenario, previous: Placement[], cutoff: string): Scenario {
  const units = new Set(scenario.units.map((u) => u.id));
  const employees = new Set(scenario.employees.map((e) => e.id));
  const waveDate = new Map(scenario.waves.map((w) => [w.id, w.date]));
  const alreadyPinned = new Set(scenario.pinned.map((p) => p.employee));
  const added: Pin[] = previous
    .filter((p) => employees.has(p.employee) && units.has(p.unit) && !alreadyPinned.has(p.employee))
    .filter((p) => {
      const date = waveDate.get(p.wave);
      return date !== undefined && date < cutoff;
    })
    .map(({ employee, unit, wave }) => ({ employee, unit, wave }));
  return { ...scenario, pinned: [...scenario.pinned, ...added] };
}

/** `pinBefore` as a date: `today` is the calendar date at `firedAt` in the schedule's time zone. */
export function cutoffDate(pinBefore: string, timezone: string, firedAt: Date): string {
  if (pinBefore !== "today") return pinBefore;
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(firedAt);
}

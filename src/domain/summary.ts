import { isFamily } from "./derived.js";
import type { Scenario } from "./scenario.js";
import type { InputIssue } from "./validate.js";

/** The counts API.md's `/v1/validate` answers and `ikn-alloc validate` prints. */
export interface ScenarioSummary {
  employees: number;
  families: number;
  singles: number;
  units: number;
  towers: number;
  waves: number;
  pinned: number;
  mustMove: number;
}

export function summarizeScenario(s: Scenario): ScenarioSummary {
  const families = s.employees.filter(isFamily).length;
  return {
    employees: s.employees.length,
    families,
    singles: s.employees.length - families,
    units: s.units.length,
    towers: s.towers.length,
    waves: s.waves.length,
    pinned: s.pinned.length,
    mustMove: s.employees.filter((e) => e.mustMove).length,
  };
}

/**
 * `reservedFor` entries that match no employee group and no agency id. MODEL.md allows them (a tower
 * may be kept for people outside the scenario), so they are warnings, never input errors.
 */
export function unmatchedReservations(s: Scenario): InputIssue[] {
  const known = new Set([...s.agencies.map((a) => a.id), ...s.employees.map((e) => e.group)]);
  return s.towers.flatMap((t, i) =>
    t.reservedFor.flatMap((name, j) =>
      known.has(name) ? [] : [{ path: ["towers", i, "reservedFor", j], message: `"${name}" matches no employee group or agency id` }],
    ),
  );
}

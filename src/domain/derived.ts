import { daysBetween } from "./dates.js";
import { resolvePolicy, DEFAULT_POLICY, type Policy } from "./policy.js";
import type { Agency, Employee, Scenario, SchoolLevel, Tower, Unit, Wave } from "./scenario.js";

// Every derived value of MODEL.md lives here, once.

export function persons(e: Employee): number {
  return 1 + (e.spouse ? 1 : 0) + e.children.length;
}

export function isFamily(e: Employee): boolean {
  return e.spouse || e.children.length > 0;
}

/** Bedrooms a family needs: one for the parents, one per two children (NONE included). */
export function bedroomsNeeded(e: Employee): number {
  return 1 + Math.ceil(e.children.length / 2);
}

/** School places the employee's children need, per level (NONE needs none). */
export function schoolNeeds(e: Employee): Record<SchoolLevel, number> {
  const need = { PAUD: 0, SD: 0, SMP: 0, SMA: 0 };
  for (const c of e.children) if (c !== "NONE") need[c]++;
  return need;
}

/** Whether a wave date lies in the employee's window: availableFrom ≤ date ≤ requiredBy. */
export function inWindow(e: Employee, waveDate: string): boolean {
  return e.availableFrom <= waveDate && (e.requiredBy === undefined || waveDate <= e.requiredBy);
}

/** The policy of a scenario alone: MODEL.md's defaults overridden by `scenario.policy`. */
export function scenarioPolicy(s: Scenario): Policy {
  return resolvePolicy(DEFAULT_POLICY, s.policy);
}

/** Id look-ups and the derived values that need them. */
export class ScenarioIndex {
  readonly agency = new Map<string, Agency>();
  readonly tower = new Map<string, Tower>();
  readonly unit = new Map<string, Unit>();
  readonly wave = new Map<string, Wave>();
  readonly employee = new Map<string, Employee>();
  // Maps, not the parsed records: a zone named "constructor" must not find Object's prototype.
  private readonly travel = new Map<string, Map<string, number>>();

  constructor(readonly scenario: Scenario) {
    for (const a of scenario.agencies) this.agency.set(a.id, a);
    for (const t of scenario.towers) this.tower.set(t.id, t);
    for (const u of scenario.units) this.unit.set(u.id, u);
    for (const w of scenario.waves) this.wave.set(w.id, w);
    for (const e of scenario.employees) this.employee.set(e.id, e);
    for (const z of scenario.zones ?? []) this.travel.set(z.id, new Map(Object.entries(z.travelMinutes ?? {})));
  }

  readyDate(u: Unit): string {
    return u.readyDate ?? this.tower.get(u.tower)!.readyDate!;
  }

  unitZone(u: Unit): string {
    return this.tower.get(u.tower)!.zone;
  }

  /** Travel minutes between zones: entry on `a`, else on `b` for `a`, else 0; a zone to itself is 0. */
  travelMinutes(a: string, b: string | undefined): number {
    if (b === undefined || a === b) return 0;
    return this.travel.get(a)?.get(b) ?? this.travel.get(b)?.get(a) ?? 0;
  }

  priority(e: Employee): number {
    return this.agency.get(e.agency)!.priority;
  }

  officeZone(e: Employee): string | undefined {
    return this.agency.get(e.agency)!.officeZone;
  }

  /** Whether the unit's tower is reserved for the employee's group or agency (constraint 2). */
  eligible(e: Employee, u: Unit): boolean {
    const reserved = this.tower.get(u.tower)!.reservedFor;
    return reserved.includes(e.group) || reserved.includes(e.agency);
  }

  /** The part of a placement's value that does not depend on unit or wave. */
  baseValue(e: Employee, policy: Policy): number {
    return policy.priorityWeights[this.priority(e) as 1 | 2 | 3 | 4 | 5] + (isFamily(e) ? policy.familyBonus : 0);
  }

  /** MODEL.md's value(e, u, w). */
  placementValue(e: Employee, u: Unit, w: Wave, policy: Policy): number {
    return (
      this.baseValue(e, policy) -
      policy.waitPerDay * daysBetween(e.availableFrom, w.date) -
      policy.commutePerMinute * this.travelMinutes(this.unitZone(u), this.officeZone(e))
    );
  }

  /** The sum of MODEL.md's values over placements by id (a plan's objective, or the pins' share of it). */
  placementsValue(placements: readonly { employee: string; unit: string; wave: string }[], policy: Policy): number {
    return placements.reduce((z, p) => z + this.placementValue(this.employee.get(p.employee)!, this.unit.get(p.unit)!, this.wave.get(p.wave)!, policy), 0);
  }
}

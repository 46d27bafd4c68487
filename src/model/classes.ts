import {
  SCHOOL_LEVELS,
  ScenarioIndex,
  bedroomsNeeded,
  dayNumber,
  inWindow,
  isFamily,
  persons,
  schoolNeeds,
  type Employee,
  type Pin,
  type Policy,
  type SchoolLevel,
  type Unit,
} from "../domain/index.js";

// Employees with the same placement-relevant attributes are interchangeable, and so are units with
// the same tower-level attributes: the model counts placements per (employee class, unit class, wave).

/** Employees who can go to the same units in the same waves at the same placement-dependent value. */
export interface EmployeeClass {
  key: string;
  family: boolean;
  /** Singles share units by gender; families never share. */
  gender: "F" | "M";
  persons: number;
  bedroomsNeeded: number;
  needs: Record<SchoolLevel, number>;
  needsAccessible: boolean;
  /** Indices into `scenario.waves` within every member's window. */
  waves: number[];
  officeZone: string | undefined;
  /** A member, for eligibility tests that hold for the whole class. */
  sample: Employee;
  /** Members that must be placed. */
  mustMove: Employee[];
  /** Other members, best placement-independent value first (ties by id: deterministic). */
  optional: Employee[];
  /** `fixedValue` of each member of `mustMove`, in its order. */
  mustMoveValues: number[];
  /** `fixedValue` of each member of `optional`, in its order (so descending). */
  optionalValues: number[];
}

/**
 * Units that are interchangeable for every employee but for their ready dates; `partial` ones already
 * hold pinned singles. Ready dates nest (a unit ready earlier can take whatever a later one can), so
 * one class spans them and the model counts, per wave date, the units ready by then.
 */
export interface UnitClass {
  key: string;
  zone: string;
  /** The earliest ready date of its units. */
  ready: string;
  /** Ready date of each unit, in the order of `units` (ascending). */
  readyDates: string[];
  accessible: boolean;
  bedrooms: number;
  maxOccupants: number;
  /** For units holding pinned singles: the only gender that may join, and the beds left per unit. */
  partial?: { gender: "F" | "M"; bedsLeft: number };
  sample: Unit;
  /** Free units, ordered by tower, floor and id so that neighbours stay neighbours. */
  units: Unit[];
}

/** Members of the class, whether they must move or not. */
export function classSize(cls: EmployeeClass): number {
  return cls.mustMove.length + cls.optional.length;
}

/** The part of an employee's value that does not depend on unit or wave, relative to day `refDay`. */
function fixedValue(index: ScenarioIndex, e: Employee, policy: Policy, refDay: number): number {
  return index.baseValue(e, policy) - policy.waitPerDay * (refDay - dayNumber(e.availableFrom));
}

/** Which of the scenario's distinct `reservedFor` lists admit the employee, as a key. */
function eligibilityKey(reservations: string[][], e: Employee): string {
  return reservations.map((r) => (r.includes(e.group) || r.includes(e.agency) ? "1" : "0")).join("");
}

function distinctReservations(index: ScenarioIndex): string[][] {
  const seen = new Map<string, string[]>();
  for (const t of index.scenario.towers) seen.set(JSON.stringify(t.reservedFor), t.reservedFor);
  return [...seen.values()];
}

export function employeeClasses(index: ScenarioIndex, free: Employee[], policy: Policy, refDay: number): EmployeeClass[] {
  const reservations = distinctReservations(index);
  const waves = index.scenario.waves;
  const classes = new Map<string, EmployeeClass>();
  for (const e of free) {
    const family = isFamily(e);
    const needs = schoolNeeds(e);
    const inWaves = waves.flatMap((w, i) => (inWindow(e, w.date) ? [i] : []));
    const officeZone = index.officeZone(e);
    const key = [
      eligibilityKey(reservations, e),
      officeZone ?? "",
      family ? `F${persons(e)}:${bedroomsNeeded(e)}:${SCHOOL_LEVELS.map((l) => needs[l]).join(",")}` : `S${e.gender}`,
      e.needsAccessible ? "A" : "",
      inWaves.join(","),
    ].join("|");
    let c = classes.get(key);
    if (!c) {
      c = {
        key,
        family,
        gender: e.gender,
        persons: persons(e),
        bedroomsNeeded: bedroomsNeeded(e),
        needs,
        needsAccessible: e.needsAccessible,
        waves: inWaves,
        officeZone,
        sample: e,
        mustMove: [],
        optional: [],
        mustMoveValues: [],
        optionalValues: [],
      };
      classes.set(key, c);
    }
    (e.mustMove ? c.mustMove : c.optional).push(e);
  }
  const value = new Map(free.map((e) => [e, fixedValue(index, e, policy, refDay)]));
  for (const c of classes.values()) {
    c.optional.sort((a, b) => value.get(b)! - value.get(a)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    c.mustMoveValues = c.mustMove.map((e) => value.get(e)!);
    c.optionalValues = c.optional.map((e) => value.get(e)!);
  }
  return [...classes.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function byTowerFloorId(a: Unit, b: Unit): number {
  return (
    a.tower.localeCompare(b.tower) || (a.floor ?? 0) - (b.floor ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Unit classes of the units not taken by pins; units holding pinned singles form `partial` classes. */
export function unitClasses(index: ScenarioIndex, pins: Pin[], sharing: boolean): UnitClass[] {
  const pinnedIn = new Map<string, Employee[]>();
  for (const p of pins) {
    const list = pinnedIn.get(p.unit) ?? [];
    list.push(index.employee.get(p.employee)!);
    pinnedIn.set(p.unit, list);
  }
  const classes = new Map<string, UnitClass>();
  for (const u of index.scenario.units) {
    const occupants = pinnedIn.get(u.id);
    let partial: UnitClass["partial"];
    if (occupants) {
      const bedsLeft = sharing ? u.bedrooms - occupants.length : 0;
      if (occupants.some(isFamily) || bedsLeft <= 0) continue;
      partial = { gender: occupants[0].gender, bedsLeft };
    }
    const tower = index.tower.get(u.tower)!;
    const ready = index.readyDate(u);
    const key = [
      tower.zone,
      JSON.stringify(tower.reservedFor),
      // Units holding pinned singles stay apart by ready date: they are few and already opened.
      partial ? ready : "",
      u.accessible ? "A" : "",
      partial ? `P${partial.gender}${partial.bedsLeft}` : `${u.bedrooms}:${u.maxOccupants}`,
    ].join("|");
    let c = classes.get(key);
    if (!c) {
      c = { key, zone: tower.zone, ready, readyDates: [], accessible: u.accessible, bedrooms: u.bedrooms, maxOccupants: u.maxOccupants, partial, sample: u, units: [] };
      classes.set(key, c);
    }
    c.units.push(u);
  }
  const readyThenPlace = (a: Unit, b: Unit) => {
    const ra = index.readyDate(a);
    const rb = index.readyDate(b);
    return ra < rb ? -1 : ra > rb ? 1 : byTowerFloorId(a, b);
  };
  for (const c of classes.values()) {
    c.units.sort(readyThenPlace);
    c.readyDates = c.units.map((u) => index.readyDate(u));
    c.ready = c.readyDates[0];
  }
  return [...classes.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Singles a unit of the class takes: one per bedroom (one in all without sharing), or the beds left beside pinned singles. */
export function bedsPerUnit(uc: UnitClass, sharing: boolean): number {
  if (uc.partial) return uc.partial.bedsLeft;
  return sharing ? uc.bedrooms : 1;
}

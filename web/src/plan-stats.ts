import { isFamily, persons, schoolNeeds } from "../../src/domain/derived.js";
import type { Plan } from "../../src/domain/plan.js";
import { SCHOOL_LEVELS, type Employee, type Scenario, type SchoolLevel, type Unit, type Wave } from "../../src/domain/scenario.js";
import { relativeGap } from "../../src/solvers/bound.js";

// Everything the plan view shows, derived once from a plan and the scenario it answers.

export type UnitKind = "family" | "singles-F" | "singles-M" | "empty";

export interface Occupant {
  employee: string;
  agency: string;
  wave: string;
  persons: number;
  family: boolean;
}

export interface UnitCell {
  id: string;
  floor: number | null;
  kind: UnitKind;
  /** The earliest wave in which someone moves in (a shared unit may fill over several waves). */
  wave: string | null;
  occupants: Occupant[];
}

export interface FloorRow {
  floor: number | null;
  units: UnitCell[];
}

export interface TowerView {
  id: string;
  zone: string;
  /** Top floor first, as the building stands. */
  floors: FloorRow[];
  units: number;
  occupiedUnits: number;
}

export interface WaveRow {
  id: string;
  date: string;
  households: number;
  persons: number;
  maxHouseholds?: number;
  maxPersons?: number;
}

export interface SchoolRow {
  zone: string;
  level: SchoolLevel;
  /** Per wave in date order: children placed in the zone by then, and seats open by then. */
  byWave: { used: number; available: number }[];
}

export interface TierRow {
  tier: number;
  placed: number;
  total: number;
}

export interface PlacementRow {
  employee: string;
  agency: string;
  tier: number;
  tower: string;
  unit: string;
  floor: number | null;
  wave: string;
  date: string;
  persons: number;
  family: boolean;
}

export interface UnplacedRow {
  employee: string;
  agency: string;
  tier: number;
  persons: number;
  family: boolean;
  reason: string;
}

export type Whereabouts = { kind: "placed"; row: PlacementRow } | { kind: "unplaced"; row: UnplacedRow } | { kind: "unknown" };

export interface PlanStats {
  status: Plan["status"];
  objective: number | null;
  bound: number | null;
  gap: number | null;
  explanation?: string;
  households: { placed: number; unplaced: number };
  persons: { placed: number; unplaced: number };
  familiesHoused: number;
  singlesHoused: number;
  tiers: TierRow[];
  waves: WaveRow[];
  towers: TowerView[];
  schools: SchoolRow[];
  placements: PlacementRow[];
  unplaced: UnplacedRow[];
  agencies: string[];
  reasons: string[];
  find(employeeId: string): Whereabouts;
}

export function planStats(scenario: Scenario, plan: Plan): PlanStats {
  const employees = new Map(scenario.employees.map((e) => [e.id, e]));
  const tierOf = new Map(scenario.agencies.map((a) => [a.id, a.priority]));
  const units = new Map(scenario.units.map((u) => [u.id, u]));
  const towerZone = new Map(scenario.towers.map((t) => [t.id, t.zone]));
  const waves = [...scenario.waves].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const waveById = new Map(waves.map((w) => [w.id, w]));
  const slots = unitSlots(scenario.units);

  const placements: PlacementRow[] = plan.placements.map((p) => {
    const e = employees.get(p.employee)!;
    const unit = units.get(p.unit)!;
    return {
      employee: e.id,
      agency: e.agency,
      tier: tierOf.get(e.agency)!,
      tower: unit.tower,
      unit: unit.id,
      floor: slots.get(unit.id)!.floor,
      wave: p.wave,
      date: waveById.get(p.wave)!.date,
      persons: persons(e),
      family: isFamily(e),
    };
  });
  const unplaced: UnplacedRow[] = plan.unplaced.map((u) => {
    const e = employees.get(u.employee)!;
    return { employee: e.id, agency: e.agency, tier: tierOf.get(e.agency)!, persons: persons(e), family: isFamily(e), reason: u.reason };
  });

  const sum = (rows: { persons: number }[]) => rows.reduce((s, r) => s + r.persons, 0);
  const familiesHoused = placements.filter((p) => p.family).length;
  const placedAt = new Map(placements.map((p) => [p.employee, p]));
  const unplacedAt = new Map(unplaced.map((u) => [u.employee, u]));
  const objective = plan.objective;
  const bound = plan.bound;

  return {
    status: plan.status,
    objective,
    bound,
    gap: objective === null || bound === null ? null : relativeGap(objective, bound),
    explanation: plan.explanation,
    households: { placed: placements.length, unplaced: unplaced.length },
    persons: { placed: sum(placements), unplaced: sum(unplaced) },
    familiesHoused,
    singlesHoused: placements.length - familiesHoused,
    tiers: tierRows(scenario, placements),
    waves: waveRows(waves, placements),
    towers: towerViews(scenario, slots, placements, employees),
    schools: schoolRows(scenario, waves, placements, employees, towerZone),
    placements,
    unplaced,
    agencies: [...new Set(scenario.employees.map((e) => e.agency))].sort(),
    reasons: [...new Set(unplaced.map((u) => u.reason))].sort(),
    find(id) {
      const key = id.trim();
      const p = placedAt.get(key);
      if (p) return { kind: "placed", row: p };
      const u = unplacedAt.get(key);
      return u ? { kind: "unplaced", row: u } : { kind: "unknown" };
    },
  };
}

interface Slot {
  floor: number | null;
  position: number;
}

const FLOOR_AND_NUMBER = /(\d{2})(\d{2})$/;
const UNITS_PER_ROW_WHEN_FLOOR_UNKNOWN = 10;

/**
 * Where a unit sits in its tower: its `floor` when given, else the IKN numbering `<tower>-FFNN`
 * (floor FF, unit NN), else rows of ten in scenario order with no floor number.
 */
export function unitSlots(units: readonly Unit[]): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  const seenInTower = new Map<string, number>();
  for (const u of units) {
    const index = seenInTower.get(u.tower) ?? 0;
    seenInTower.set(u.tower, index + 1);
    const numbered = u.id.startsWith(`${u.tower}-`) ? FLOOR_AND_NUMBER.exec(u.id) : null;
    if (u.floor !== undefined) slots.set(u.id, { floor: u.floor, position: numbered ? Number(numbered[2]) : index });
    else if (numbered) slots.set(u.id, { floor: Number(numbered[1]), position: Number(numbered[2]) });
    else slots.set(u.id, { floor: null, position: index });
  }
  return slots;
}

function tierRows(scenario: Scenario, placements: PlacementRow[]): TierRow[] {
  const tierOf = new Map(scenario.agencies.map((a) => [a.id, a.priority]));
  const rows = [1, 2, 3, 4, 5].map((tier) => ({ tier, placed: 0, total: 0 }));
  for (const e of scenario.employees) rows[tierOf.get(e.agency)! - 1].total++;
  for (const p of placements) rows[p.tier - 1].placed++;
  return rows.filter((r) => r.total > 0);
}

function waveRows(waves: Wave[], placements: PlacementRow[]): WaveRow[] {
  const rows = new Map<string, WaveRow>(
    waves.map((w) => [w.id, { id: w.id, date: w.date, households: 0, persons: 0, maxHouseholds: w.maxHouseholds, maxPersons: w.maxPersons }]),
  );
  for (const p of placements) {
    const row = rows.get(p.wave)!;
    row.households++;
    row.persons += p.persons;
  }
  return [...rows.values()];
}

function towerViews(
  scenario: Scenario,
  slots: Map<string, Slot>,
  placements: PlacementRow[],
  employees: Map<string, Employee>,
): TowerView[] {
  const occupants = new Map<string, Occupant[]>();
  for (const p of placements) {
    const list = occupants.get(p.unit) ?? [];
    list.push({ employee: p.employee, agency: p.agency, wave: p.wave, persons: p.persons, family: p.family });
    occupants.set(p.unit, list);
  }
  const waveOrder = new Map([...scenario.waves].sort((a, b) => a.date.localeCompare(b.date)).map((w, i) => [w.id, i]));
  const byTower = new Map<string, { slot: Slot; cell: UnitCell }[]>();
  for (const u of scenario.units) {
    const slot = slots.get(u.id)!;
    const here = occupants.get(u.id) ?? [];
    const first = here.reduce<string | null>((w, o) => (w === null || waveOrder.get(o.wave)! < waveOrder.get(w)! ? o.wave : w), null);
    const cell: UnitCell = { id: u.id, floor: slot.floor, kind: unitKind(here, employees), wave: first, occupants: here };
    const list = byTower.get(u.tower) ?? [];
    list.push({ slot, cell });
    byTower.set(u.tower, list);
  }
  return scenario.towers.map((t) => {
    const cells = byTower.get(t.id) ?? [];
    return {
      id: t.id,
      zone: t.zone,
      floors: floorRows(cells),
      units: cells.length,
      occupiedUnits: cells.filter((c) => c.cell.kind !== "empty").length,
    };
  });
}

function unitKind(here: Occupant[], employees: Map<string, Employee>): UnitKind {
  if (here.length === 0) return "empty";
  if (here.some((o) => o.family)) return "family";
  return employees.get(here[0].employee)!.gender === "F" ? "singles-F" : "singles-M";
}

function floorRows(cells: { slot: Slot; cell: UnitCell }[]): FloorRow[] {
  const known = cells.filter((c) => c.slot.floor !== null);
  const rows = new Map<number, { slot: Slot; cell: UnitCell }[]>();
  for (const c of known) rows.set(c.slot.floor!, [...(rows.get(c.slot.floor!) ?? []), c]);
  const out: FloorRow[] = [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([floor, list]) => ({ floor, units: list.sort((a, b) => a.slot.position - b.slot.position).map((c) => c.cell) }));
  const unknown = cells.filter((c) => c.slot.floor === null).map((c) => c.cell);
  for (let i = 0; i < unknown.length; i += UNITS_PER_ROW_WHEN_FLOOR_UNKNOWN) {
    out.push({ floor: null, units: unknown.slice(i, i + UNITS_PER_ROW_WHEN_FLOOR_UNKNOWN) });
  }
  return out;
}

function schoolRows(
  scenario: Scenario,
  waves: Wave[],
  placements: PlacementRow[],
  employees: Map<string, Employee>,
  towerZone: Map<string, string>,
): SchoolRow[] {
  const rows = new Map<string, SchoolRow>();
  const row = (zone: string, level: SchoolLevel) => {
    const key = `${zone}\u0000${level}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { zone, level, byWave: waves.map(() => ({ used: 0, available: 0 })) }));
    return r;
  };
  for (const s of scenario.schools) {
    const r = row(s.zone, s.level);
    waves.forEach((w, i) => {
      if (s.openDate <= w.date) r.byWave[i].available += s.seats;
    });
  }
  for (const p of placements) {
    const need = schoolNeeds(employees.get(p.employee)!);
    const zone = towerZone.get(p.tower)!;
    for (const level of SCHOOL_LEVELS) {
      if (need[level] === 0) continue;
      const r = row(zone, level);
      // Seats are never released: a child placed in a wave uses a seat in every later wave too.
      waves.forEach((w, i) => {
        if (p.date <= w.date) r.byWave[i].used += need[level];
      });
    }
  }
  const levelOrder = (l: SchoolLevel) => SCHOOL_LEVELS.indexOf(l);
  return [...rows.values()].sort((a, b) => a.zone.localeCompare(b.zone) || levelOrder(a.level) - levelOrder(b.level));
}

import { isFamily, type Employee, type Placement, type Scenario, type Unit, type Unplaced } from "../domain/index.js";
import { NO_PLACEMENT_REASONS, type AllocationModel } from "./build.js";
import { bedsPerUnit, byTowerFloorId, type UnitClass } from "./classes.js";

export const OUTRANKED_REASON = "outranked: the eligible units, wave places and school seats went to placements of higher value";

interface Arrival {
  employee: Employee;
  wave: string;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byAgencyThenId = (a: Arrival, b: Arrival) =>
  (a.employee.agency < b.employee.agency ? -1 : a.employee.agency > b.employee.agency ? 1 : 0) ||
  (a.wave < b.wave ? -1 : a.wave > b.wave ? 1 : 0) ||
  byId(a.employee, b.employee);

/**
 * Turns the model's counts into concrete placements. Within a class every member is interchangeable
 * for the constraints, so members are chosen by fixed value (mustMove first); within a unit class
 * every unit is, so households are laid out agency by agency along towers and floors, keeping
 * colleagues in neighbouring units. Deterministic: ties break by id.
 */
export function disaggregate(scenario: Scenario, model: AllocationModel, values: number[]): { placements: Placement[]; unplaced: Unplaced[] } {
  const count = (col: number) => Math.round(values[col]);
  const arrivalsByUnitClass = model.unitClasses.map((): Arrival[] => []);
  const slotsOf = model.classes.map((): AllocationModel["placements"] => []);
  for (const p of model.placements) for (let n = count(p.column); n > 0; n--) slotsOf[p.cls].push(p);
  model.classes.forEach((cls, k) => {
    const slots = slotsOf[k];
    const chosen = [...cls.mustMove, ...cls.optional].slice(0, slots.length).sort((a, b) => byAgencyThenId({ employee: a, wave: "" }, { employee: b, wave: "" }));
    chosen.forEach((employee, i) => {
      arrivalsByUnitClass[slots[i].unitClass].push({ employee, wave: scenario.waves[slots[i].wave].id });
    });
  });

  const unitOf = new Map<string, string>();
  const dateOf = new Map(scenario.waves.map((w) => [w.id, w.date]));
  model.unitClasses.forEach((uc, u) => {
    for (const [arrival, unit] of layOut(uc, arrivalsByUnitClass[u], model.sharing, (wave) => dateOf.get(wave)!)) {
      unitOf.set(arrival.employee.id, `${unit.id}\u0000${arrival.wave}`);
    }
  });
  for (const p of scenario.pinned) unitOf.set(p.employee, `${p.unit}\u0000${p.wave}`);

  const reasonOf = unplacedReasons(model);
  const placements: Placement[] = [];
  const unplaced: Unplaced[] = [];
  for (const e of scenario.employees) {
    const at = unitOf.get(e.id);
    if (at) {
      const [unit, wave] = at.split("\u0000");
      placements.push({ employee: e.id, unit, wave });
    } else unplaced.push({ employee: e.id, reason: reasonOf.get(e.id) ?? OUTRANKED_REASON });
  }
  return { placements, unplaced };
}

/** A unit given to singles of one gender, with the beds still free. */
interface SharedUnit {
  unit: Unit;
  gender: "F" | "M";
  bedsFree: number;
}

/**
 * Gives each arrival a unit of the class, wave date by wave date: singles first fill free beds of
 * units already shared by their gender, then new households (families, and singles `beds` to a
 * unit) take the ready free units, agency by agency along towers and floors. The model's cumulative
 * rows guarantee that a ready unit is free whenever one is needed.
 */
function layOut(uc: UnitClass, arrivals: Arrival[], sharing: boolean, dateOf: (wave: string) => string): Map<Arrival, Unit> {
  const placed = new Map<Arrival, Unit>();
  const beds = bedsPerUnit(uc, sharing);
  const shared: SharedUnit[] = uc.partial ? uc.units.map((unit) => ({ unit, gender: uc.partial!.gender, bedsFree: beds })) : [];
  const free: Unit[] = [];
  let nextReady = 0;
  for (const date of [...new Set(arrivals.map((a) => dateOf(a.wave)))].sort()) {
    while (!uc.partial && nextReady < uc.units.length && uc.readyDates[nextReady] <= date) free.push(uc.units[nextReady++]);
    free.sort(byTowerFloorId);
    const today = arrivals.filter((a) => dateOf(a.wave) === date).sort(byAgencyThenId);
    const households: Arrival[][] = today.filter((a) => isFamily(a.employee)).map((a) => [a]);
    for (const gender of ["F", "M"] as const) {
      const waiting = today.filter((a) => !isFamily(a.employee) && a.employee.gender === gender);
      for (const room of shared.filter((r) => r.gender === gender && r.bedsFree > 0)) {
        const moving = waiting.splice(0, room.bedsFree);
        for (const a of moving) placed.set(a, room.unit);
        room.bedsFree -= moving.length;
      }
      for (let i = 0; i < waiting.length; i += beds) households.push(waiting.slice(i, i + beds));
    }
    households.sort((a, b) => byAgencyThenId(a[0], b[0]));
    for (const members of households) {
      const unit = free.shift();
      if (!unit) throw new Error(`disaggregation: no unit of class ${uc.key} ready by ${date} is free (a bug: the model's rows forbid this)`);
      for (const m of members) placed.set(m, unit);
      if (!isFamily(members[0].employee)) shared.push({ unit, gender: members[0].employee.gender, bedsFree: beds - members.length });
    }
  }
  return placed;
}

function unplacedReasons(model: AllocationModel): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const { cls, reason } of model.unplaceable) {
    const c = model.classes[cls];
    for (const e of [...c.mustMove, ...c.optional]) reasons.set(e.id, NO_PLACEMENT_REASONS[reason]);
  }
  return reasons;
}

import { isFamily, type Employee, type Placement, type Scenario, type Unit, type Unplaced } from "../domain/index.js";
import { NO_PLACEMENT_REASONS, type AllocationModel } from "./build.js";
import type { UnitClass } from "./classes.js";

export const OUTRANKED_REASON = "outranked: the eligible units, wave places and school seats went to placements of higher value";

interface Arrival {
  employee: Employee;
  wave: string;
}

/** A group that moves into one unit: a family, or singles of one gender sharing it. */
interface Household {
  members: Arrival[];
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
  const placed = new Set<string>();
  model.classes.forEach((cls, k) => {
    const slots = model.placements.filter((p) => p.cls === k).flatMap((p) => Array.from({ length: count(p.column) }, () => p));
    const chosen = [...cls.mustMove, ...cls.optional].slice(0, slots.length).sort((a, b) => byAgencyThenId({ employee: a, wave: "" }, { employee: b, wave: "" }));
    chosen.forEach((employee, i) => {
      arrivalsByUnitClass[slots[i].unitClass].push({ employee, wave: scenario.waves[slots[i].wave].id });
      placed.add(employee.id);
    });
  });

  const unitOf = new Map<string, string>();
  model.unitClasses.forEach((uc, u) => {
    const households = householdsOf(uc, arrivalsByUnitClass[u], model.sharing);
    households.forEach((h, i) => {
      const unit: Unit | undefined = uc.units[i];
      if (!unit) throw new Error(`disaggregation: unit class ${uc.key} has ${uc.units.length} units for ${households.length} households`);
      for (const m of h.members) unitOf.set(m.employee.id, `${unit.id}\u0000${m.wave}`);
    });
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

function householdsOf(uc: UnitClass, arrivals: Arrival[], sharing: boolean): Household[] {
  const families = arrivals.filter((a) => isFamily(a.employee)).map((a) => ({ members: [a] }));
  const singles: Household[] = [];
  const beds = uc.partial ? uc.partial.bedsLeft : sharing ? uc.bedrooms : 1;
  for (const gender of ["F", "M"] as const) {
    const ofGender = arrivals.filter((a) => !isFamily(a.employee) && a.employee.gender === gender).sort(byAgencyThenId);
    for (let i = 0; i < ofGender.length; i += beds) singles.push({ members: ofGender.slice(i, i + beds) });
  }
  if (uc.partial) return singles;
  return [...families, ...singles].sort((a, b) => byAgencyThenId(a.members[0], b.members[0]));
}

function unplacedReasons(model: AllocationModel): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const { cls, reason } of model.unplaceable) {
    const c = model.classes[cls];
    for (const e of [...c.mustMove, ...c.optional]) reasons.set(e.id, NO_PLACEMENT_REASONS[reason]);
  }
  return reasons;
}

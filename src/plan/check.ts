import {
  DEFAULT_POLICY,
  SCHOOL_LEVELS,
  ScenarioIndex,
  bedroomsNeeded,
  isFamily,
  persons,
  resolvePolicy,
  scenarioPolicy,
  schoolNeeds,
  type Employee,
  type Placement,
  type Plan,
  type Policy,
  type Scenario,
  type SchoolLevel,
  type Unit,
  type Wave,
} from "../domain/index.js";

// The checker re-derives every rule of MODEL.md from the scenario alone. It must never import the
// formulation or a solver: it is the independent judge of what they produce.

/** A MODEL.md hard constraint (1-8), or `"plan"` for a malformed plan document. */
export type ConstraintId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | "plan";

export interface Violation {
  constraint: ConstraintId;
  /** Starts with `constraint N:` or `plan:` and names the ids involved. */
  message: string;
  employees: string[];
  units?: string[];
  waves?: string[];
  schools?: string[];
}

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  /** MODEL.md's objective of the plan's placements, recomputed under the policy checked against. */
  objective: number;
}

/** MODEL.md compares objective values with this relative tolerance. */
const REL_TOLERANCE = 1e-6;
/** How many ids a message spells out before it says "and N more" (the violation lists them all). */
const IDS_IN_MESSAGE = 5;

/** A placement whose ids all name things of the scenario. */
interface Placed {
  employee: Employee;
  unit: Unit;
  wave: Wave;
}

type Report = (constraint: ConstraintId, text: string, ids: Omit<Violation, "constraint" | "message">) => void;

/**
 * Every violation of MODEL.md's hard constraints 1-8 by `plan`, every malformed part of the plan
 * document, and the objective recomputed from the placements. `policy` defaults to the plan's own
 * (the policy its solve used), else the scenario's.
 */
export function checkPlan(scenario: Scenario, plan: Plan, policy: Policy = planPolicy(plan) ?? scenarioPolicy(scenario)): CheckResult {
  const index = new ScenarioIndex(scenario);
  const violations: Violation[] = [];
  const report: Report = (constraint, text, ids) =>
    violations.push({ constraint, message: `${constraint === "plan" ? "plan" : `constraint ${constraint}`}: ${text}`, ...ids });

  const placed = resolvePlacements(index, plan, report);
  const byEmployee = groupBy(plan.placements, (p) => p.employee);
  const objective = placed.reduce((sum, p) => sum + index.placementValue(p.employee, p.unit, p.wave, policy), 0);

  checkDocument(scenario, plan, objective, report);
  checkCoverage(index, plan, byEmployee, report);
  checkPlacementRules(index, placed, report);
  checkOccupancy(placed, policy.sharing, report);
  checkWaveCapacity(placed, report);
  checkSchoolSeats(index, placed, report);
  // An infeasible plan claims no plan exists; the obligations of a feasible plan do not apply to it.
  if (plan.status !== "infeasible") {
    checkMustMove(scenario, byEmployee, report);
    checkPins(scenario, byEmployee, report);
  }
  const rank = (c: ConstraintId) => (c === "plan" ? 0 : c);
  violations.sort((a, b) => rank(a.constraint) - rank(b.constraint));
  return { ok: violations.length === 0, violations, objective };
}

/** The policy a plan says its solve used, completed with MODEL.md's defaults. */
export function planPolicy(plan: Plan): Policy | undefined {
  return plan.policy && resolvePolicy(DEFAULT_POLICY, plan.policy);
}

function resolvePlacements(index: ScenarioIndex, plan: Plan, report: Report): Placed[] {
  const placed: Placed[] = [];
  plan.placements.forEach((p, at) => {
    const employee = index.employee.get(p.employee);
    const unit = index.unit.get(p.unit);
    const wave = index.wave.get(p.wave);
    const where = `placements[${at}]`;
    if (!employee) report("plan", `${where} names unknown employee "${p.employee}"`, { employees: [p.employee] });
    if (!unit) report("plan", `${where} names unknown unit "${p.unit}"`, { employees: [p.employee], units: [p.unit] });
    if (!wave) report("plan", `${where} names unknown wave "${p.wave}"`, { employees: [p.employee], waves: [p.wave] });
    if (employee && unit && wave) placed.push({ employee, unit, wave });
  });
  return placed;
}

/** Scenario id, status, objective and bound, as MODEL.md's "Plan" and "Edge cases" require. */
function checkDocument(scenario: Scenario, plan: Plan, objective: number, report: Report): void {
  const none = { employees: [] };
  if (plan.scenarioId !== scenario.id) report("plan", `scenarioId "${plan.scenarioId}" is not the scenario's id "${scenario.id}"`, none);
  if (plan.status === "infeasible") {
    if (plan.placements.length > 0) {
      const ids = plan.placements.map((p) => p.employee);
      report("plan", `an infeasible plan has no placements, this one has ${plan.placements.length}: ${listIds(ids)}`, { employees: ids });
    }
    if (!plan.explanation?.trim()) report("plan", "an infeasible plan needs an explanation", none);
    if (plan.objective !== null || plan.bound !== null) {
      report("plan", `an infeasible plan has a null objective and bound (objective ${plan.objective}, bound ${plan.bound})`, none);
    }
    return;
  }
  // NaN and ±Infinity are no numbers in JSON either: they would be written as null.
  if (!Number.isFinite(plan.objective) || !Number.isFinite(plan.bound)) {
    report("plan", `status ${plan.status} needs a numeric objective and bound (objective ${plan.objective}, bound ${plan.bound})`, none);
  }
  if (plan.objective !== null && !close(plan.objective, objective)) {
    report("plan", `reported objective ${plan.objective} differs from the recomputed ${objective}`, none);
  }
  if (plan.bound !== null && plan.bound < objective && !close(plan.bound, objective)) {
    report("plan", `bound ${plan.bound} is below the plan's objective ${objective}`, none);
  }
  if (plan.status === "optimal" && plan.objective !== null && plan.bound !== null && !close(plan.bound, plan.objective)) {
    report("plan", `an optimal plan's bound ${plan.bound} differs from its objective ${plan.objective}`, none);
  }
}

/** Every employee exactly once, in `placements` or `unplaced`; at most one placement each (constraint 1). */
function checkCoverage(index: ScenarioIndex, plan: Plan, byEmployee: Map<string, Placement[]>, report: Report): void {
  const unplacedCount = new Map<string, number>();
  plan.unplaced.forEach((u, at) => {
    if (!index.employee.has(u.employee)) report("plan", `unplaced[${at}] names unknown employee "${u.employee}"`, { employees: [u.employee] });
    unplacedCount.set(u.employee, (unplacedCount.get(u.employee) ?? 0) + 1);
  });
  for (const e of index.scenario.employees) {
    const placements = byEmployee.get(e.id) ?? [];
    const unplaced = unplacedCount.get(e.id) ?? 0;
    const ids = { employees: [e.id] };
    if (placements.length === 0 && unplaced === 0) report("plan", `employee ${e.id} is in neither placements nor unplaced`, ids);
    if (placements.length > 0 && unplaced > 0) report("plan", `employee ${e.id} is both placed and unplaced`, ids);
    if (unplaced > 1) report("plan", `employee ${e.id} is listed ${unplaced} times in unplaced`, ids);
    if (placements.length > 1) {
      report(1, `employee ${e.id} has ${placements.length} placements (${describePlacements(placements)})`, {
        ...ids,
        units: unique(placements.map((p) => p.unit)),
        waves: unique(placements.map((p) => p.wave)),
      });
    }
  }
}

function checkMustMove(scenario: Scenario, byEmployee: Map<string, Placement[]>, report: Report): void {
  for (const e of scenario.employees) {
    if (e.mustMove && !byEmployee.has(e.id)) report(1, `employee ${e.id} must move but is not placed`, { employees: [e.id] });
  }
}

/** Constraints that each placement meets or breaks on its own: 2 (eligibility), 3 (dates), 5 (accessibility). */
function checkPlacementRules(index: ScenarioIndex, placed: Placed[], report: Report): void {
  for (const { employee: e, unit: u, wave: w } of placed) {
    const ids = { employees: [e.id], units: [u.id], waves: [w.id] };
    if (!index.eligible(e, u)) {
      const tower = index.tower.get(u.tower)!;
      report(2, `employee ${e.id} (group ${e.group}, agency ${e.agency}) is in unit ${u.id} of tower ${tower.id}, reserved for ${tower.reservedFor.join(", ")}`, ids);
    }
    const ready = index.readyDate(u);
    if (ready > w.date) report(3, `unit ${u.id} is ready on ${ready}, after wave ${w.id} (${w.date}) that houses employee ${e.id}`, ids);
    if (e.availableFrom > w.date) report(3, `employee ${e.id} is available from ${e.availableFrom}, after wave ${w.id} (${w.date})`, ids);
    if (e.requiredBy !== undefined && w.date > e.requiredBy) {
      report(3, `employee ${e.id} is required by ${e.requiredBy}, before wave ${w.id} (${w.date})`, ids);
    }
    if (e.needsAccessible && !u.accessible) report(5, `employee ${e.id} needs an accessible unit, unit ${u.id} is not`, ids);
  }
}

/** Constraint 4, over all waves together: one family that fits, alone; or singles of one gender, one per bedroom. */
function checkOccupancy(placed: Placed[], sharing: boolean, report: Report): void {
  for (const onUnit of groupBy(placed, (p) => p.unit.id).values()) {
    const u = onUnit[0].unit;
    const occupants = [...new Map(onUnit.map((p) => [p.employee.id, p.employee])).values()];
    const ids = { employees: occupants.map((e) => e.id), units: [u.id], waves: unique(onUnit.map((p) => p.wave.id)) };
    const families = occupants.filter(isFamily);
    for (const f of families) {
      const only = { ...ids, employees: [f.id] };
      if (persons(f) > u.maxOccupants) report(4, `unit ${u.id} holds family ${f.id} of ${persons(f)} persons, maxOccupants ${u.maxOccupants}`, only);
      if (bedroomsNeeded(f) > u.bedrooms) report(4, `unit ${u.id} has ${u.bedrooms} bedrooms, family ${f.id} needs ${bedroomsNeeded(f)}`, only);
    }
    if (families.length > 0 && occupants.length > 1) {
      const who = occupants.map((e) => `${isFamily(e) ? "family" : "single"} ${e.id}`);
      report(4, `unit ${u.id} holds ${listIds(who)}; a family lives alone`, ids);
      continue;
    }
    const genders = unique(occupants.map((e) => e.gender));
    if (genders.length > 1) report(4, `unit ${u.id} holds singles of both genders: ${describeByGender(occupants)}`, ids);
    const limit = sharing ? u.bedrooms : 1;
    if (occupants.length > limit) {
      const why = sharing ? `it has ${u.bedrooms} bedrooms` : "sharing is off";
      report(4, `unit ${u.id} holds ${occupants.length} singles (${listIds(ids.employees)}), ${why}`, ids);
    }
  }
}

function describeByGender(singles: Employee[]): string {
  return [...groupBy(singles, (e) => e.gender)].map(([g, es]) => `${g} ${listIds(es.map((e) => e.id))}`).join("; ");
}

/** Constraint 6: households and persons per wave. */
function checkWaveCapacity(placed: Placed[], report: Report): void {
  for (const inWave of groupBy(placed, (p) => p.wave.id).values()) {
    const w = inWave[0].wave;
    const ids = { employees: inWave.map((p) => p.employee.id), waves: [w.id] };
    if (w.maxHouseholds !== undefined && inWave.length > w.maxHouseholds) {
      report(6, `wave ${w.id} places ${inWave.length} households, maxHouseholds ${w.maxHouseholds}`, ids);
    }
    const people = inWave.reduce((sum, p) => sum + persons(p.employee), 0);
    if (w.maxPersons !== undefined && people > w.maxPersons) report(6, `wave ${w.id} places ${people} persons, maxPersons ${w.maxPersons}`, ids);
  }
}

/**
 * Constraint 7: for every zone, level and wave date, the children placed in that zone in waves up to
 * that date fit in the seats of schools open by then. Demand and seats only grow with the date, so a
 * date that adds no children can only break the constraint if an earlier one already did: reporting
 * the dates that add children names every distinct breach once.
 */
function checkSchoolSeats(index: ScenarioIndex, placed: Placed[], report: Report): void {
  const waveDates = unique(index.scenario.waves.map((w) => w.date)).sort();
  for (const level of SCHOOL_LEVELS) {
    const demand = placed.filter((p) => schoolNeeds(p.employee)[level] > 0);
    for (const [zone, inZone] of groupBy(demand, (p) => index.unitZone(p.unit))) {
      const schools = index.scenario.schools.filter((s) => s.zone === zone && s.level === level);
      if (schools.length === 0) {
        const ids = { employees: inZone.map((p) => p.employee.id), units: unique(inZone.map((p) => p.unit.id)) };
        report(7, `zone ${zone} has no ${level} school, yet houses ${level} children of ${listIds(ids.employees)}`, ids);
        continue;
      }
      checkSeatsByDate(level, zone, inZone, schools, waveDates, report);
    }
  }
}

function checkSeatsByDate(
  level: SchoolLevel,
  zone: string,
  inZone: Placed[],
  schools: Scenario["schools"],
  waveDates: string[],
  report: Report,
): void {
  for (const date of waveDates) {
    const arriving = inZone.filter((p) => p.wave.date === date);
    if (arriving.length === 0) continue;
    const sofar = inZone.filter((p) => p.wave.date <= date);
    const children = sofar.reduce((sum, p) => sum + schoolNeeds(p.employee)[level], 0);
    const open = schools.filter((s) => s.openDate <= date);
    const seats = open.reduce((sum, s) => sum + s.seats, 0);
    if (children <= seats) continue;
    const waves = unique(arriving.map((p) => p.wave.id));
    report(7, `zone ${zone}, ${level}, by ${date} (wave ${waves.join(", ")}): ${children} children placed, ${seats} seat(s) open`, {
      employees: sofar.map((p) => p.employee.id),
      waves,
      schools: open.map((s) => s.id),
    });
  }
}

/** Constraint 8: every pin appears in the plan as given. */
function checkPins(scenario: Scenario, byEmployee: Map<string, Placement[]>, report: Report): void {
  scenario.pinned.forEach((pin, at) => {
    const placements = byEmployee.get(pin.employee) ?? [];
    if (placements.some((p) => p.unit === pin.unit && p.wave === pin.wave)) return;
    const actual = placements.length ? `placed in ${describePlacements(placements)}` : "not placed";
    report(8, `pinned[${at}] puts employee ${pin.employee} in unit ${pin.unit} in wave ${pin.wave}, the plan has them ${actual}`, {
      employees: [pin.employee],
      units: [pin.unit],
      waves: [pin.wave],
    });
  });
}

function describePlacements(placements: Placement[]): string {
  return placements.map((p) => `${p.unit} in ${p.wave}`).join(", ");
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, IDS_IN_MESSAGE).join(", ");
  return ids.length > IDS_IN_MESSAGE ? `${shown} and ${ids.length - IDS_IN_MESSAGE} more` : shown;
}

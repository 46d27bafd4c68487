import {
  SCHOOL_LEVELS,
  ScenarioIndex,
  dayNumber,
  persons,
  schoolNeeds,
  type Pin,
  type Policy,
  type Scenario,
  type SchoolLevel,
} from "../domain/index.js";
import { bedsPerUnit, classSize, employeeClasses, unitClasses, type EmployeeClass, type UnitClass } from "./classes.js";
import { ProgramBuilder, addTerm, type IntegerProgram, type Row } from "./program.js";

/** Why a class of employees has no possible placement, in the order the filters apply. */
export const NO_PLACEMENT_REASONS = {
  reservation: "no unit in a tower reserved for its group or agency",
  window: "no wave between availableFrom and requiredBy",
  pinned: "every unit it could live in is taken by pinned placements",
  ready: "no eligible unit ready before requiredBy",
  accessible: "needs an accessible unit and no eligible accessible unit is ready in time",
  fit: "the household does not fit any eligible unit (persons or bedrooms)",
  school: "no school seats for its children in the zones of eligible units",
} as const;
export type NoPlacementReason = keyof typeof NO_PLACEMENT_REASONS;

/** One placement column: `count` employees of `cls` into units of `unitClass` in wave `wave`. */
export interface PlacementColumn {
  column: number;
  cls: number;
  unitClass: number;
  wave: number;
}

/** The program plus what is needed to read its solution back as placements. */
export interface AllocationModel {
  program: IntegerProgram;
  /**
   * Rows every integer solution of the program satisfies but its LP relaxation need not
   * (`singlesCoverRows`): added, they tighten the LP bound and leave the integer optimum alone.
   */
  coverRows: Row[];
  classes: EmployeeClass[];
  unitClasses: UnitClass[];
  placements: PlacementColumn[];
  /** Per unit class, gender and wave date: the column counting units first occupied then by singles of that gender. */
  singlesUnits: { column: number; unitClass: number; gender: "F" | "M"; date: string }[];
  /** Per wave whose persons capacity can bind and household size: the column counting those households. */
  householdSizes: HouseholdSize[];
  /** Per school row that can bind (models of up to 3,000 placement columns) and number of children: the column counting those families. */
  schoolNeeds: SchoolNeed[];
  /** Classes with no possible placement and why. */
  unplaceable: { cls: number; reason: NoPlacementReason }[];
  /** Per class: its optional members' fixed values as runs of equal value, best first. */
  levels: ValueLevel[][];
  /** Per class: the `y` column of each level after the first. */
  levelColumns: number[][];
  sharing: boolean;
  refDay: number;
  /** Wave ids by index (the `w` of column names). */
  waves: string[];
  /** Wave dates by index. */
  waveDates: string[];
}

/** A column defined as the sum of placement columns (by a row `Σ placements − column = 0`). */
export interface SumColumn {
  column: number;
  placements: number[];
}

/** The column `h_w_p`: households of `persons` persons placed in wave `wave`. */
export interface HouseholdSize extends SumColumn {
  wave: number;
  persons: number;
}

/** The column `n_z_L_d_c`: families with `need` children at school level `level` placed in zone `zone` by wave date `date`. */
export interface SchoolNeed extends SumColumn {
  zone: string;
  level: SchoolLevel;
  date: string;
  need: number;
}

/** Every column of the model that is a sum of placements. */
export function sumColumns(model: Pick<AllocationModel, "householdSizes" | "schoolNeeds">): SumColumn[] {
  return [...model.householdSizes, ...model.schoolNeeds];
}

/**
 * The order in which a branch-and-bound of its own branches (`branching` of the HiGHS backend):
 * lower first. The sum columns (households of a size in a wave, families of a number of children in a
 * zone), whose knapsack rows make the LP's gap, then the units opened for singles, then the rest.
 */
export function branchingPriority(model: Pick<AllocationModel, "program" | "singlesUnits" | "householdSizes" | "schoolNeeds">): number[] {
  const priority = model.program.columns.map(() => 2);
  for (const { column } of model.singlesUnits) priority[column] = 1;
  for (const { column } of sumColumns(model)) priority[column] = 0;
  return priority;
}

/** What a sum column must be in a solution: the sum of the placements it counts. */
export function sumOfPlacements(sum: SumColumn, values: ArrayLike<number>): number {
  return sum.placements.reduce((n, j) => n + values[j], 0);
}

export interface ValueLevel {
  value: number;
  count: number;
}

export interface ModelOptions {
  policy: Policy;
  /**
   * Every capacity as a row only, none repeated in a column's bound (placements bounded by their class's
   * size alone): the same integer solutions, a weaker LP. For explanations, where removing a row must
   * remove its capacity.
   */
  capacitiesAsRowsOnly?: boolean;
}

/** Seats of level `level` in `zone` open by `date`, minus those pinned children already use. */
type SeatsLeft = (zone: string, level: SchoolLevel, date: string) => number;

/**
 * Builds the class model of MODEL.md (see docs/formulation.md): exact, with pinned placements
 * folded into the offset and the capacities they use. Pins are assumed to satisfy constraints
 * 2–7 (the pipeline checks them first).
 */
export function buildModel(scenario: Scenario, options: ModelOptions): AllocationModel {
  const { policy } = options;
  const capped = !options.capacitiesAsRowsOnly;
  const index = new ScenarioIndex(scenario);
  const pins = scenario.pinned;
  const pinnedIds = new Set(pins.map((p) => p.employee));
  // The day values are counted from; without waves nothing can be placed, and any day would do.
  const refDay = scenario.waves.length > 0 ? Math.min(...scenario.waves.map((w) => dayNumber(w.date))) : 0;
  const classes = employeeClasses(index, scenario.employees.filter((e) => !pinnedIds.has(e.id)), policy, refDay);
  const units = unitClasses(index, pins, policy.sharing);
  // Every unit as if none were pinned: tells "taken by pins" apart from "never possible".
  let everyUnit: UnitClass[] | undefined;
  const allUnits = () => (everyUnit ??= pins.length ? unitClasses(index, [], policy.sharing) : units);
  const seatsLeft = seatsLeftAfterPins(index, pins);
  const b = new ProgramBuilder();
  b.program.offset = index.placementsValue(pins, policy);

  const placements: PlacementColumn[] = [];
  const unplaceable: AllocationModel["unplaceable"] = [];
  const blocked = (cls: EmployeeClass, uc: UnitClass, w: number) => firstFilterFailed(index, cls, uc, scenario.waves[w].date, seatsLeft);
  classes.forEach((cls, k) => {
    const before = placements.length;
    units.forEach((uc, u) => {
      for (const w of cls.waves) {
        if (blocked(cls, uc, w)) continue;
        const wave = scenario.waves[w];
        const cost =
          -policy.waitPerDay * (dayNumber(wave.date) - refDay) - policy.commutePerMinute * index.travelMinutes(uc.zone, cls.officeZone);
        const size = classSize(cls);
        const ready = readyBy(uc, wave.date);
        const capacity = cls.family ? ready : ready * bedsPerUnit(uc, policy.sharing);
        const upper = capped ? Math.min(size, capacity) : size;
        const column = b.addColumn({ name: `x_${k}_${u}_${w}`, lower: 0, upper, integer: true, cost });
        placements.push({ column, cls: k, unitClass: u, wave: w });
      }
    });
    if (placements.length === before) unplaceable.push({ cls: k, reason: whyUnplaceable(index, cls, allUnits(), blocked) });
  });

  const { levels, levelColumns } = addClassCountRows(b, classes, placements);
  const singlesUnits = addUnitRows(b, scenario, units, classes, placements, policy.sharing, capped);
  const householdSizes = addWaveRows(b, scenario, index, pins, classes, placements, capped);
  const schoolNeeds = addSchoolRows(b, scenario, units, classes, placements, seatsLeft);
  dropRedundantRows(b.program);
  b.program.integralObjective = Number.isInteger(b.program.offset) && b.program.columns.every((c) => Number.isInteger(c.cost));
  const waveDates = scenario.waves.map((w) => w.date);
  const coverRows = singlesCoverRows(units, classes, placements, singlesUnits, waveDates, policy.sharing);
  return { program: b.program, coverRows, classes, unitClasses: units, placements, singlesUnits, householdSizes, schoolNeeds, unplaceable, levels, levelColumns, sharing: policy.sharing, refDay, waves: scenario.waves.map((w) => w.id), waveDates };
}

/** The program with the model's cover rows: the same integer solutions, a tighter LP. */
export function withCoverRows(model: Pick<AllocationModel, "program" | "coverRows">): IntegerProgram {
  return { ...model.program, rows: [...model.program.rows, ...model.coverRows] };
}

/** Filters in the order reasons are reported; the first one a (class, unit class, date) fails. */
const FILTERS: { reason: Exclude<NoPlacementReason, "window" | "pinned">; passes: (i: ScenarioIndex, c: EmployeeClass, u: UnitClass, date: string, seats: SeatsLeft) => boolean }[] = [
  { reason: "reservation", passes: (i, c, u) => i.eligible(c.sample, u.sample) },
  { reason: "ready", passes: (_i, _c, u, date) => u.ready <= date },
  { reason: "accessible", passes: (_i, c, u) => !c.needsAccessible || u.accessible },
  { reason: "fit", passes: (_i, c, u) => fits(c, u) },
  { reason: "school", passes: (_i, c, u, date, seats) => SCHOOL_LEVELS.every((l) => c.needs[l] <= seats(u.zone, l, date)) },
];

function firstFilterFailed(index: ScenarioIndex, cls: EmployeeClass, uc: UnitClass, date: string, seats: SeatsLeft): NoPlacementReason | undefined {
  return FILTERS.find((f) => !f.passes(index, cls, uc, date, seats))?.reason;
}

/**
 * The reason a class has no placement column: "taken by pins" when, were no unit pinned, some unit
 * and wave would pass every filter; else the furthest filter any unit got it to.
 */
function whyUnplaceable(
  index: ScenarioIndex,
  cls: EmployeeClass,
  all: UnitClass[],
  blocked: (cls: EmployeeClass, uc: UnitClass, w: number) => NoPlacementReason | undefined,
): NoPlacementReason {
  if (!all.some((uc) => index.eligible(cls.sample, uc.sample))) return "reservation";
  if (cls.waves.length === 0) return "window";
  if (all.some((uc) => cls.waves.some((w) => !blocked(cls, uc, w)))) return "pinned";
  const order = FILTERS.map((f) => f.reason);
  let furthest = 0;
  for (const uc of all) for (const w of cls.waves) furthest = Math.max(furthest, order.indexOf(blocked(cls, uc, w) as (typeof order)[number]));
  return order[furthest];
}

function describeUnits(uc: UnitClass): string {
  return `${uc.units.map((u) => u.id).slice(0, 3).join(", ")}${uc.units.length > 3 ? ", …" : ""} (zone ${uc.zone}, ready ${uc.ready}${uc.accessible ? ", accessible" : ""})`;
}

function describeClass(cls: EmployeeClass): string {
  const members = [...cls.mustMove, ...cls.optional].map((e) => e.id);
  return `${members.slice(0, 5).join(", ")}${members.length > 5 ? `, … (${members.length})` : ""}`;
}

function fits(cls: EmployeeClass, uc: UnitClass): boolean {
  if (uc.partial) return !cls.family && cls.gender === uc.partial.gender;
  return !cls.family || (cls.persons <= uc.maxOccupants && cls.bedroomsNeeded <= uc.bedrooms);
}

/**
 * Per class: mustMove members are all placed, then optional ones by decreasing fixed value. The first
 * value level is priced into the count row's range; each lower level adds a column that lets the
 * count exceed it at the level's (non-positive) price difference, so an optimum fills levels in order.
 */
function addClassCountRows(
  b: ProgramBuilder,
  classes: EmployeeClass[],
  placements: PlacementColumn[],
): { levels: ValueLevel[][]; levelColumns: number[][] } {
  const byClass = groupBy(placements, (p) => p.cls);
  const allLevels: ValueLevel[][] = [];
  const levelColumns: number[][] = [];
  classes.forEach((cls, k) => {
    const cols = byClass.get(k) ?? [];
    for (const v of cls.mustMoveValues) b.program.offset += v;
    const levels = valueLevels(cls.optionalValues);
    const top = levels[0]?.value ?? 0;
    const terms = new Map<number, number>();
    for (const p of cols) {
      b.program.columns[p.column].cost += top;
      addTerm(terms, p.column, 1);
    }
    allLevels.push(levels);
    levelColumns.push(
      levels.slice(1).map((level, l) => {
        const y = b.addColumn({ name: `y_${k}_${l + 1}`, lower: 0, upper: level.count, integer: false, cost: level.value - top });
        addTerm(terms, y, -1);
        return y;
      }),
    );
    b.program.offset -= top * cls.mustMove.length;
    const firstCount = levels[0]?.count ?? 0;
    b.addRow(`count_${k}`, `placements of ${describeClass(cls)}`, terms, cls.mustMove.length, cls.mustMove.length + firstCount);
  });
  return { levels: allLevels, levelColumns };
}

/** Runs of equal values in a descending list. */
function valueLevels(values: number[]): ValueLevel[] {
  const levels: ValueLevel[] = [];
  for (const v of values) {
    const last = levels[levels.length - 1];
    if (last && last.value === v) last.count++;
    else levels.push({ value: v, count: 1 });
  }
  return levels;
}

/** Units of the class ready by `date` (its ready dates are sorted). */
function readyBy(uc: UnitClass, date: string): number {
  let n = 0;
  while (n < uc.readyDates.length && uc.readyDates[n] <= date) n++;
  return n;
}

/**
 * Occupancy per unit class, cumulative over wave dates because ready dates nest: by each date d, the
 * families arriving by d plus the singles units opened (first occupied) by d fit in the units ready
 * by d, and the singles of each gender arriving by d fit in the beds of their units opened by d.
 * Filling dates in order then always finds a ready unit, so these rows are exact (docs/formulation.md).
 */
function addUnitRows(
  b: ProgramBuilder,
  scenario: Scenario,
  units: UnitClass[],
  classes: EmployeeClass[],
  placements: PlacementColumn[],
  sharing: boolean,
  capped: boolean,
): AllocationModel["singlesUnits"] {
  const singlesUnits: AllocationModel["singlesUnits"] = [];
  const byUnit = groupBy(placements, (p) => p.unitClass);
  const dateOf = (p: PlacementColumn) => scenario.waves[p.wave].date;
  units.forEach((uc, u) => {
    const cols = byUnit.get(u) ?? [];
    if (uc.partial) {
      const terms = new Map<number, number>();
      for (const p of cols) addTerm(terms, p.column, 1);
      b.addRow(`partial_${u}`, `free beds in units of ${describeUnits(uc)} that hold pinned singles`, terms, 0, uc.partial.bedsLeft * uc.units.length);
      return;
    }
    const dates = [...new Set(cols.map(dateOf))].sort();
    const opened: { column: number; gender: "F" | "M"; date: string }[] = [];
    const beds = { F: 0, M: 0 };
    for (const gender of ["F", "M"] as const) {
      const singles = cols.filter((p) => !classes[p.cls].family && classes[p.cls].gender === gender);
      beds[gender] = bedsInRows(bedsPerUnit(uc, sharing), singles, classes);
      for (const date of [...new Set(singles.map(dateOf))].sort()) {
        const upper = capped ? readyBy(uc, date) : Infinity;
        const column = b.addColumn({ name: `s_${u}_${gender}_${dates.indexOf(date)}`, lower: 0, upper, integer: true, cost: 0 });
        opened.push({ column, gender, date });
        singlesUnits.push({ column, unitClass: u, gender, date });
      }
    }
    dates.forEach((date, d) => {
      const unitTerms = new Map<number, number>();
      for (const p of cols) if (classes[p.cls].family && dateOf(p) <= date) addTerm(unitTerms, p.column, 1);
      for (const o of opened) if (o.date <= date) addTerm(unitTerms, o.column, 1);
      const ready = readyBy(uc, date);
      b.addRow(`units_${u}_${d}`, `the ${ready} unit(s) of ${describeUnits(uc)} ready by ${date}`, unitTerms, 0, ready);
      for (const gender of ["F", "M"] as const) {
        const bedTerms = new Map<number, number>();
        for (const p of cols) if (!classes[p.cls].family && classes[p.cls].gender === gender && dateOf(p) <= date) addTerm(bedTerms, p.column, 1);
        for (const o of opened) if (o.gender === gender && o.date <= date) addTerm(bedTerms, o.column, -beds[gender]);
        const who = gender === "F" ? "women" : "men";
        b.addRow(`beds_${u}_${gender}_${d}`, `beds for ${who} sharing units of ${describeUnits(uc)} by ${date}`, bedTerms, -Infinity, 0);
      }
    });
  });
  return singlesUnits;
}

/**
 * A unit of more than a thousand beds: no real one, but valid input. A unit opened for singles never
 * holds more of them than could live there, so beds beyond that number change no integer solution,
 * and the beds rows of such units count only up to it: otherwise a unit of a billion bedrooms is a
 * coefficient the solvers cannot take (jslp failed from 1e9, HiGHS from 1e15). Ordinary units keep
 * their beds: the tighter rows everywhere made HiGHS prove conformance c8 in 9.3 s instead of 4.0 s.
 */
const MANY_BEDS = 1000;

function bedsInRows(beds: number, singles: PlacementColumn[], classes: EmployeeClass[]): number {
  if (beds <= MANY_BEDS) return beds;
  return Math.min(beds, [...new Set(singles.map((p) => p.cls))].reduce((n, k) => n + classSize(classes[k]), 0));
}

/**
 * Per gender and set U of unit classes that is all some class of mustMove singles may live in: the m
 * singles of that gender who must move and can live nowhere but U need at least
 * n = ⌈(m − free beds of partial units in U) / B⌉ units opened in U, B the most beds a unit of U
 * gives them. Where U has no partial units, also for each wave date d: the S units opened in U by d
 * hold at most B·S of them, so those placed after d number X ≥ m − B·S, and the mixed-integer
 * rounding of that row, with r = m − B·(n − 1), is `X + r·S ≥ r·n` (for m ≤ B: a unit is opened by d
 * or all m come after it). Every integer solution of the program satisfies these rows (count and
 * beds rows, integral `s`), so they cut off only fractional ones: the LP otherwise opens a third of a
 * unit for one man who must move.
 */
function singlesCoverRows(
  units: UnitClass[],
  classes: EmployeeClass[],
  placements: PlacementColumn[],
  singlesUnits: AllocationModel["singlesUnits"],
  waveDates: string[],
  sharing: boolean,
): Row[] {
  const unitsOf = new Map<number, Set<number>>();
  for (const p of placements) {
    const cls = classes[p.cls];
    if (cls.family || cls.mustMove.length === 0) continue;
    let where = unitsOf.get(p.cls);
    if (!where) unitsOf.set(p.cls, (where = new Set()));
    where.add(p.unitClass);
  }
  const rows: Row[] = [];
  const covered = new Set<string>();
  for (const [k, where] of unitsOf) {
    const gender = classes[k].gender;
    const key = `${gender} ${[...where].sort((a, c) => a - c).join(" ")}`;
    if (covered.has(key)) continue;
    covered.add(key);
    const confined = new Set([...unitsOf].filter(([other, its]) => classes[other].gender === gender && [...its].every((u) => where.has(u))).map(([other]) => other));
    const mustMove = [...confined].reduce((n, other) => n + classes[other].mustMove.length, 0);
    const partialBeds = [...where].reduce((n, u) => n + (units[u].partial ? units[u].partial.bedsLeft * units[u].units.length : 0), 0);
    const opened = singlesUnits.filter((s) => s.gender === gender && where.has(s.unitClass));
    if (opened.length === 0) continue;
    const beds = Math.max(...opened.map((s) => bedsPerUnit(units[s.unitClass], sharing)));
    const needed = mustMove - partialBeds;
    // A whole number of units is what the LP opens already.
    if (needed <= 0 || needed % beds === 0) continue;
    const who = `the ${mustMove} ${gender === "F" ? "women" : "men"} who must move and may live only in ${where.size} unit class(es) such as ${describeUnits(units[Math.min(...where)])}`;
    const cover = (name: string, label: string, lower: number, terms: Map<number, number>) => rows.push({ name, label, lower, upper: Infinity, terms });
    const unitsNeeded = Math.ceil(needed / beds);
    if (partialBeds > 0) {
      cover(`cover_${gender}_${k}`, `units for ${who}`, unitsNeeded, new Map(opened.map((s) => [s.column, 1])));
      continue;
    }
    const inLastUnit = needed - beds * (unitsNeeded - 1);
    const theirs = placements.filter((p) => confined.has(p.cls) && where.has(p.unitClass));
    // The last date's row is the whole cover: nobody is placed after it.
    for (const date of [...new Set(opened.map((s) => s.date))].sort()) {
      const terms = new Map<number, number>();
      for (const p of theirs) if (waveDates[p.wave] > date) terms.set(p.column, 1);
      for (const s of opened) if (s.date <= date) terms.set(s.column, inLastUnit);
      cover(`cover_${gender}_${k}_${date}`, `${unitsNeeded} unit(s) by ${date}, or some of them in a later wave, for ${who}`, inLastUnit * unitsNeeded, terms);
    }
  }
  return rows;
}

function addWaveRows(
  b: ProgramBuilder,
  scenario: Scenario,
  index: ScenarioIndex,
  pins: Pin[],
  classes: EmployeeClass[],
  placements: PlacementColumn[],
  capped: boolean,
): HouseholdSize[] {
  const householdSizes: HouseholdSize[] = [];
  const byWave = groupBy(placements, (p) => p.wave);
  scenario.waves.forEach((wave, w) => {
    const pinned = pins.filter((p) => p.wave === wave.id).map((p) => index.employee.get(p.employee)!);
    const cols = byWave.get(w) ?? [];
    const personsLeft = wave.maxPersons === undefined ? undefined : wave.maxPersons - pinned.reduce((n, e) => n + persons(e), 0);
    const personsOf = (p: PlacementColumn) => classes[p.cls].persons;
    const mayFillPersons = personsLeft !== undefined && activityRange(b.program, new Map(cols.map((p) => [p.column, personsOf(p)]))).hi > personsLeft;
    const sizes = mayFillPersons ? addHouseholdSizeColumns(b, wave, w, cols, personsOf, capped ? personsLeft : Infinity) : undefined;
    if (sizes) householdSizes.push(...sizes);
    // The wave's rows count households through their sizes where those exist (the same sums).
    const households = sizes?.map((h) => ({ column: h.column, persons: h.persons })) ?? cols.map((p) => ({ column: p.column, persons: personsOf(p) }));
    if (wave.maxHouseholds !== undefined) {
      const terms = new Map(households.map((h) => [h.column, 1]));
      b.addRow(`households_${w}`, `wave ${wave.id} capacity of ${wave.maxHouseholds} households`, terms, -Infinity, wave.maxHouseholds - pinned.length);
    }
    if (personsLeft !== undefined) {
      const terms = new Map(households.map((h) => [h.column, h.persons]));
      b.addRow(`persons_${w}`, `wave ${wave.id} capacity of ${wave.maxPersons} persons`, terms, -Infinity, personsLeft);
    }
  });
  return householdSizes;
}

/** A row defining a household-size column. */
export function isHouseholdSizeRow(row: { name: string }): boolean {
  return row.name.startsWith("size_");
}

/** A row defining a sum column (household size or school need): a definition, not a resource that could bind. */
export function isSumRow(row: { name: string }): boolean {
  return isHouseholdSizeRow(row) || row.name.startsWith("need_");
}

/**
 * Where a wave's persons capacity can bind: one integer column per household size, the households of
 * that many persons placed in the wave (`h_w_p = Σ x` of its placements). The same program, but a
 * branch on how many households of each size a wave takes decides far more than one on a single
 * class's placement: the persons row is a knapsack over household sizes, and without these columns
 * HiGHS needed hundreds of nodes to close what the root leaves of it (docs/formulation.md).
 */
function addHouseholdSizeColumns(
  b: ProgramBuilder,
  wave: Scenario["waves"][number],
  w: number,
  cols: PlacementColumn[],
  personsOf: (p: PlacementColumn) => number,
  /** The persons the wave has left, which bound each size's count (Infinity: bounded by the placements alone). */
  personsBound: number,
): HouseholdSize[] {
  const bySize = groupBy(cols, personsOf);
  return [...bySize.keys()]
    .sort((a, c) => a - c)
    .map((size) => {
      const members = bySize.get(size)!.map((p) => p.column);
      const most = members.reduce((n, j) => n + b.program.columns[j].upper, 0);
      const column = b.addColumn({ name: `h_${w}_${size}`, lower: 0, upper: Math.min(most, Math.floor(personsBound / size)), integer: true, cost: 0 });
      const terms = new Map(members.map((j) => [j, 1]));
      terms.set(column, -1);
      b.addRow(`size_${w}_${size}`, `households of ${size} person(s) in wave ${wave.id}`, terms, 0, 0);
      return { column, wave: w, persons: size, placements: members };
    });
}

/**
 * Models of up to this many placement columns count, in each school row that can bind, the families by
 * their number of children at the row's level (`n_z_L_d_c`). Measured (docs/formulation.md): faster on
 * models of 400–500 employees (about 1,400 placement columns), slower in all on the generated
 * 2,000-employee (4,400–4,600) and 5,000-employee (about 8,400) seeds and at full scale (15,148).
 */
const SCHOOL_NEED_COLUMNS_UP_TO = 3_000;

/**
 * Children placed in a zone by a date need seats open there by that date; one row per (zone, level, date).
 * On models of up to 3,000 placement columns a row that can bind and holds families of different
 * numbers of children at its level counts them through `SchoolNeed` columns, as the persons rows do
 * through household sizes.
 */
function addSchoolRows(
  b: ProgramBuilder,
  scenario: Scenario,
  units: UnitClass[],
  classes: EmployeeClass[],
  placements: PlacementColumn[],
  seatsLeft: SeatsLeft,
): SchoolNeed[] {
  const schoolNeeds: SchoolNeed[] = [];
  const countNeeds = placements.length <= SCHOOL_NEED_COLUMNS_UP_TO;
  const dates = [...new Set(scenario.waves.map((w) => w.date))].sort();
  const zones = [...new Set(units.map((u) => u.zone))].sort();
  const rows = new Map<string, Map<number, number>>();
  const termsOf = (zone: string, level: SchoolLevel, d: number) => {
    const key = `${zone}|${level}|${d}`;
    let terms = rows.get(key);
    if (!terms) rows.set(key, (terms = new Map()));
    return terms;
  };
  // A placement's children need seats from its wave's date on.
  for (const p of placements) {
    const zone = units[p.unitClass].zone;
    const from = dates.indexOf(scenario.waves[p.wave].date);
    for (const level of SCHOOL_LEVELS) {
      const need = classes[p.cls].needs[level];
      if (need > 0) for (let d = from; d < dates.length; d++) addTerm(termsOf(zone, level, d), p.column, need);
    }
  }
  zones.forEach((zone, z) => {
    for (const level of SCHOOL_LEVELS) {
      dates.forEach((date, d) => {
        const terms = rows.get(`${zone}|${level}|${d}`) ?? new Map<number, number>();
        const seats = seatsLeft(zone, level, date);
        const needs = countNeeds && activityRange(b.program, terms).hi > seats ? addSchoolNeedColumns(b, { zone, level, date }, `${z}_${level}_${d}`, terms) : [];
        schoolNeeds.push(...needs);
        // The row counts families through their needs where those exist (the same sum).
        const counted = new Set(needs.flatMap((n) => n.placements));
        const rowTerms = new Map([...[...terms].filter(([j]) => !counted.has(j)), ...needs.map((n): [number, number] => [n.column, n.need])]);
        b.addRow(`school_${z}_${level}_${d}`, `${level} school seats in zone ${zone} open by ${date}`, rowTerms, -Infinity, seats);
      });
    }
  });
  return schoolNeeds;
}

/**
 * Where a school row holds families of at least two different numbers of children at its level: per
 * number shared by two or more placement columns, one integer column counting those families. The row
 * is a knapsack over those numbers, as a persons row is over household sizes, and a branch on how many
 * families of each need a zone takes is what closed it fast (conformance c8: 2.7–3.3 s to proof
 * instead of 9–10.7 s, docs/formulation.md).
 */
function addSchoolNeedColumns(
  b: ProgramBuilder,
  row: Pick<SchoolNeed, "zone" | "level" | "date">,
  suffix: string,
  terms: Map<number, number>,
): SchoolNeed[] {
  const byNeed = groupBy([...terms.keys()], (j) => terms.get(j)!);
  if (byNeed.size < 2) return [];
  return [...byNeed]
    .filter(([, members]) => members.length >= 2)
    .sort(([a], [c]) => a - c)
    .map(([need, members]) => {
      const most = members.reduce((n, j) => n + b.program.columns[j].upper, 0);
      const column = b.addColumn({ name: `n_${suffix}_${need}`, lower: 0, upper: most, integer: true, cost: 0 });
      const definition = new Map(members.map((j) => [j, 1]));
      definition.set(column, -1);
      b.addRow(`need_${suffix}_${need}`, `families with ${need} ${row.level} child(ren) in zone ${row.zone} by ${row.date}`, definition, 0, 0);
      return { column, ...row, need, placements: members };
    });
}

function seatsLeftAfterPins(index: ScenarioIndex, pins: Pin[]): SeatsLeft {
  const { scenario } = index;
  const cache = new Map<string, number>();
  return (zone, level, date) => {
    const key = `${zone}|${level}|${date}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let seats = 0;
    for (const s of scenario.schools) if (s.zone === zone && s.level === level && s.openDate <= date) seats += s.seats;
    for (const p of pins) {
      const u = index.unit.get(p.unit)!;
      if (index.unitZone(u) === zone && index.wave.get(p.wave)!.date <= date) seats -= schoolNeeds(index.employee.get(p.employee)!)[level];
    }
    cache.set(key, seats);
    return seats;
  };
}

/** Removes rows that no assignment within the column bounds can violate. */
function dropRedundantRows(p: IntegerProgram): void {
  p.rows = p.rows.filter((r) => {
    if (r.terms.size === 0) return true;
    const { lo, hi } = activityRange(p, r.terms);
    return lo < r.lower || hi > r.upper;
  });
}

/** The least and greatest value of `Σ a·x` within the columns' bounds. */
function activityRange(p: IntegerProgram, terms: Map<number, number>): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (const [j, a] of terms) {
    const c = p.columns[j];
    lo += Math.min(a * c.lower, a * c.upper);
    hi += Math.max(a * c.lower, a * c.upper);
  }
  return { lo, hi };
}

function groupBy<T>(items: T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

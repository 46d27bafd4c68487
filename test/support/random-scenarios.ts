import {
  CHILD_LEVELS,
  SCHOOL_LEVELS,
  parseScenario,
  scenarioPolicy,
  type Plan,
  type Scenario,
  type ScenarioInput,
} from "../../src/domain/index.js";
import { checkPlan } from "../../src/plan/check.js";

// Tiny random scenarios for property tests: every knob of MODEL.md turned somewhere (waves out of
// date order or on one date, a wave before any unit is ready, caps, schools opening late, travel
// written on either zone, NONE children, families of up to six children and units of up to five
// bedrooms, requiredBy windows, mustMove, sharing on and off, pins), small enough that a literal
// per-employee model solves each in milliseconds. The same seed always gives the same scenario.

/** mulberry32: a small seeded PRNG, enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  const subset = <T>(xs: readonly T[], min = 0): T[] => {
    const out = xs.filter(() => chance(0.5));
    while (out.length < min) {
      const x = pick(xs);
      if (!out.includes(x)) out.push(x);
    }
    return out;
  };
  return { next, int, pick, chance, shuffle, subset };
}

const READY = ["2024-06-01", "2024-07-01", "2024-07-01", "2024-08-01", "2024-11-01"];
// A wave before every ready date (nobody can move in it) and one after every deadline among them.
const WAVE_DATES = ["2024-05-01", "2024-07-29", "2024-08-16", "2024-11-15", "2024-11-15", "2025-01-10"];
const AVAILABLE = ["2024-06-15", "2024-07-01", "2024-07-01", "2024-07-29", "2024-09-01"];
const OPEN = ["2024-06-01", "2024-07-01", "2024-08-01", "2024-11-01", "2024-12-01"];
const REQUIRED_BY = ["2024-07-29", "2024-08-16", "2024-10-01", "2024-11-15", "2024-12-31"];
const GROUPS = ["ASN", "ASN", "ASN", "ASN", "POLRI"];

/** How large a random scenario may be; the defaults keep the per-employee model trivial. */
export interface RandomSize {
  /** Default 8 (at least 2 employees). */
  maxEmployees?: number;
  /** Default 5 (at least 1 unit). */
  maxUnits?: number;
  /**
   * Wave caps and school seats grow with the number of employees, and only about one employee
   * must move: without it, scenarios of a hundred employees are mostly infeasible (caps of at most
   * four households, ten percent mustMove). Off by default, so that every seed keeps its scenario.
   */
  scaleCapacities?: boolean;
}

/** A random valid scenario input (see the file header); `randomScenario` parses it. */
export function randomScenarioInput(seed: number, size: RandomSize = {}): ScenarioInput {
  const { maxEmployees = 8, maxUnits = 5, scaleCapacities = false } = size;
  const r = rng(seed);
  const withZones = r.chance(0.75);
  const unitZones = ["Z1", "Z2", "Z3"].slice(0, r.int(1, 3));
  const office = withZones ? ["OFF", ...unitZones] : ["OFF", "Z1", "ELSEWHERE"];

  const agencies = Array.from({ length: r.int(1, 3) }, (_, i) => ({
    id: `A${i + 1}`,
    priority: r.int(1, 5),
    ...(r.chance(0.8) ? { officeZone: r.pick(office) } : {}),
  }));

  const zones = withZones
    ? ["OFF", ...unitZones].map((id) => {
        const travelMinutes: Record<string, number> = {};
        for (const other of ["OFF", ...unitZones]) {
          if (other === id) {
            if (r.chance(0.1)) travelMinutes[other] = r.int(1, 30); // ignored: a zone to itself is 0
          } else if (r.chance(0.4)) travelMinutes[other] = r.pick([0, 5, 12, 25, 40, 7.5]);
        }
        return Object.keys(travelMinutes).length || r.chance(0.5) ? { id, travelMinutes } : { id };
      })
    : undefined;

  const towerCount = r.int(1, 3);
  const reservable = ["ASN", "POLRI", ...agencies.map((a) => a.id), "NOBODY"];
  // The first tower is an ordinary early ASN tower, so that most scenarios place someone.
  const towers = Array.from({ length: towerCount }, (_, i) => ({
    id: `T${i + 1}`,
    zone: r.pick(unitZones),
    readyDate: i === 0 ? r.pick(READY.slice(0, 3)) : r.pick(READY),
    reservedFor: i === 0 || r.chance(0.6) ? ["ASN", ...r.subset(reservable.slice(1))] : r.subset(reservable, 1),
  }));
  const units = Array.from({ length: r.chance(0.15) || maxUnits < 2 ? 1 : r.int(2, maxUnits) }, (_, i) => {
    const bedrooms = r.chance(0.2) ? r.int(4, 5) : r.int(1, 3);
    return {
      id: `U${i + 1}`,
      tower: i === 0 ? towers[0].id : r.pick(towers).id,
      bedrooms,
      maxOccupants: r.chance(0.2) ? r.int(1, 3) : r.int(bedrooms, 9),
      ...(r.chance(0.7) ? { accessible: r.chance(0.35) } : {}),
      ...(r.chance(0.3) ? { readyDate: r.pick(READY) } : {}),
    };
  });
  // A tower without a ready date is valid when every one of its units has its own.
  for (const t of towers) {
    const own = units.filter((u) => u.tower === t.id);
    if (own.length > 0 && own.every((u) => u.readyDate !== undefined) && r.chance(0.5)) delete (t as { readyDate?: string }).readyDate;
  }

  const waves = r.shuffle(
    Array.from({ length: r.int(1, 4) }, (_, i) => ({
      id: `W${i + 1}`,
      date: r.pick(WAVE_DATES),
      ...(r.chance(0.35) ? { maxHouseholds: r.int(0, 4) } : {}),
      ...(r.chance(0.3) ? { maxPersons: r.int(1, 12) } : {}),
    })),
  );

  const employees = Array.from({ length: r.int(2, Math.max(2, maxEmployees)) }, (_, i) => {
    const family = r.chance(0.45);
    const availableFrom = r.pick(AVAILABLE);
    const later = REQUIRED_BY.filter((d) => d >= availableFrom);
    const children = family ? Array.from({ length: r.int(0, r.chance(0.2) ? 6 : 3) }, () => r.pick(CHILD_LEVELS)) : [];
    return {
      id: `E${i + 1}`,
      agency: r.pick(agencies).id,
      group: r.pick(GROUPS),
      gender: r.pick(["F", "M"] as const),
      ...(family && (children.length === 0 || r.chance(0.6)) ? { spouse: true } : r.chance(0.2) ? { spouse: false } : {}),
      ...(children.length > 0 ? { children } : {}),
      ...(r.chance(0.12) ? { needsAccessible: true } : {}),
      availableFrom,
      ...(r.chance(0.25) && later.length > 0 ? { requiredBy: r.pick(later) } : {}),
      ...(r.chance(0.1) ? { mustMove: true } : {}),
    };
  });

  // Schools mostly for levels someone needs (a family with a school child is unplaceable without them).
  const needed = [...new Set(employees.flatMap((e) => e.children ?? []))].filter((l) => l !== "NONE");
  const schools = [...needed.filter(() => r.chance(0.75)), ...(r.chance(0.3) ? [r.pick(SCHOOL_LEVELS)] : [])].map((level, i) => ({
    id: `S${i + 1}`,
    zone: r.pick(unitZones),
    level,
    seats: r.chance(0.2) ? 0 : r.int(1, 5),
    openDate: r.pick(OPEN),
  }));

  const input: ScenarioInput = {
    id: `random-${seed}`,
    agencies,
    ...(zones ? { zones } : {}),
    towers,
    units,
    ...(schools.length || r.chance(0.5) ? { schools } : {}),
    waves,
    employees,
  };

  if (r.chance(0.8)) {
    const policy: NonNullable<ScenarioInput["policy"]> = {};
    if (r.chance(0.6)) {
      const weights: Record<string, number> = {};
      for (const t of ["1", "2", "3", "4", "5"]) if (r.chance(0.5)) weights[t] = r.pick([50, 200, 350, 700, 1000, 1500]);
      policy.priorityWeights = weights;
    }
    if (r.chance(0.7)) policy.familyBonus = r.int(0, 3000);
    if (r.chance(0.5)) policy.waitPerDay = r.pick([0, 1, 2, 3, 0.5]);
    if (r.chance(0.5)) policy.commutePerMinute = r.pick([0, 1, 2, 3, 1.5]);
    if (r.chance(0.8)) policy.sharing = r.chance(0.5);
    input.policy = policy;
  }

  if (scaleCapacities) scaleWithEmployees(input, rng(seed * 7 + 1));

  const pinMode = r.next();
  if (pinMode < 0.25) input.pinned = feasiblePins(input, r, r.int(1, 2));
  else if (pinMode < 0.3) {
    // Random pins: valid input, but they may break constraints 2-7 (then the answer is infeasible).
    input.pinned = r
      .shuffle([...employees])
      .slice(0, r.int(1, 2))
      .map((e) => ({ employee: e.id, unit: r.pick(units).id, wave: r.pick(waves).id }));
  }
  return input;
}

/** Multiplies caps and seats by about employees / 6 and keeps about one of the mustMove (one in ten employees). */
function scaleWithEmployees(input: ScenarioInput, r: ReturnType<typeof rng>): void {
  const n = input.employees.length;
  const k = Math.ceil(n / 6);
  const scaled = (x: number) => x * k + r.int(0, k);
  for (const w of input.waves) {
    if (w.maxHouseholds !== undefined) w.maxHouseholds = scaled(w.maxHouseholds);
    if (w.maxPersons !== undefined) w.maxPersons = scaled(w.maxPersons);
  }
  for (const school of input.schools ?? []) school.seats = scaled(school.seats);
  for (const e of input.employees) if (e.mustMove && !r.chance(Math.min(1, 10 / n))) delete e.mustMove;
}

/** Pins built one at a time, each kept only if all pins so far satisfy constraints 2-7 together. */
function feasiblePins(input: ScenarioInput, r: ReturnType<typeof rng>, wanted: number): NonNullable<ScenarioInput["pinned"]> {
  const base = parseScenario(input);
  const policy = scenarioPolicy(base);
  const pins: NonNullable<ScenarioInput["pinned"]> = [];
  const pinsHold = (candidate: typeof pins) => {
    const pinned = new Set(candidate.map((p) => p.employee));
    const plan: Plan = {
      scenarioId: base.id,
      status: "feasible",
      objective: 0,
      bound: 0,
      solver: { name: "pins", timeMs: 0 },
      placements: candidate,
      unplaced: base.employees.filter((e) => !pinned.has(e.id)).map((e) => ({ employee: e.id, reason: "not pinned" })),
    };
    const s = { ...base, pinned: candidate };
    return checkPlan(s, plan, policy).violations.every((v) => typeof v.constraint !== "number" || v.constraint < 2 || v.constraint > 7);
  };
  for (const e of r.shuffle([...base.employees])) {
    if (pins.length >= wanted) break;
    const options = r.shuffle(base.units.flatMap((u) => base.waves.map((w) => ({ employee: e.id, unit: u.id, wave: w.id }))));
    const fit = options.find((p) => pinsHold([...pins, p]));
    if (fit) pins.push(fit);
  }
  return pins;
}

/** A random tiny scenario; throws if the generator ever produced invalid input. */
export function randomScenario(seed: number, size: RandomSize = {}): Scenario {
  return parseScenario(randomScenarioInput(seed, size));
}

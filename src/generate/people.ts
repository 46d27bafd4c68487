import type { ChildLevel, Employee } from "../domain/index.js";
import { WAVE_DATES, poolOfGroup, type AgencyProfile, type HousingPool } from "./catalogue.js";
import type { Random } from "./random.js";

// Household shapes follow the employee's age: who is married, how many children, and each child's
// school level from its age. The rates are assumptions (MODEL.md gives none); docs/fixtures.md lists them.

const CENSUS_YEAR = 2024;
/** Transfer decrees take effect (TMT) on the first of a month: availability is March..December 2024. */
const AVAILABLE_MONTHS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/** Tiers 1-2 are wanted in the first cohort; the others come later in the year. */
const MONTH_WEIGHTS = { early: [5, 5, 10, 20, 20, 8, 7, 7, 10, 8], late: [2, 3, 5, 8, 10, 12, 12, 13, 18, 17] } as const;
/** The 17 August 2024 ceremony in IKN: people needed for it must move before. */
const CEREMONY_DEADLINE = "2024-08-16";
const RATES = {
  female: { ASN: 0.42, BIN: 0.3, uniformed: 0.08 },
  singleParent: 0.05,
  needsAccessible: 0.012,
  ceremonyDeadline: 0.12,
  otherDeadline: 0.04,
} as const;

function marriedShare(age: number): number {
  if (age < 25) return 0.1;
  if (age < 30) return 0.4;
  if (age < 35) return 0.65;
  return 0.8;
}

/** Weights of 0..4 children by the parent's age. */
function childCountWeights(age: number): number[] {
  if (age < 27) return [60, 40, 0, 0, 0];
  if (age < 34) return [25, 40, 30, 5, 0];
  if (age < 46) return [10, 25, 40, 18, 7];
  return [15, 30, 35, 15, 5];
}

/** Indonesian levels by age: PAUD 2-5, SD 6-11, SMP 12-14, SMA 15-17; babies and grown children need no seat. */
function levelOfAge(age: number): ChildLevel {
  if (age < 2 || age >= 18) return "NONE";
  if (age < 6) return "PAUD";
  if (age < 12) return "SD";
  return age < 15 ? "SMP" : "SMA";
}

/**
 * Uniformed services and civil servants are recruited at different ages; those who relocate lean
 * young (mean about 37 for ASN), hence a uniform mixed with the lower of two uniforms.
 */
function drawAge(rng: Random, agency: AgencyProfile): number {
  const [youngest, span] = agency.group === "ASN" || agency.group === "BIN" ? [23, 35] : [20, 33];
  return youngest + Math.floor((span * (rng.next() + Math.min(rng.next(), rng.next()))) / 2);
}

function femaleShare(agency: AgencyProfile): number {
  if (agency.group === "ASN") return RATES.female.ASN;
  return agency.group === "BIN" ? RATES.female.BIN : RATES.female.uniformed;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Unique personnel numbers: NIP (18 digits) for civil servants, NRP (8 digits) for TNI and POLRI. */
class PersonnelNumbers {
  private readonly used = new Map<string, number>();

  /** Birth date, appointment month, gender digit, sequence: the layout of a real NIP. */
  nip(rng: Random, birthYear: number, gender: "F" | "M"): string {
    const birth = `${birthYear}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}`;
    const appointed = `${Math.min(CENSUS_YEAR - 1, birthYear + rng.int(22, 30))}${pad(rng.int(1, 12), 2)}`;
    return this.sequenced(`${birth}${appointed}${gender === "M" ? 1 : 2}`, 3);
  }

  /** Birth year and month, sequence: the layout of a POLRI NRP. */
  nrp(rng: Random, birthYear: number): string {
    return this.sequenced(`${pad(birthYear % 100, 2)}${pad(rng.int(1, 12), 2)}`, 4);
  }

  private sequenced(prefix: string, width: number): string {
    const next = (this.used.get(prefix) ?? 0) + 1;
    this.used.set(prefix, next);
    return `${prefix}${pad(next, width)}`;
  }
}

function drawChildren(rng: Random, parentAge: number, atLeastOne: boolean): ChildLevel[] {
  const weights = childCountWeights(parentAge);
  const count = Math.max(atLeastOne ? 1 : 0, rng.weighted(weights));
  const oldest = Math.max(0, Math.min(parentAge - 22, 25));
  return Array.from({ length: count }, () => levelOfAge(rng.int(0, oldest)));
}

function drawAvailableFrom(rng: Random, agency: AgencyProfile): string {
  const month = AVAILABLE_MONTHS[rng.weighted(agency.tier <= 2 ? MONTH_WEIGHTS.early : MONTH_WEIGHTS.late)];
  return `${CENSUS_YEAR}-${pad(month, 2)}-01`;
}

/** Some of the first cohort must arrive before the ceremony; a few others within two months. */
function drawRequiredBy(rng: Random, agency: AgencyProfile, availableFrom: string): string | undefined {
  if (agency.tier <= 2 && availableFrom <= "2024-07-01" && rng.chance(RATES.ceremonyDeadline)) return CEREMONY_DEADLINE;
  if (!rng.chance(RATES.otherDeadline)) return undefined;
  const month = Number(availableFrom.slice(5, 7));
  return new Date(Date.UTC(CENSUS_YEAR, month + 2, 0)).toISOString().slice(0, 10);
}

function drawEmployee(rng: Random, agency: AgencyProfile, numbers: PersonnelNumbers): Employee {
  const age = drawAge(rng, agency);
  const gender = rng.chance(femaleShare(agency)) ? "F" : "M";
  const spouse = rng.chance(marriedShare(age));
  const singleParent = !spouse && age >= 30 && rng.chance(RATES.singleParent);
  const children = spouse || singleParent ? drawChildren(rng, age, singleParent) : [];
  const birthYear = CENSUS_YEAR - age;
  const id = agency.group === "ASN" || agency.group === "BIN" ? numbers.nip(rng, birthYear, gender) : numbers.nrp(rng, birthYear);
  const availableFrom = drawAvailableFrom(rng, agency);
  const requiredBy = drawRequiredBy(rng, agency, availableFrom);
  return {
    id,
    agency: agency.id,
    group: agency.group,
    gender,
    spouse,
    children,
    needsAccessible: rng.chance(RATES.needsAccessible),
    availableFrom,
    ...(requiredBy === undefined ? {} : { requiredBy }),
    mustMove: false,
  };
}

/** `counts[i]` employees of `agencies[i]`, in catalogue order. */
export function drawEmployees(rng: Random, agencies: readonly AgencyProfile[], counts: readonly number[]): Employee[] {
  const numbers = new PersonnelNumbers();
  return agencies.flatMap((agency, i) => Array.from({ length: counts[i] }, () => drawEmployee(rng, agency, numbers)));
}

/**
 * Marks about `target` employees mustMove, only ones certain to have a place: available before the
 * first wave, no deadline, no accessibility need and no children (so no school seat), and at most
 * `quota` per housing pool (half its units ready for the first wave).
 */
export function markMustMove(rng: Random, employees: Employee[], agencies: readonly AgencyProfile[], target: number, quota: ReadonlyMap<HousingPool, number>): void {
  const poolOf = new Map(agencies.map((a) => [a.id, poolOfGroup(a.group)]));
  const left = new Map(quota);
  const candidates = employees.filter((e) => e.availableFrom <= WAVE_DATES[0] && e.requiredBy === undefined && !e.needsAccessible && e.children.length === 0);
  let marked = 0;
  for (const e of rng.shuffled(candidates)) {
    if (marked === target) return;
    const pool = poolOf.get(e.agency)!;
    if ((left.get(pool) ?? 0) === 0) continue;
    left.set(pool, left.get(pool)! - 1);
    e.mustMove = true;
    marked++;
  }
}

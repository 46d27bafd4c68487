import type { Agency, PolicyInput, Scenario } from "../domain/index.js";
import { apportion } from "./apportion.js";
import { FLOORS, FULL_SCALE, HANKAM_AGENCIES, KL_AGENCIES, WAVE_DATES, type AgencyProfile, type HousingPool } from "./catalogue.js";
import { MIN_TOWERS, buildSchools, buildTowers, buildUnits, buildZones, poolOfTower } from "./housing.js";
import { drawEmployees, markMustMove } from "./people.js";
import { Random } from "./random.js";
import { MAX_WAVES, buildWaves } from "./waves.js";

export interface GenerateOptions {
  /** Seed of the pseudo-random source; default 1. Same options, same scenario, byte for byte. */
  seed?: number;
  /** Employees, 1..LIMITS.employees, split 12,714 : 5,716 between the 35 K/L and TNI/POLRI/BIN/Paspampres as at full scale. */
  employees: number;
  /** Towers of 60 units, 3..LIMITS.towers; default 47 × employees / 18,430 (so 47 at full scale), at least 3. */
  towers?: number;
  /** Waves, 1..6; default 3 (late July, November and December 2024). */
  waves?: number;
  /** Scenario id; default `gen-s<seed>-e<employees>-t<towers>-w<waves>`. */
  id?: string;
  /** Policy fields to set; default none (MODEL.md's defaults apply). */
  policy?: PolicyInput;
}

const AGENCIES: readonly AgencyProfile[] = [...KL_AGENCIES, ...HANKAM_AGENCIES];
/** Ten times MODEL.md's scale: beyond it a scenario is no longer about IKN, only about memory. */
export const LIMITS = { employees: 10 * FULL_SCALE.employees, towers: 10 * FULL_SCALE.towers } as const;

/** About one employee in 250 must move (the key officials of the first cohort). */
const MUST_MOVE_SHARE = 0.004;

export function defaultTowers(employees: number): number {
  return Math.max(MIN_TOWERS, Math.round((FULL_SCALE.towers * employees) / FULL_SCALE.employees));
}

/** The options with every default filled in; invalid values throw a RangeError naming the option. */
export function resolveOptions(options: GenerateOptions): Required<Omit<GenerateOptions, "policy">> & Pick<GenerateOptions, "policy"> {
  const seed = options.seed ?? 1;
  const employees = options.employees;
  const towers = options.towers ?? defaultTowers(employees);
  const waves = options.waves ?? 3;
  const whole = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  };
  whole("seed", seed, 0, 0xffffffff);
  whole("employees", employees, 1, LIMITS.employees);
  whole("towers", towers, MIN_TOWERS, LIMITS.towers);
  whole("waves", waves, 1, MAX_WAVES);
  return { seed, employees, towers, waves, id: options.id ?? `gen-s${seed}-e${employees}-t${towers}-w${waves}`, policy: options.policy };
}

function toAgency(a: AgencyProfile): Agency {
  return { id: a.id, name: a.name, priority: a.tier, officeZone: a.officeZone };
}

/** Employees per agency: the full-scale ASN : defence/security split, then each side by agency size. */
function employeesPerAgency(total: number): number[] {
  const [asn, hankam] = apportion(total, [FULL_SCALE.asn, FULL_SCALE.hankam]);
  return [...apportion(asn, KL_AGENCIES.map((a) => a.size)), ...apportion(hankam, HANKAM_AGENCIES.map((a) => a.size))];
}

/** Half the units of each pool that are ready for the first wave: room for its mustMove employees. */
function mustMoveQuota(towers: Scenario["towers"]): Map<HousingPool, number> {
  const quota = new Map<HousingPool, number>();
  const half = (FLOORS.count * FLOORS.unitsPerFloor) / 2;
  for (const t of towers) {
    if (t.readyDate! <= WAVE_DATES[0]) quota.set(poolOfTower(t), (quota.get(poolOfTower(t)) ?? 0) + half);
  }
  return quota;
}

/** A realistic IKN scenario from MODEL.md's public figures; pure and deterministic in its options. */
export function generateScenario(options: GenerateOptions): Scenario {
  const o = resolveOptions(options);
  const rng = new Random(o.seed);
  const towers = buildTowers(o.towers);
  const units = buildUnits(towers);
  const employees = drawEmployees(rng, AGENCIES, employeesPerAgency(o.employees));
  markMustMove(rng, employees, AGENCIES, Math.round(o.employees * MUST_MOVE_SHARE), mustMoveQuota(towers));
  return {
    id: o.id,
    ...(o.policy ? { policy: o.policy } : {}),
    agencies: AGENCIES.map(toAgency),
    zones: buildZones(),
    towers,
    units,
    schools: buildSchools(rng, towers, units),
    waves: buildWaves(o.waves, towers),
    employees,
    pinned: [],
  };
}

import { ScenarioIndex, daysBetween, inWindow, isFamily, type Employee, type Policy, type Scenario, type Unit } from "../domain/index.js";
import type { AllocationModel } from "../model/build.js";
import { objectiveOf } from "../model/program.js";
import { roundedSolution, type Rank } from "../model/rounding.js";

/**
 * A plan for a solve whose solver stopped before it had one (a time limit shorter than the LP
 * relaxation, a javascript-lp-solver that outlasts its limit): the pinned placements and a greedy
 * fill (`roundedSolution` from nothing) by value and by value per person, the better of the two,
 * if either reaches a plan. Far from optimal, yet valid, and answered with a bound that holds
 * (`objectiveCeiling`).
 */
export function greedySolution(model: AllocationModel): number[] | undefined {
  const nothing = new Float64Array(model.program.columns.length);
  const plans = RANKS.map((rank) => roundedSolution(model, nothing, rank)).filter((v) => v !== undefined);
  return plans.reduce<number[] | undefined>((best, v) => (best && objectiveOf(model.program, best) >= objectiveOf(model.program, v) ? best : v), undefined);
}

const RANKS: Rank[] = ["value", "valuePerPerson"];

/**
 * An upper bound on the objective of every plan, found without a solver: the pinned placements'
 * values plus the smaller of two sums over the others, each employee counted at `bestValue`:
 * - every employee at that value;
 * - every unit at what it could hold most: its best family, or as many of its best single as it has
 *   places for singles (constraint 4), beside the pins it holds.
 */
export function objectiveCeiling(scenario: Scenario, policy: Policy): number {
  const index = new ScenarioIndex(scenario);
  const pinned = new Set(scenario.pinned.map((p) => p.employee));
  const free = scenario.employees.filter((e) => !pinned.has(e.id));
  const zones = [...new Set(scenario.towers.map((t) => t.zone))];
  const best = new Map(free.map((e) => [e, bestValue(index, e, policy, zones)]));
  const byEmployee = [...best.values()].reduce((z, v) => z + v, 0);

  const pinsIn = new Map<string, Employee[]>();
  for (const p of scenario.pinned) pinsIn.set(p.unit, [...(pinsIn.get(p.unit) ?? []), index.employee.get(p.employee)!]);
  const bestByTower = new Map<string, { family: number; single: number }>();
  const bestFor = (u: Unit) => {
    let b = bestByTower.get(u.tower);
    if (!b) {
      b = { family: 0, single: 0 };
      for (const [e, v] of best) {
        if (!index.eligible(e, u)) continue;
        if (isFamily(e)) b.family = Math.max(b.family, v);
        else b.single = Math.max(b.single, v);
      }
      bestByTower.set(u.tower, b);
    }
    return b;
  };
  const byUnit = scenario.units.reduce((z, u) => {
    const { family, single } = bestFor(u);
    const places = policy.sharing ? u.bedrooms : 1;
    const pins = pinsIn.get(u.id) ?? [];
    if (pins.some(isFamily)) return z;
    if (pins.length > 0) return z + Math.max(0, places - pins.length) * single;
    return z + Math.max(family, places * single);
  }, 0);
  return index.placementsValue(scenario.pinned, policy) + Math.min(byEmployee, byUnit);
}

/**
 * At least what `e` adds to any plan: the value of a placement in its best wave and nearest zone,
 * taken apart and whatever the capacities, or 0 (unplaced) where that is more.
 */
function bestValue(index: ScenarioIndex, e: Employee, policy: Policy, zones: string[]): number {
  const waves = index.scenario.waves.filter((w) => inWindow(e, w.date));
  if (waves.length === 0 || zones.length === 0) return 0;
  const wait = Math.min(...waves.map((w) => policy.waitPerDay * daysBetween(e.availableFrom, w.date)));
  const commute = Math.min(...zones.map((zone) => policy.commutePerMinute * index.travelMinutes(zone, index.officeZone(e))));
  return Math.max(0, index.baseValue(e, policy) - wait - commute);
}

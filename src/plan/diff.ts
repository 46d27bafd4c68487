import type { Placement, Plan, ScenarioIndex } from "../domain/index.js";

/** A plan read against the scenario version it was solved for (towers and agencies are looked up there). */
export interface PlanInScenario {
  plan: Plan;
  index: ScenarioIndex;
}

export interface DiffCounts {
  onlyInA: number;
  onlyInB: number;
  movedWave: number;
  movedTower: number;
}

/** API.md's diff: employee ids placed in one plan only, or placed in both in another wave or tower. */
export interface PlanDiff {
  onlyInA: string[];
  onlyInB: string[];
  movedWave: string[];
  movedTower: string[];
  /** Every agency of either scenario, with zeros, so that the table reads the same for every pair. */
  byAgency: Record<string, DiffCounts>;
}

/** API.md's `changes` of a schedule run against the previous run. */
export interface ChangeReport {
  newlyPlaced: string[];
  noLongerPlaced: string[];
  movedWave: string[];
  movedTower: string[];
  /** Current objective minus previous; null when either plan has none. */
  objectiveChange: number | null;
}

export function diffPlans(a: PlanInScenario, b: PlanInScenario): PlanDiff {
  const inA = byEmployee(a.plan.placements);
  const inB = byEmployee(b.plan.placements);
  // Built by fromEntries, so that an agency named "__proto__" is an own key, not Object's prototype.
  const agencies = new Set([...b.index.agency.keys(), ...a.index.agency.keys()]);
  const byAgency = Object.fromEntries([...agencies].map((id) => [id, { onlyInA: 0, onlyInB: 0, movedWave: 0, movedTower: 0 }]));
  const diff: PlanDiff = { onlyInA: [], onlyInB: [], movedWave: [], movedTower: [], byAgency };

  const agencyOf = (employee: string) => (b.index.employee.get(employee) ?? a.index.employee.get(employee))!.agency;
  const record = (kind: keyof DiffCounts, employee: string) => {
    diff[kind].push(employee);
    diff.byAgency[agencyOf(employee)][kind]++;
  };
  for (const employee of [...new Set([...inA.keys(), ...inB.keys()])].sort()) {
    const pa = inA.get(employee);
    const pb = inB.get(employee);
    if (!pb) record("onlyInA", employee);
    else if (!pa) record("onlyInB", employee);
    else {
      if (pa.wave !== pb.wave) record("movedWave", employee);
      if (towerOf(a.index, pa.unit) !== towerOf(b.index, pb.unit)) record("movedTower", employee);
    }
  }
  return diff;
}

export function changeReport(previous: PlanInScenario, current: PlanInScenario): ChangeReport {
  const d = diffPlans(previous, current);
  const [before, after] = [previous.plan.objective, current.plan.objective];
  return {
    newlyPlaced: d.onlyInB,
    noLongerPlaced: d.onlyInA,
    movedWave: d.movedWave,
    movedTower: d.movedTower,
    objectiveChange: before === null || after === null ? null : after - before,
  };
}

function byEmployee(placements: Placement[]): Map<string, Placement> {
  return new Map(placements.map((p) => [p.employee, p]));
}

function towerOf(index: ScenarioIndex, unit: string): string {
  return index.unit.get(unit)!.tower;
}

import type { Highs } from "highs";
import { ScenarioIndex, scenarioPolicy, type Policy, type Scenario } from "../../src/domain/index.js";
import { loadHighs as loadHighsRuntime } from "./highs-backend.js";

// The reference: MODEL.md written down literally, one binary per (employee, unit, wave), built from
// the contract's text alone (it never imports src/model), for tiny scenarios in the tests and as the
// baseline of the benchmark. Constraints 2, 3 and 5 and a family's fit (part of 4) filter the
// columns; every other constraint is a row.
//
//   x[e,u,w] ∈ {0,1}    e placed in unit u in wave w
//   f[u]     ∈ {0,1}    u holds a family
//   g[u,G]   ∈ {0,1}    u holds singles of gender G
//
//   Σ_{u,w} x[e,u,w] ≤ 1 (= 1 when mustMove)                       (1)
//   pinned x fixed to 1; a pin that breaks 2, 3, 5 or a family's fit gets a row x ≤ 0   (3, 8)
//   Σ_{family e, w} x[e,u,w] ≤ f[u]                                 (4: one family)
//   Σ_{single e of G, w} x[e,u,w] ≤ cap·g[u,G], cap = bedrooms if sharing else 1   (4: singles)
//   f[u] + g[u,F] + g[u,M] ≤ 1                                      (4: not both, one gender)
//   Σ_{e,u} x[e,u,w] ≤ maxHouseholds(w), Σ persons(e)·x ≤ maxPersons(w)           (6)
//   Σ_{e, u in zone z, w dated ≤ d} children_L(e)·x ≤ seats of L-schools in z open by d,
//     for every zone z, level L and wave date d                     (7)
//   maximise Σ value(e,u,w)·x[e,u,w]

const LEVELS = ["PAUD", "SD", "SMP", "SMA"] as const;
const GENDERS = ["F", "M"] as const;

export interface ReferenceSize {
  columns: number;
  rows: number;
  nonzeros: number;
}

/** The per-employee program in HiGHS's row-wise form, maximised. */
export interface ReferenceModel {
  size: ReferenceSize;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** A row with no terms and a positive lower bound: a mustMove employee with no possible placement. */
  triviallyInfeasible: boolean;
}

export interface ReferenceOptions {
  /** Default: the scenario's own policy over MODEL.md's defaults. */
  policy?: Policy;
  /** Refuse to build (throw `ModelTooLargeError` with the counted size) beyond this many columns. */
  maxColumns?: number;
}

export class ModelTooLargeError extends Error {
  constructor(readonly size: ReferenceSize) {
    super(`per-employee model too large to build: ${size.columns} columns, ${size.rows} rows, ${size.nonzeros} nonzeros`);
  }
}

/** A growable typed buffer: the benchmark builds models with millions of entries. */
class Growable<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly allocate: (size: number) => T,
  ) {}
  push(v: number) {
    if (this.length === this.data.length) {
      const next = this.allocate(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const floats = () => new Growable(new Float64Array(1024), (n) => new Float64Array(n));
const ints = () => new Growable(new Int32Array(1024), (n) => new Int32Array(n));

interface Facts {
  index: ScenarioIndex;
  policy: Policy;
  family: boolean[];
  persons: number[];
  bedrooms: number[];
  needs: number[][];
  towerOk: boolean[][];
  unitZone: string[];
  unitReady: string[];
  towerOfUnit: number[];
  unitIdx: Map<string, number>;
  waveIdx: Map<string, number>;
  pinOf: Map<string, Scenario["pinned"][number]>;
}

function facts(scenario: Scenario, policy: Policy): Facts {
  const index = new ScenarioIndex(scenario);
  const emps = scenario.employees;
  const towerIdx = new Map(scenario.towers.map((t, i) => [t.id, i]));
  return {
    index,
    policy,
    family: emps.map((e) => e.spouse || e.children.length > 0),
    persons: emps.map((e) => 1 + (e.spouse ? 1 : 0) + e.children.length),
    bedrooms: emps.map((e) => 1 + Math.ceil(e.children.length / 2)),
    needs: emps.map((e) => LEVELS.map((l) => e.children.filter((c) => c === l).length)),
    towerOk: emps.map((e) => scenario.towers.map((t) => t.reservedFor.includes(e.group) || t.reservedFor.includes(e.agency))),
    unitZone: scenario.units.map((u) => scenario.towers[towerIdx.get(u.tower)!].zone),
    unitReady: scenario.units.map((u) => u.readyDate ?? scenario.towers[towerIdx.get(u.tower)!].readyDate!),
    towerOfUnit: scenario.units.map((u) => towerIdx.get(u.tower)!),
    unitIdx: new Map(scenario.units.map((u, i) => [u.id, i])),
    waveIdx: new Map(scenario.waves.map((w, i) => [w.id, i])),
    pinOf: new Map(scenario.pinned.map((p) => [p.employee, p])),
  };
}

/** Constraints 2, 3, 5 and a family's fit: whether x[e,u,w] may be 1 at all. */
function allowed(s: Scenario, f: Facts, ei: number, ui: number, wi: number): boolean {
  const e = s.employees[ei];
  const u = s.units[ui];
  const date = s.waves[wi].date;
  if (!f.towerOk[ei][f.towerOfUnit[ui]]) return false;
  if (f.unitReady[ui] > date || e.availableFrom > date || (e.requiredBy !== undefined && date > e.requiredBy)) return false;
  if (e.needsAccessible && !u.accessible) return false;
  if (f.family[ei] && (f.persons[ei] > u.maxOccupants || f.bedrooms[ei] > u.bedrooms)) return false;
  return true;
}

/** Builds the per-employee program (see the header of this file). */
export function buildPerEmployeeModel(scenario: Scenario, options: ReferenceOptions = {}): ReferenceModel {
  const s = scenario;
  const policy = options.policy ?? scenarioPolicy(s);
  const f = facts(s, policy);
  const { unitIdx, waveIdx, pinOf } = f;

  if (options.maxColumns !== undefined) {
    const size = perEmployeeSize(s, { policy });
    if (size.columns > options.maxColumns) throw new ModelTooLargeError(size);
  }

  // Columns x, in employee order.
  const colE = ints();
  const colU = ints();
  const colW = ints();
  const cost = floats();
  const lower = floats();
  const upper = floats();
  const forbidden: number[] = [];
  s.employees.forEach((e, ei) => {
    const pin = pinOf.get(e.id);
    const add = (ui: number, wi: number, fixed: boolean) => {
      colE.push(ei);
      colU.push(ui);
      colW.push(wi);
      cost.push(f.index.placementValue(e, s.units[ui], s.waves[wi], policy));
      lower.push(fixed ? 1 : 0);
      upper.push(1);
    };
    if (pin) {
      const ui = unitIdx.get(pin.unit)!;
      const wi = waveIdx.get(pin.wave)!;
      if (!allowed(s, f, ei, ui, wi)) forbidden.push(colE.length);
      add(ui, wi, true);
      return;
    }
    for (let ui = 0; ui < s.units.length; ui++) for (let wi = 0; wi < s.waves.length; wi++) if (allowed(s, f, ei, ui, wi)) add(ui, wi, false);
  });
  const nx = colE.length;
  const E = colE.view();
  const U = colU.view();
  const W = colW.view();

  // Columns f[u], g[u,G], only for units some column can use.
  const famCol = new Int32Array(s.units.length).fill(-1);
  const genCol = [new Int32Array(s.units.length).fill(-1), new Int32Array(s.units.length).fill(-1)];
  const newBinary = () => {
    cost.push(0);
    lower.push(0);
    upper.push(1);
    return cost.length - 1;
  };
  for (let j = 0; j < nx; j++) {
    const ei = E[j];
    const ui = U[j];
    if (f.family[ei]) {
      if (famCol[ui] < 0) famCol[ui] = newBinary();
    } else {
      const gi = GENDERS.indexOf(s.employees[ei].gender);
      if (genCol[gi][ui] < 0) genCol[gi][ui] = newBinary();
    }
  }

  const starts = ints();
  const indices = ints();
  const values = floats();
  const rowLower = floats();
  const rowUpper = floats();
  starts.push(0);
  let triviallyInfeasible = false;
  const addRow = (terms: [number, number][], lo: number, hi: number) => {
    if (terms.length === 0) {
      if (lo > 0 || hi < 0) triviallyInfeasible = true;
      return;
    }
    for (const [c, v] of terms) {
      indices.push(c);
      values.push(v);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };

  // (1) one placement per employee; mustMove exactly one.
  const byEmployee: [number, number][][] = s.employees.map(() => []);
  for (let j = 0; j < nx; j++) byEmployee[E[j]].push([j, 1]);
  s.employees.forEach((e, ei) => {
    if (pinOf.has(e.id)) return;
    addRow(byEmployee[ei], e.mustMove ? 1 : 0, 1);
  });
  // A pin that breaks constraint 2, 3, 5 or a family's fit: its fixed column may not be 1.
  for (const j of forbidden) addRow([[j, 1]], 0, 0);

  // (4) occupancy.
  const famTerms: [number, number][][] = s.units.map(() => []);
  const genTerms: [number, number][][][] = GENDERS.map(() => s.units.map(() => []));
  for (let j = 0; j < nx; j++) {
    const ei = E[j];
    if (f.family[ei]) famTerms[U[j]].push([j, 1]);
    else genTerms[GENDERS.indexOf(s.employees[ei].gender)][U[j]].push([j, 1]);
  }
  s.units.forEach((u, ui) => {
    const cap = policy.sharing ? u.bedrooms : 1;
    if (famCol[ui] >= 0) addRow([...famTerms[ui], [famCol[ui], -1]], -Infinity, 0);
    GENDERS.forEach((_, gi) => {
      if (genCol[gi][ui] >= 0) addRow([...genTerms[gi][ui], [genCol[gi][ui], -cap]], -Infinity, 0);
    });
    const kinds = [famCol[ui], genCol[0][ui], genCol[1][ui]].filter((c) => c >= 0);
    if (kinds.length > 1) addRow(kinds.map((c): [number, number] => [c, 1]), -Infinity, 1);
  });

  // (6) wave capacity.
  s.waves.forEach((w, wi) => {
    const here: number[] = [];
    for (let j = 0; j < nx; j++) if (W[j] === wi) here.push(j);
    if (w.maxHouseholds !== undefined) addRow(here.map((j): [number, number] => [j, 1]), -Infinity, w.maxHouseholds);
    if (w.maxPersons !== undefined) addRow(here.map((j): [number, number] => [j, f.persons[E[j]]]), -Infinity, w.maxPersons);
  });

  // (7) school seats, cumulative by date; waves on one date share, schools count once open.
  const dates = [...new Set(s.waves.map((w) => w.date))].sort();
  const zones = [...new Set(f.unitZone)].sort();
  for (const zone of zones) {
    LEVELS.forEach((level, li) => {
      const users: number[] = [];
      for (let j = 0; j < nx; j++) if (f.needs[E[j]][li] > 0 && f.unitZone[U[j]] === zone) users.push(j);
      if (users.length === 0) return;
      for (const d of dates) {
        const seats = s.schools.filter((sc) => sc.zone === zone && sc.level === level && sc.openDate <= d).reduce((n, sc) => n + sc.seats, 0);
        const terms = users.filter((j) => s.waves[W[j]].date <= d).map((j): [number, number] => [j, f.needs[E[j]][li]]);
        addRow(terms, -Infinity, seats);
      }
    });
  }

  const numRows = rowLower.length;
  return {
    size: { columns: cost.length, rows: numRows, nonzeros: indices.length },
    colCost: cost.view(),
    colLower: lower.view(),
    colUpper: upper.view(),
    rowLower: rowLower.view(),
    rowUpper: rowUpper.view(),
    starts: starts.view(),
    indices: indices.view(),
    values: values.view(),
    triviallyInfeasible,
  };
}

/**
 * The size `buildPerEmployeeModel` would produce, counted without building it (the full-scale
 * instance has far too many columns to build).
 */
export function perEmployeeSize(scenario: Scenario, options: { policy?: Policy } = {}): ReferenceSize {
  const s = scenario;
  const policy = options.policy ?? scenarioPolicy(s);
  const f = facts(s, policy);
  const { unitIdx, waveIdx, pinOf } = f;
  const dates = [...new Set(s.waves.map((w) => w.date))].sort();
  const datesFrom = s.waves.map((w) => dates.filter((d) => d >= w.date).length);
  const usedFam = new Uint8Array(s.units.length);
  const usedGen = [new Uint8Array(s.units.length), new Uint8Array(s.units.length)];
  const perWave = new Array<number>(s.waves.length).fill(0);
  const schoolUse = new Set<string>();
  let columns = 0;
  let rows = 0;
  let nonzeros = 0;
  let forbidden = 0;
  s.employees.forEach((e, ei) => {
    let mine = 0;
    const gi = GENDERS.indexOf(e.gender);
    const count = (ui: number, wi: number) => {
      mine++;
      perWave[wi]++;
      nonzeros += 1; // occupancy row
      f.needs[ei].forEach((n, li) => {
        if (n > 0) {
          nonzeros += datesFrom[wi];
          schoolUse.add(`${f.unitZone[ui]}\u0000${li}\u0000${wi}`);
        }
      });
      if (f.family[ei]) usedFam[ui] = 1;
      else usedGen[gi][ui] = 1;
    };
    const pin = pinOf.get(e.id);
    if (pin) {
      const ui = unitIdx.get(pin.unit)!;
      const wi = waveIdx.get(pin.wave)!;
      if (!allowed(s, f, ei, ui, wi)) forbidden++;
      count(ui, wi);
    } else {
      for (let ui = 0; ui < s.units.length; ui++) for (let wi = 0; wi < s.waves.length; wi++) if (allowed(s, f, ei, ui, wi)) count(ui, wi);
      if (mine > 0) {
        rows++;
        nonzeros += mine;
      }
    }
    columns += mine;
  });
  rows += forbidden;
  nonzeros += forbidden;
  s.units.forEach((_, ui) => {
    const kinds = usedFam[ui] + usedGen[0][ui] + usedGen[1][ui];
    columns += kinds;
    rows += kinds; // each kind's linking row
    nonzeros += kinds; // the kind's own column in its linking row
    if (kinds > 1) {
      rows++;
      nonzeros += kinds;
    }
  });
  s.waves.forEach((w, wi) => {
    if (perWave[wi] === 0) return;
    if (w.maxHouseholds !== undefined) (rows++, (nonzeros += perWave[wi]));
    if (w.maxPersons !== undefined) (rows++, (nonzeros += perWave[wi]));
  });
  // One school row per (zone, level, date) that some column of an earlier-or-equal wave feeds.
  const zones = [...new Set(f.unitZone)];
  for (const zone of zones) {
    LEVELS.forEach((_, li) => {
      for (const d of dates) {
        if (s.waves.some((w, wi) => w.date <= d && schoolUse.has(`${zone}\u0000${li}\u0000${wi}`))) rows++;
      }
    });
  }
  return { columns, rows, nonzeros };
}

export type ReferenceStatus = "optimal" | "infeasible" | "feasible" | "unknown";

export interface ReferenceResult {
  /** `feasible`/`unknown`: stopped at the time limit with/without an integer solution. */
  status: ReferenceStatus;
  objective: number | null;
  bound: number | null;
  size: ReferenceSize;
  buildMs: number;
  solveMs: number;
}

export interface ReferenceSolveOptions extends ReferenceOptions {
  timeLimitSeconds?: number;
  /** Relative gap at which HiGHS may stop; default 1e-9 (proof well within MODEL.md's 1e-6). */
  gap?: number;
}

let highsRuntime: Promise<Highs> | undefined;
function loadHighs(): Promise<Highs> {
  highsRuntime ??= loadHighsRuntime();
  return highsRuntime;
}

/** Builds and solves the per-employee model with HiGHS. */
export async function solvePerEmployee(scenario: Scenario, options: ReferenceSolveOptions = {}): Promise<ReferenceResult> {
  if (options.maxColumns !== undefined) {
    const size = perEmployeeSize(scenario, options);
    if (size.columns > options.maxColumns) throw new ModelTooLargeError(size);
  }
  const built = Date.now();
  const m = buildPerEmployeeModel(scenario, { policy: options.policy });
  const buildMs = Date.now() - built;
  const started = Date.now();
  const done = (status: ReferenceStatus, objective: number | null, bound: number | null): ReferenceResult => ({
    status,
    objective,
    bound,
    size: m.size,
    buildMs,
    solveMs: Date.now() - started,
  });
  if (m.triviallyInfeasible) return done("infeasible", null, null);
  if (m.size.columns === 0) return done("optimal", 0, 0);
  const highs = await loadHighs();
  const inf = (x: number) => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x);
  const model = highs.createModel({
    numCols: m.size.columns,
    numRows: m.size.rows,
    sense: highs.constants.objectiveSense.maximize,
    offset: 0,
    colCost: m.colCost,
    colLower: m.colLower,
    colUpper: m.colUpper,
    rowLower: m.rowLower.map(inf),
    rowUpper: m.rowUpper.map(inf),
    matrix: { format: "csr", numRows: m.size.rows, numCols: m.size.columns, starts: m.starts, indices: m.indices, values: m.values },
    integrality: new Int32Array(m.size.columns).fill(1),
  });
  try {
    model.options.set({
      output_flag: false,
      mip_rel_gap: options.gap ?? 1e-9,
      mip_abs_gap: 1e-7,
      random_seed: 0,
      ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
    });
    model.run();
    const st = highs.constants.modelStatus;
    const status = model.getModelStatus();
    if (status === st.infeasible || status === st.unboundedOrInfeasible) return done("infeasible", null, null);
    const hasSolution = model.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible;
    const rawBound = Number(model.info.get("mip_dual_bound"));
    const bound = Number.isFinite(rawBound) && Math.abs(rawBound) < 1e300 ? rawBound : null;
    if (status === st.optimal) return done("optimal", model.getObjectiveValue(), bound ?? model.getObjectiveValue());
    if (hasSolution) return done("feasible", model.getObjectiveValue(), bound);
    return done("unknown", null, bound);
  } finally {
    model.dispose();
  }
}

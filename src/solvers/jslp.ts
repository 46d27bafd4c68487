import jslpModule from "javascript-lp-solver";
import { maxViolation, objectiveOf, type IntegerProgram } from "../model/program.js";
import { defaultExport } from "./interop.js";
import { solveWithoutColumns, type BackendResult, type BackendSolve } from "./types.js";

const solver = defaultExport<{ Solve(model: object): Record<string, unknown> }>(jslpModule);
const OBJECTIVE = "__objective";
const FEASIBILITY_TOLERANCE = 1e-6;
/**
 * javascript-lp-solver's enhanced branch and bound: depth first until the first integer plan, best
 * first after it, pseudocost branching. Its default (best first, most fractional) took 196 s to prove
 * conformance c1 (151 columns) and found no integer plan of c4 (382 columns) in 20 s. Its rounding
 * cuts (`useMIRCuts`) were faster still, but on a random model of 653 columns they ran on past a 5 s
 * limit for over two minutes without returning; measured in docs/formulation.md.
 */
const SEARCH = { nodeSelection: "hybrid", branching: "pseudocost" } as const;

type JslpBounds = { min?: number; max?: number; equal?: number };
interface JslpModel {
  optimize: string;
  opType: "max";
  constraints: Record<string, JslpBounds>;
  variables: Record<string, Record<string, number>>;
  ints?: Record<string, 1>;
  options?: typeof SEARCH & { timeout?: number };
}

function bounds(lower: number, upper: number): JslpBounds {
  if (lower === upper) return { equal: lower };
  return { ...(lower > -Infinity ? { min: lower } : {}), ...(upper < Infinity ? { max: upper } : {}) };
}

/** javascript-lp-solver's JSON model; column bounds become rows because it only knows x ≥ 0. */
export function toJslpModel(p: IntegerProgram, integer: boolean): JslpModel {
  const constraints: Record<string, JslpBounds> = {};
  const variables: Record<string, Record<string, number>> = {};
  p.columns.forEach((c, j) => {
    variables[`c${j}`] = { [OBJECTIVE]: c.cost };
    if (c.lower > 0 || c.upper < Infinity) {
      constraints[`b${j}`] = bounds(c.lower, c.upper);
      variables[`c${j}`][`b${j}`] = 1;
    }
  });
  p.rows.forEach((r, i) => {
    constraints[`r${i}`] = bounds(r.lower, r.upper);
    for (const [j, v] of r.terms) variables[`c${j}`][`r${i}`] = v;
  });
  const ints = integer ? Object.fromEntries(p.columns.flatMap((c, j) => (c.integer ? [[`c${j}`, 1 as const]] : []))) : undefined;
  return { optimize: OBJECTIVE, opType: "max", constraints, variables, ...(ints ? { ints } : {}) };
}

function valuesOf(p: IntegerProgram, result: Record<string, unknown>): number[] {
  return p.columns.map((c, j) => {
    const v = Number(result[`c${j}`] ?? 0);
    return c.integer && Math.abs(v - Math.round(v)) <= FEASIBILITY_TOLERANCE ? Math.round(v) : v;
  });
}

/**
 * javascript-lp-solver: a dense simplex with branch and bound, for small models only. Its answer is
 * never trusted as it is: on a timeout it can return a fractional relaxation as if solved, so every
 * answer is re-checked for integrality and feasibility, and only a search that ran to its end counts
 * as proof. The LP relaxation, solved first, supplies the bound otherwise.
 */
export const jslpBackend: BackendSolve = (p, options) => {
  const trivial = solveWithoutColumns(p);
  if (trivial) return trivial;
  const started = Date.now();
  const relaxation = solver.Solve(toJslpModel(p, false));
  if (relaxation.feasible !== true) return { status: "infeasible" };
  const lpBound = Number(relaxation.result) + p.offset;
  const remaining = options.timeLimitMs !== undefined ? Math.max(1, options.timeLimitMs - (Date.now() - started)) : undefined;
  const model = { ...toJslpModel(p, true), options: { ...SEARCH, ...(remaining !== undefined ? { timeout: remaining } : {}) } };
  const mipStart = Date.now();
  const result = solver.Solve(model);
  const ranToEnd = remaining === undefined || Date.now() - mipStart < remaining * 0.95;
  return readAnswer(p, result, ranToEnd, lpBound);
};

/** Checks the solver's answer; exported so that its refusal of bad answers can be tested directly. */
export function readAnswer(p: IntegerProgram, result: Record<string, unknown>, ranToEnd: boolean, lpBound: number): BackendResult {
  if (result.feasible !== true) {
    return ranToEnd ? { status: "infeasible" } : { status: "stopped", bound: lpBound, reason: "jslp stopped at its time limit without an integer solution" };
  }
  const values = valuesOf(p, result);
  const violation = maxViolation(p, values);
  if (violation > FEASIBILITY_TOLERANCE) {
    return { status: "stopped", bound: lpBound, reason: `jslp returned a non-integral or infeasible answer (violation ${violation.toExponential(2)}); rejected` };
  }
  const objective = objectiveOf(p, values);
  return { status: "solution", values, objective, bound: ranToEnd ? objective : Math.max(objective, lpBound) };
}

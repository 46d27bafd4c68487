import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../src/domain/index.js";
import { checkPlan } from "../src/plan/check.js";
import { ROOT, ikn } from "./support/cli.js";

// `ikn-alloc solve` as a user runs it.
const dir = mkdtempSync(join(tmpdir(), "ikn-cli-solve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conformance = (name: string) => join(ROOT, "fixtures/conformance", name);
const expected = JSON.parse(readFileSync(conformance("expected.json"), "utf8")) as Record<string, { objective: number | null }>;

const solve = (...args: string[]) => ikn("solve", ...args);

describe("ikn-alloc solve", () => {
  it("writes a checked plan to --out, shows progress on stderr for a solve over a second, and ends with a summary", () => {
    const out = join(dir, "c7.plan.json");
    const run = solve(conformance("c7-medium.json"), "--out", out);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(out, "utf8")) as Plan;
    const scenario = parseScenario(JSON.parse(readFileSync(conformance("c7-medium.json"), "utf8")));
    expect(plan).toMatchObject({ scenarioId: scenario.id, status: "optimal", objective: expected["c7-medium.json"].objective });
    expect(checkPlan(scenario, plan).ok).toBe(true);
    // Not a terminal here: one progress line per phase (and at most one every five seconds).
    expect(run.stderr).toMatch(/^solving +\d+\.\d s {2}incumbent \d+ {2}bound \d+$/m);
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(new RegExp(`^optimal ${plan.objective} \\(bound ${plan.bound}, gap .+\\) by highs in \\d+ ms: ${plan.placements.length} placed, ${plan.unplaced.length} unplaced$`));
  });

  it("prints the plan on stdout without --out, and no progress line with --quiet", () => {
    const run = solve(conformance("c3-no-sharing.json"), "--solver", "jslp", "--quiet");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "optimal", objective: expected["c3-no-sharing.json"].objective, solver: { name: "jslp", requested: "jslp" } });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("writes the integer program as LP text with its class map on --export-lp", () => {
    const lp = join(dir, "c1.lp");
    const run = solve(conformance("c1-small.json"), "--out", join(dir, "c1.plan.json"), "--export-lp", lp, "--quiet");
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(lp, "utf8")).toMatch(/^max\n obj: [\s\S]*^st\n[\s\S]*^end\n?$/m);
    expect(existsSync(`${lp}.classes.json`)).toBe(true);
  });

  it("answers a greedy plan, named and noted as such, when the time limit ends the solve before the solver has one", () => {
    const out = join(dir, "greedy.plan.json");
    const run = solve(conformance("c7-medium.json"), "--time-limit", "0.001", "--out", out, "--quiet");
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(out, "utf8")) as Plan;
    const optimum = expected["c7-medium.json"].objective!;
    expect(plan).toMatchObject({ status: "feasible", solver: { name: "greedy", requested: "auto" } });
    expect(plan.solver.note).toMatch(/^HiGHS stopped \(timeLimit\) without an integer solution: this plan is the pinned placements with a greedy fill/);
    expect(plan.objective!).toBeLessThan(optimum);
    expect(plan.bound!).toBeGreaterThanOrEqual(optimum);
    expect(checkPlan(parseScenario(JSON.parse(readFileSync(conformance("c7-medium.json"), "utf8"))), plan).ok).toBe(true);
  });

  it("exits 1 with one line, no stack trace, when neither the solver nor a greedy fill has a plan by the time limit", () => {
    // Two mustMove singles of different genders and one unit for both: the greedy fill places one.
    const scenario = JSON.parse(readFileSync(conformance("c7-medium.json"), "utf8"));
    scenario.agencies.push({ id: "X", priority: 3 });
    scenario.towers.push({ id: "X-1", zone: "RSN-1", readyDate: "2024-07-01", reservedFor: ["X"] });
    scenario.units.push({ id: "X-1-01", tower: "X-1", bedrooms: 3, maxOccupants: 6 });
    for (const gender of ["F", "M"]) scenario.employees.push({ id: `X-${gender}`, agency: "X", group: "X", gender, availableFrom: "2024-07-01", mustMove: true });
    const file = join(dir, "c7-conflict.json");
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(dir, "none.plan.json");
    const run = solve(file, "--time-limit", "0.001", "--out", out, "--quiet");
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual(["no plan: HiGHS stopped (timeLimit) without an integer solution; a greedy fill found none either"]);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 naming the option or the JSON path of bad input", () => {
    expect(solve(conformance("c1-small.json"), "--solver", "cplex")).toMatchObject({ code: 2, stderr: expect.stringContaining('--solver: "cplex" is not one of auto, highs, jslp') });
    expect(solve(conformance("c1-small.json"), "--gap", "2")).toMatchObject({ code: 2, stderr: expect.stringContaining("--gap") });
    expect(solve(conformance("c1-small.json"), "--model", "nope")).toMatchObject({ code: 2, stderr: expect.stringContaining('--model: unknown model "nope"') });
    expect(solve(join(ROOT, "package.json"))).toMatchObject({ code: 2, stderr: expect.stringMatching(/agencies/) });
  });

  it("exits 2 with one line before solving when an output file cannot be written", () => {
    const missing = join(dir, "no-such-folder", "plan.json");
    expect(solve(conformance("c1-small.json"), "--out", missing)).toEqual({ code: 2, stdout: "", stderr: `${missing}: cannot write (ENOENT)\n` });
    expect(solve(conformance("c1-small.json"), "--out", dir)).toEqual({ code: 2, stdout: "", stderr: `${dir}: cannot write (EISDIR)\n` });
    const lp = join(dir, "no-such-folder", "model.lp");
    expect(solve(conformance("c1-small.json"), "--export-lp", lp, "--out", join(dir, "p.json"))).toMatchObject({ code: 2, stderr: `${lp}: cannot write (ENOENT)\n` });
    expect(existsSync(join(dir, "p.json"))).toBe(false);
  });
});

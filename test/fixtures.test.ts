import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PlanSchema, formatIssue, validateScenario, type Plan, type Scenario } from "../src/domain/index.js";
import { checkPlan } from "../src/plan/check.js";

const TINY = fileURLToPath(new URL("../fixtures/tiny/", import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

interface Expected {
  status: "optimal" | "infeasible";
  objective: number | null;
  explanationNames?: string[];
}
const expected = readJson(`${TINY}expected.json`) as Record<string, Expected>;
const scenarioFiles = readdirSync(TINY).filter((f) => f.endsWith(".json") && !f.endsWith(".plan.json") && f !== "expected.json").sort();

function scenarioOf(file: string): Scenario {
  const v = validateScenario(readJson(TINY + file));
  if (!v.ok) throw new Error(`${file}: ${v.issues.map(formatIssue).join("; ")}`);
  return v.value;
}

function planOf(file: string): Plan {
  return PlanSchema.parse(readJson(TINY + file.replace(/\.json$/, ".plan.json")));
}

describe("tiny fixtures", () => {
  it("are at least nine, each with an expected answer, and expected.json names no other file", () => {
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(expected).sort()).toEqual(scenarioFiles);
  });

  it.each(scenarioFiles)("%s: is valid, at most 8 employees and 6 units", (file) => {
    const s = scenarioOf(file);
    expect(s.employees.length).toBeLessThanOrEqual(8);
    expect(s.units.length).toBeLessThanOrEqual(6);
  });

  it.each(scenarioFiles)("%s: its plan lists every employee exactly once", (file) => {
    const plan = planOf(file);
    const listed = [...plan.placements, ...plan.unplaced].map((p) => p.employee).sort();
    expect(listed).toEqual(scenarioOf(file).employees.map((e) => e.id).sort());
  });

  it.each(scenarioFiles)("%s: its plan passes the checker with the expected status and objective", (file) => {
    const s = scenarioOf(file);
    const plan = planOf(file);
    const result = checkPlan(s, plan);
    expect(result.violations.map((v) => v.message)).toEqual([]);
    const want = expected[file];
    expect([plan.scenarioId, plan.status, plan.objective, plan.bound]).toEqual([s.id, want.status, want.objective, want.objective]);
    if (want.status === "optimal") expect(result.objective).toBe(want.objective);
  });

  it.each(scenarioFiles.filter((f) => expected[f].status === "infeasible"))("%s: the explanation names who makes it infeasible", (file) => {
    const plan = planOf(file);
    expect(plan.placements).toEqual([]);
    for (const name of expected[file].explanationNames ?? []) expect(plan.explanation).toContain(name);
  });
});

describe("fixtures/ikn-2024-small.json", () => {
  // That it is the generator's output, byte for byte, is tested with the generator.
  it("is valid", () => {
    const v = validateScenario(readJson(fileURLToPath(new URL("../fixtures/ikn-2024-small.json", import.meta.url))));
    expect(v.ok ? [] : v.issues.map(formatIssue)).toEqual([]);
  });
});

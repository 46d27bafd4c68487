import { readFileSync } from "node:fs";
import type { Highs } from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy } from "../src/domain/index.js";
import { buildModel, withCoverRows } from "../src/model/build.js";
import { relaxation } from "../src/model/program.js";
import { highsBackend } from "../src/solvers/highs.js";
import { toHighsModel } from "../src/solvers/highs-model.js";
import { NO_HOOKS, loadHighs } from "./support/highs-backend.js";

// Conformance c7 with priority weights of 2.5e8-1e9 (valid input: weights may reach 1e100): HiGHS
// 1.15's presolve fails on its LP with the cover rows ("run failed with HiGHS status -1") where the
// same run without presolve solves it. The backend hands HiGHS such costs scaled down to 2^12
// (`costScale`), where presolve succeeds on it; should a run still fail, the backend runs it once
// more without presolve.

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function hugeWeightsLp() {
  const input = JSON.parse(readFileSync(new URL("../fixtures/conformance/c7-medium.json", import.meta.url), "utf8"));
  input.policy = { priorityWeights: { 1: 1e9, 2: 7e8, 3: 5e8, 4: 3.5e8, 5: 2.5e8 }, familyBonus: 2.5e9, waitPerDay: 1.5, commutePerMinute: 0.25 };
  const s = parseScenario(input);
  return relaxation(withCoverRows(buildModel(s, { policy: scenarioPolicy(s) })));
}

describe("the HiGHS backend where HiGHS's presolve fails", () => {
  it("HiGHS itself fails on this LP with presolve, and solves it without", () => {
    const lp = hugeWeightsLp();
    const run = (presolve: "on" | "off") => {
      const model = highs.createModel(toHighsModel(highs, lp));
      try {
        model.options.set({ output_flag: false, presolve });
        model.run();
        return highs.constants.modelStatus.optimal === model.getModelStatus();
      } finally {
        model.dispose();
      }
    };
    expect(() => run("on")).toThrow(/status -1/);
    expect(run("off")).toBe(true);
  });

  it("answers the LP's optimum, as the run without presolve finds it", () => {
    const lp = hugeWeightsLp();
    const solve = highsBackend(highs);
    const answer = solve(lp, { gap: 1e-6, seed: 0 }, NO_HOOKS);
    const withoutPresolve = solve(lp, { gap: 1e-6, seed: 0, presolve: false }, NO_HOOKS);
    if (answer.status !== "solution" || withoutPresolve.status !== "solution") throw new Error("no LP solution");
    expect(answer.objective).toBe(withoutPresolve.objective);
    expect(answer.bound).toBe(withoutPresolve.bound);
  });
});

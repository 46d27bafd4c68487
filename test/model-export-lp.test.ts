import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, scenarioPolicy } from "../src/domain/index.js";
import { buildModel } from "../src/model/build.js";
import { exportLp } from "../src/model/export-lp.js";
import { conformanceScenario } from "./helpers/service.js";
import { loadHighs } from "./support/highs-backend.js";

describe("the LP export", () => {
  it("is an LP text another solver reads back to the same optimum, with a map of every class and school-need column", async () => {
    const scenario = parseScenario(conformanceScenario("c1-small.json"));
    const model = buildModel(scenario, { policy: scenarioPolicy(scenario) });
    const { lp, classes } = await exportLp(model);

    const highs = await loadHighs();
    const read = highs.createModel({ format: "lp", data: lp });
    try {
      read.options.set({ output_flag: false, mip_rel_gap: 0 });
      read.run();
      // c1-small's proven optimum (../shared/conformance); the LP's objective includes the offset.
      expect(read.getObjectiveValue()).toBeCloseTo(13895, 6);
    } finally {
      read.dispose();
    }

    expect(classes.classes).toHaveLength(model.classes.length);
    expect(classes.unitClasses).toHaveLength(model.unitClasses.length);
    expect(classes.waves).toEqual(scenario.waves.map((w) => w.id));
    expect(classes.schoolNeeds.length).toBeGreaterThan(0);
    expect(classes.objectiveScale).toBe(1);
    for (const n of classes.schoolNeeds) {
      expect(n.name).toMatch(new RegExp(`^n_\\d+_${n.level}_\\d+_${n.need}$`));
      expect(lp).toContain(` ${n.name} `);
    }
  });

  // HiGHS writes a cost of 1e20 or more as "inf": such costs are written scaled, and the map says by what.
  it("writes huge costs scaled, readable, with the scale in a comment and in the map", async () => {
    const input = JSON.parse(readFileSync(new URL("../fixtures/tiny/school-seats.json", import.meta.url), "utf8"));
    const scenario = parseScenario({ ...input, policy: { familyBonus: 1e20 } });
    const { lp, classes } = await exportLp(buildModel(scenario, { policy: scenarioPolicy(scenario) }));
    expect(lp).not.toMatch(/inf/i);
    expect(classes.objectiveScale).toBe(2 ** -55);
    expect(lp.split("\n")[0]).toBe("\\ objective scaled by 2^-55: the plan's objective is this one's times 2^55");

    const highs = await loadHighs();
    const read = highs.createModel({ format: "lp", data: lp });
    try {
      read.options.set({ output_flag: false, mip_rel_gap: 0 });
      read.run();
      // Two families of one SD child each, 1e20 + 250 apiece (test/solver-large-numbers.test.ts).
      expect(read.getObjectiveValue() / classes.objectiveScale).toBeCloseTo(2e20, -6);
    } finally {
      read.dispose();
    }
  });
});

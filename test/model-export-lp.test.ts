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
    for (const n of classes.schoolNeeds) {
      expect(n.name).toMatch(new RegExp(`^n_\\d+_${n.level}_\\d+_${n.need}$`));
      expect(lp).toContain(` ${n.name} `);
    }
  });
});

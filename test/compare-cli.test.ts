import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/cli/command.js";
import { compareCommand, parseVariantSpec } from "../src/cli/commands/compare.js";
import { twoTowersInput } from "./support/two-towers.js";

const dir = mkdtempSync(join(tmpdir(), "compare-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ikn-alloc compare", () => {
  it("reads a variant spec as the variant object of the HTTP API", () => {
    expect(parseVariantSpec("name=cheap,solver=jslp,model=most-housed,time-limit=5,familyBonus=0,sharing=false,priorityWeights.1=900")).toEqual({
      name: "cheap",
      solver: "jslp",
      model: "most-housed",
      timeLimitSeconds: 5,
      policy: { familyBonus: 0, sharing: false, priorityWeights: { "1": 900 } },
    });
  });

  it("rejects an unknown key, solver or model naming the variant", async () => {
    expect(() => parseVariantSpec("colour=red")).toThrow(/unknown key "colour"/);
    const scenario = join(dir, "s.json");
    writeFileSync(scenario, JSON.stringify(twoTowersInput));
    await expect(compareCommand.run([scenario, "--variant", "solver=highs", "--variant", "solver=cplex"])).rejects.toThrow(/--variant #2: solver: must be one of auto, highs, jslp/);
    await expect(compareCommand.run([scenario, "--variant", "model=nope"])).rejects.toThrow(UsageError);
  });

  it("solves every variant and writes the same table as JSON, CSV and Markdown", async () => {
    const scenario = join(dir, "s.json");
    writeFileSync(scenario, JSON.stringify(twoTowersInput));
    const [json, csv, md] = ["t.json", "t.csv", "t.md"].map((f) => join(dir, f));
    const code = await compareCommand.run([scenario, "--variant", "solver=jslp", "--variant", "solver=jslp,model=most-housed", "--json", json, "--csv", csv, "--md", md]);
    expect(code).toBe(0);
    const table = JSON.parse(readFileSync(json, "utf8"));
    expect(table.variants.map((v: { name: string; status: string }) => [v.name, v.status])).toEqual([
      ["jslp", "optimal"],
      ["jslp+most-housed", "optimal"],
    ]);
    // Everyone fits, so both place all five and score the same under the scenario's policy.
    expect(table.variants.map((v: { placed: number; commonObjective: number }) => [v.placed, v.commonObjective])).toEqual([
      [5, table.variants[0].objective],
      [5, table.variants[0].objective],
    ]);
    const csvLines = readFileSync(csv, "utf8").trim().split("\n");
    expect(csvLines).toHaveLength(3);
    expect(csvLines[0]).toMatch(/^name,status,objective,commonObjective,bound,gap,timeMs/);
    expect(readFileSync(md, "utf8")).toMatch(/^\| {2}\| jslp \| jslp\+most-housed \|\n/);
  });
});

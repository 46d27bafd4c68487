import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ikn } from "./support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "ikn-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

// One family and one single of a tier-1 agency, both available on the wave's date: under MODEL.md's
// defaults the family is worth 1000 + 2500 and the single 1000, with no wait and no commute.
const scenario = file("scenario.json", {
  id: "tiny",
  agencies: [{ id: "KL1", priority: 1 }],
  towers: [{ id: "T1", zone: "WP-1A", readyDate: "2024-07-01", reservedFor: ["ASN"] }],
  units: [
    { id: "U1", tower: "T1", bedrooms: 3, maxOccupants: 6 },
    { id: "U2", tower: "T1", bedrooms: 3, maxOccupants: 6 },
  ],
  waves: [{ id: "W1", date: "2024-07-29" }],
  employees: [
    { id: "fam", agency: "KL1", group: "ASN", gender: "F", spouse: true, availableFrom: "2024-07-29" },
    { id: "one", agency: "KL1", group: "ASN", gender: "M", availableFrom: "2024-07-29" },
  ],
});

const plan = (placements: object[], fields: object = {}) => ({
  scenarioId: "tiny",
  status: "optimal",
  objective: 4500,
  bound: 4500,
  solver: { name: "hand", timeMs: 0 },
  placements,
  unplaced: [],
  ...fields,
});
const goodPlan = file("good.plan.json", plan([{ employee: "fam", unit: "U1", wave: "W1" }, { employee: "one", unit: "U2", wave: "W1" }]));

describe("ikn-alloc validate", () => {
  it("exits 0 with a one-line summary of a valid scenario", () => {
    const run = ikn("validate", scenario);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("valid: scenario tiny: employees 2, families 1, singles 1, units 2, towers 1, waves 1, pinned 0, mustMove 0\n");
  });

  it("exits 2 listing every problem with its path", () => {
    const bad = file("bad.json", {
      id: "tiny",
      agencies: [{ id: "KL1", priority: 1 }],
      towers: [{ id: "T1", zone: "WP-1A", readyDate: "2024-07-01", reservedFor: ["ASN"] }],
      units: [{ id: "U1", tower: "T9", bedrooms: 3, maxOccupants: 6 }],
      waves: [{ id: "W1", date: "2024-07-29" }],
      employees: [{ id: "e", agency: "KEMENKEU2", group: "ASN", gender: "F", availableFrom: "2024-07-29" }],
    });
    const run = ikn("validate", bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}: 2 problem(s)`);
    expect(run.stderr).toContain('units[0].tower: unknown tower "T9"');
    expect(run.stderr).toContain('employees[0].agency: unknown agency "KEMENKEU2"');
  });

  it("reads a file that starts with a byte-order mark, as Windows editors write it", () => {
    const withBom = file("bom.json", `\uFEFF${readFileSync(scenario, "utf8")}`);
    expect(ikn("validate", withBom)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: scenario tiny/) });
  });

  it("exits 2 with one clear line for malformed JSON and for a missing file", () => {
    const malformed = file("malformed.json", '{ "id": "tiny", ');
    expect(ikn("validate", malformed)).toMatchObject({ code: 2, stderr: expect.stringMatching(new RegExp(`^${malformed}: not valid JSON \\(`)) });
    expect(ikn("validate", join(dir, "absent.json"))).toMatchObject({ code: 2, stderr: `${join(dir, "absent.json")}: cannot read (ENOENT)\n` });
  });

  it("prints its usage on --help, and exits 2 without a file", () => {
    expect(ikn("validate", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: ikn-alloc validate <scenario.json>") });
    expect(ikn("validate")).toMatchObject({ code: 2, stderr: expect.stringContaining("validate takes exactly one scenario file") });
  });
});

describe("ikn-alloc check", () => {
  it("exits 0 for a valid plan and prints the recomputed objective", () => {
    const run = ikn("check", scenario, goodPlan);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("recomputed objective: 4500 (the scenario's policy)\nvalid: optimal plan, 2 placed, 0 unplaced\n");
  });

  it("exits 1 listing every violation with its constraint and ids", () => {
    const broken = file("broken.plan.json", plan([{ employee: "fam", unit: "U1", wave: "W1" }, { employee: "one", unit: "U1", wave: "W1" }], { unplaced: [{ employee: "ghost", reason: "x" }] }));
    const run = ikn("check", scenario, broken);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      'plan: unplaced[0] names unknown employee "ghost"',
      "constraint 4: unit U1 holds family fam, single one; a family lives alone",
      "recomputed objective: 4500 (the scenario's policy)",
      "2 violation(s)",
      "",
    ]);
  });

  it("scores under the plan's recorded policy, or under --model over the scenario's", () => {
    const famOnly = [{ employee: "fam", unit: "U1", wave: "W1" }];
    const ownPolicy = file("own-policy.plan.json", plan(famOnly, { unplaced: [{ employee: "one", reason: "x" }], objective: 1000, bound: 1000, policy: { familyBonus: 0 } }));
    expect(ikn("check", scenario, ownPolicy)).toMatchObject({ code: 0, stdout: expect.stringContaining("recomputed objective: 1000 (the plan's policy)") });
    const run = ikn("check", scenario, goodPlan, "--model", "most-housed");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("plan: reported objective 4500 differs from the recomputed 2000");
    expect(run.stdout).toContain("recomputed objective: 2000 (scenario policy with preset most-housed)");
  });

  it("exits 2 for a malformed plan, an unknown preset or a missing argument", () => {
    const shapeless = file("shapeless.plan.json", plan([{ employee: "fam", unit: 7, wave: "W1" }], { status: "done" }));
    const run = ikn("check", scenario, shapeless);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("status: ");
    expect(run.stderr).toContain("placements[0].unit: ");
    expect(ikn("check", scenario, goodPlan, "--model", "nope")).toMatchObject({ code: 2, stderr: expect.stringContaining('--model: unknown preset "nope"') });
    expect(ikn("check", scenario)).toMatchObject({ code: 2, stderr: expect.stringContaining("check takes a scenario file and a plan file") });
  });

  it("prints its usage on --help", () => {
    expect(ikn("check", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: ikn-alloc check <scenario.json> <plan.json> [--model PRESET]") });
  });
});

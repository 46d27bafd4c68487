import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, validateScenario, type Scenario } from "../src/domain/index.js";
import { generateScenario, namedScenario, type GenerateOptions } from "../src/generate/index.js";
import { ROOT, ikn } from "./support/cli.js";

/** Validates what would be written, not the in-memory object. */
function problems(s: Scenario): string[] {
  const v = validateScenario(JSON.parse(JSON.stringify(s)));
  return v.ok ? [] : v.issues.map(formatIssue);
}

const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;

describe("generated scenarios are reproducible", () => {
  it("gives the same bytes for the same options", () => {
    const options = { seed: 7, employees: 300, waves: 4 };
    expect(JSON.stringify(generateScenario(options))).toBe(JSON.stringify(generateScenario(options)));
  });

  it("gives different employees for different seeds", () => {
    const a = generateScenario({ seed: 1, employees: 300 });
    const b = generateScenario({ seed: 2, employees: 300 });
    expect(JSON.stringify(a.employees)).not.toBe(JSON.stringify(b.employees));
  });

  it("writes the committed ikn-2024-small fixture byte for byte from the CLI", () => {
    const run = ikn("generate", "--preset", "ikn-2024-small");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(`${ROOT}fixtures/ikn-2024-small.json`, "utf8"));
  });
});

describe("the full-scale ikn-2024 scenario has MODEL.md's figures", () => {
  const s = namedScenario("ikn-2024");
  const agencyOf = new Map(s.agencies.map((a) => [a.id, a]));

  it("has 18,430 employees: 12,714 ASN from 35 K/L and 5,716 TNI/POLRI/BIN/Paspampres", () => {
    expect(s.employees).toHaveLength(18_430);
    const asn = s.employees.filter((e) => e.group === "ASN");
    expect(asn).toHaveLength(12_714);
    expect(new Set(asn.map((e) => e.agency)).size).toBe(35);
    expect(count(s.employees, (e) => ["TNI", "POLRI", "BIN", "Paspampres"].includes(e.group))).toBe(5_716);
    expect(new Set(s.agencies.map((a) => a.priority))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(s.policy).toBeUndefined();
  });

  it("has 47 towers (31 ASN, 7 POLRI/BIN, 9 Paspampres) of 60 three-bedroom units, 2,820 in all", () => {
    expect(s.towers).toHaveLength(47);
    expect(s.units).toHaveLength(2_820);
    const reserved = (names: string[]) => count(s.towers, (t) => JSON.stringify(t.reservedFor) === JSON.stringify(names));
    expect([reserved(["ASN"]), reserved(["POLRI", "BIN"]), reserved(["Paspampres", "TNI"])]).toEqual([31, 7, 9]);
    for (const t of s.towers) expect(count(s.units, (u) => u.tower === t.id && u.bedrooms === 3)).toBe(60);
    expect(count(s.units, (u) => u.accessible)).toBeGreaterThan(0);
  });

  it("has 12 towers ready in July 2024, the rest by December, and waves in July, November and December", () => {
    expect(count(s.towers, (t) => t.readyDate!.startsWith("2024-07"))).toBe(12);
    expect(count(s.towers, (t) => t.readyDate!.startsWith("2024-11"))).toBeGreaterThan(0);
    expect(s.towers.every((t) => t.readyDate! <= "2024-12-31")).toBe(true);
    expect(s.waves.map((w) => w.date.slice(0, 7))).toEqual(["2024-07", "2024-11", "2024-12"]);
  });

  it("mixes singles of both genders with families whose children span every level, NONE included", () => {
    const singles = s.employees.filter((e) => !e.spouse && e.children.length === 0);
    expect(new Set(singles.map((e) => e.gender))).toEqual(new Set(["F", "M"]));
    expect(new Set(s.employees.flatMap((e) => e.children))).toEqual(new Set(["NONE", "PAUD", "SD", "SMP", "SMA"]));
    for (const flag of ["requiredBy", "mustMove", "needsAccessible"] as const) expect(count(s.employees, (e) => Boolean(e[flag]))).toBeGreaterThan(0);
  });

  it("passes validation", () => {
    expect(problems(s)).toEqual([]);
  });
});

describe("every generated scenario is valid input", () => {
  const cases: GenerateOptions[] = [
    { seed: 0, employees: 1 },
    { seed: 11, employees: 40, waves: 1 },
    { seed: 12, employees: 900, towers: 9, waves: 6 },
    { seed: 4_294_967_295, employees: 2_000, towers: 3, policy: { sharing: false } },
  ];
  it.each(cases)("%o", (options) => {
    expect(problems(generateScenario(options))).toEqual([]);
  });

  it.each(["ikn-2024-small", "ikn-2024-2k", "ikn-2024-5k"] as const)("%s", (name) => {
    const s = namedScenario(name);
    expect(s.id).toBe(name);
    expect(problems(s)).toEqual([]);
  });
});

describe("mustMove employees can always be placed", () => {
  it("are available for the first wave, with no deadline, no children and an eligible tower ready for it", () => {
    const s = generateScenario({ seed: 5, employees: 5_000, towers: 3 });
    const first = s.waves[0].date;
    const mustMove = s.employees.filter((e) => e.mustMove);
    expect(mustMove.length).toBeGreaterThan(0);
    for (const e of mustMove) {
      expect([e.availableFrom <= first, e.requiredBy, e.children, e.needsAccessible]).toEqual([true, undefined, [], false]);
      expect(s.towers.some((t) => t.readyDate! <= first && (t.reservedFor.includes(e.group) || t.reservedFor.includes(e.agency)))).toBe(true);
    }
  });
});

describe("bad generator options", () => {
  it.each([{ employees: 0 }, { employees: 10, towers: 2 }, { employees: 10, waves: 7 }, { employees: 10, seed: -1 }, { employees: 2.5 }])("%o is a RangeError", (options) => {
    expect(() => generateScenario(options)).toThrow(RangeError);
  });

  it("exit 2 from the CLI with the reason", () => {
    const run = ikn("generate", "--employees", "10", "--waves", "9");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("waves must be a whole number from 1 to 6");
    expect(ikn("generate").code).toBe(2);
  });
});

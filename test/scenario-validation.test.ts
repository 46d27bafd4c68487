import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioIndex, dottedPath, formatIssue, scenarioPolicy, summarizeScenario, validateScenario, type Scenario } from "../src/domain/index.js";

const CONFORMANCE = new URL("../fixtures/conformance/", import.meta.url);

/** A small valid scenario as a user writes it; every bad case below breaks one thing in a fresh copy. */
function validInput() {
  return {
    id: "tiny",
    agencies: [
      { id: "KEMENKEU", priority: 2, officeZone: "KIPP" },
      { id: "POLRI-HQ", priority: 1 },
    ],
    zones: [{ id: "KIPP", travelMinutes: { "WP-1A": 12 } }, { id: "WP-1A" }],
    towers: [
      { id: "ASN-01", zone: "WP-1A", readyDate: "2024-07-01", reservedFor: ["ASN"] },
      { id: "POL-01", zone: "WP-1A", reservedFor: ["POLRI", "BIN"] },
    ],
    units: [
      { id: "ASN-01-0301", tower: "ASN-01", bedrooms: 3, maxOccupants: 6 },
      { id: "POL-01-0101", tower: "POL-01", bedrooms: 3, maxOccupants: 6, readyDate: "2024-12-01" },
    ],
    schools: [{ id: "SD-1", zone: "WP-1A", level: "SD", seats: 40, openDate: "2024-07-01" }],
    waves: [
      { id: "W1", date: "2024-07-29", maxHouseholds: 100, maxPersons: 300 },
      { id: "W2", date: "2024-12-10" },
    ],
    employees: [
      { id: "e0", agency: "KEMENKEU", group: "ASN", gender: "F", spouse: true, children: ["SD", "NONE"], availableFrom: "2024-07-01", requiredBy: "2024-08-16" },
      { id: "e1", agency: "KEMENKEU", group: "ASN", gender: "M", availableFrom: "2024-07-01", mustMove: true },
      { id: "e2", agency: "POLRI-HQ", group: "POLRI", gender: "M", needsAccessible: false, availableFrom: "2024-11-01" },
    ],
    pinned: [{ employee: "e1", unit: "ASN-01-0301", wave: "W1" }],
  };
}
// Bad cases write values the TypeScript type forbids on purpose.
type Loose = Record<string, any>;

function problems(input: unknown): string[] {
  const v = validateScenario(input);
  return v.ok ? [] : v.issues.map(formatIssue);
}

function edited(edit: (s: Loose) => void): unknown {
  const s: Loose = validInput();
  edit(s);
  return s;
}

describe("bad scenarios are rejected with the exact path", () => {
  const LISTS = ["agencies", "zones", "towers", "units", "schools", "waves", "employees"] as const;

  it.each(LISTS)("a duplicate id in %s", (list) => {
    const input = edited((s) => {
      const items = s[list] as { id: string }[];
      items.push({ ...items[0] });
    });
    const at = validInput()[list].length;
    expect(problems(input)).toEqual([`${list}[${at}].id: duplicate id "${validInput()[list][0].id}" (first at ${list}[0])`]);
  });

  it.each<[string, (s: Loose) => void, string]>([
    ["an unknown agency", (s) => (s.employees[1].agency = "KEMENKEU2"), 'employees[1].agency: unknown agency "KEMENKEU2"'],
    ["an unknown tower", (s) => (s.units[1].tower = "POL-09"), 'units[1].tower: unknown tower "POL-09"'],
    ["a tower in an unlisted zone", (s) => (s.towers[1].zone = "WP-9"), 'towers[1].zone: unknown zone "WP-9" (zones lists every zone when given)'],
    ["a school in an unlisted zone", (s) => (s.schools[0].zone = "WP-9"), 'schools[0].zone: unknown zone "WP-9" (zones lists every zone when given)'],
    ["an office in an unlisted zone", (s) => (s.agencies[0].officeZone = "KIPP-2"), 'agencies[0].officeZone: unknown zone "KIPP-2" (zones lists every zone when given)'],
    ["travel to an unlisted zone", (s) => (s.zones[0].travelMinutes = { "WP-9": 3 }), 'zones[0].travelMinutes.WP-9: unknown zone "WP-9" (zones lists every zone when given)'],
    ["a pin of an unknown employee", (s) => (s.pinned[0].employee = "e9"), 'pinned[0].employee: unknown employee "e9"'],
    ["a pin of an unknown unit", (s) => (s.pinned[0].unit = "ASN-01-9999"), 'pinned[0].unit: unknown unit "ASN-01-9999"'],
    ["a pin of an unknown wave", (s) => (s.pinned[0].wave = "W3"), 'pinned[0].wave: unknown wave "W3"'],
    ["an employee pinned twice", (s) => s.pinned.push({ employee: "e1", unit: "POL-01-0101", wave: "W2" }), 'pinned[1].employee: employee "e1" is already pinned at pinned[0]'],
    ["an impossible date", (s) => (s.waves[1].date = "2024-02-30"), "waves[1].date: must be a real date YYYY-MM-DD"],
    ["a date in another format", (s) => (s.employees[2].availableFrom = "1/11/2024"), "employees[2].availableFrom: must be a real date YYYY-MM-DD"],
    ["requiredBy before availableFrom", (s) => (s.employees[0].requiredBy = "2024-06-30"), "employees[0].requiredBy: 2024-06-30 is before availableFrom 2024-07-01"],
    ["a unit without any ready date", (s) => delete s.units[1].readyDate, 'units[1].readyDate: no ready date: neither the unit nor its tower "POL-01" has one'],
    ["negative seats", (s) => (s.schools[0].seats = -1), "schools[0].seats: must be at least 0"],
    ["fractional bedrooms", (s) => (s.units[0].bedrooms = 2.5), "units[0].bedrooms: must be a whole number"],
    ["zero maxOccupants", (s) => (s.units[0].maxOccupants = 0), "units[0].maxOccupants: must be at least 1"],
    ["fractional maxHouseholds", (s) => (s.waves[0].maxHouseholds = 99.5), "waves[0].maxHouseholds: must be a whole number"],
    ["negative maxPersons", (s) => (s.waves[0].maxPersons = -300), "waves[0].maxPersons: must be at least 0"],
    ["a priority tier above 5", (s) => (s.agencies[0].priority = 6), "agencies[0].priority: must be at most 5"],
    ["negative travel minutes", (s) => (s.zones[0].travelMinutes = { "WP-1A": -5 }), "zones[0].travelMinutes.WP-1A: must be at least 0"],
    ["an unknown gender", (s) => (s.employees[2].gender = "X"), "employees[2].gender: must be F or M"],
    ["an unknown child level", (s) => (s.employees[0].children = ["SD", "TK"]), "employees[0].children[1]: must be one of PAUD, SD, SMP, SMA, NONE"],
    ["an unknown school level", (s) => (s.schools[0].level = "SMK"), "schools[0].level: must be one of PAUD, SD, SMP, SMA"],
    ["a string where a boolean belongs", (s) => (s.employees[1].mustMove = "yes"), "employees[1].mustMove: Invalid input: expected boolean, received string"],
    ["a number given as a string", (s) => (s.units[1].bedrooms = "3"), "units[1].bedrooms: must be a whole number"],
    ["a list that is not a list", (s) => (s.waves = { W1: "2024-07-29" }), "waves: Invalid input: expected array, received object"],
    ["a missing list", (s) => delete s.employees, "employees: Invalid input: expected array, received undefined"],
    ["a null list entry", (s) => (s.employees[2] = null), "employees[2]: Invalid input: expected object, received null"],
    ["an empty id", (s) => (s.towers[0].id = ""), "towers[0].id: must be a non-empty string"],
    ["no scenario id", (s) => delete s.id, "id: must be a non-empty string"],
    ["an empty reservedFor", (s) => (s.towers[0].reservedFor = []), "towers[0].reservedFor: must name at least one group or agency"],
    ["a policy tier that does not exist", (s) => (s.policy = { priorityWeights: { "6": 100 } }), "policy.priorityWeights.6: unknown field"],
    ["a policy field of the wrong type", (s) => (s.policy = { familyBonus: "high" }), "policy.familyBonus: familyBonus must be a number"],
    // Values that could make a plan's objective overflow: 1e308 and 1e308 make Infinity.
    ["a family bonus beyond 1e100", (s) => (s.policy = { familyBonus: 1e308 }), "policy.familyBonus: familyBonus must be at most 1e100"],
    ["a weight below -1e100", (s) => (s.policy = { priorityWeights: { "2": -1e101 } }), "policy.priorityWeights.2: weight must be at least -1e100"],
    ["a travel time beyond 1e100", (s) => (s.zones[0].travelMinutes = { "WP-1A": 1e300 }), "zones[0].travelMinutes.WP-1A: must be at most 1e100"],
  ])("%s", (_, edit, message) => {
    expect(problems(edited(edit))).toEqual([message]);
  });

  it.each([null, [], "ikn-2024", 42, true])("non-object input %j", (input) => {
    expect(problems(input)).toEqual(["(root): a scenario must be a JSON object"]);
  });

  it("lists every cross-reference problem at once, in the API's dotted form too", () => {
    const input = edited((s) => {
      s.employees[1].agency = "KEMENKEU2";
      s.units[0].tower = "ASN-09";
      s.pinned[0].wave = "W9";
    });
    const v = validateScenario(input);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => dottedPath(i.path))).toEqual(["units.0.tower", "employees.1.agency", "pinned.0.wave"]);
  });

  it("lists problems of shape and of reference in one answer", () => {
    const input = edited((s) => {
      s.units[1].bedrooms = 1.5;
      s.employees[1].agency = "KEMENKEU2";
      s.pinned[0].wave = "W9";
    });
    expect(problems(input)).toEqual(["units[1].bedrooms: must be a whole number", 'employees[1].agency: unknown agency "KEMENKEU2"', 'pinned[0].wave: unknown wave "W9"']);
  });

  it.each<[string, (s: Loose) => void, string]>([
    ["a tower id that is not a string", (s) => (s.towers[0].id = 5), "towers[0].id: must be a non-empty string"],
    ["an agency that is not an object", (s) => (s.agencies[1] = null), "agencies[1]: Invalid input: expected object, received null"],
    ["units that are not a list", (s) => (s.units = {}), "units: Invalid input: expected array, received object"],
    ["zones with an entry without id", (s) => delete s.zones[1].id, "zones[1].id: must be a non-empty string"],
  ])("calls no name unknown in a list with an invalid item: %s", (_, edit, message) => {
    // Every list is referred to somewhere in validInput(); here a reference that is not in the list
    // sits beside the invalid item, yet the user may have meant the invalid item.
    const input = edited((s) => {
      edit(s);
      s.employees[2].agency = "POLRI";
      s.towers[1].zone = "WP-9";
      s.pinned[0].unit = "ASN-01-9999";
    });
    const reported = problems(input);
    expect(reported[0]).toBe(message);
    expect(reported.join("\n")).not.toMatch(new RegExp(`unknown ${{ towers: "tower", agencies: "agency", units: "unit", zones: "zone" }[message.split(/[[:]/)[0]]}`));
  });

  it("still reports duplicate ids among the valid items of a list with an invalid one", () => {
    const input = edited((s) => {
      s.employees.push({ ...s.employees[0] }, { ...s.employees[1], id: "" });
    });
    expect(problems(input)).toEqual(["employees[4].id: must be a non-empty string", 'employees[3].id: duplicate id "e0" (first at employees[0])']);
  });

  it.each<[string, (s: Loose) => void, string]>([
    ["an invalid requiredBy", (s) => (s.employees[0].requiredBy = "2024-02-30"), "employees[0].requiredBy: must be a real date YYYY-MM-DD"],
    ["an invalid availableFrom", (s) => (s.employees[0].availableFrom = "2025-02-30"), "employees[0].availableFrom: must be a real date YYYY-MM-DD"],
    ["an invalid unit ready date", (s) => (s.units[1].readyDate = "soon"), "units[1].readyDate: must be a real date YYYY-MM-DD"],
    ["an invalid tower ready date", (s) => (s.towers[0].readyDate = 2024), "towers[0].readyDate: must be a date YYYY-MM-DD"],
    ["a pinned employee that is not a string", (s) => s.pinned.push({ employee: ["e1"], unit: "POL-01-0101", wave: "W2" }), "pinned[1].employee: must be a non-empty string"],
    ["an invalid travel time to an unlisted zone", (s) => (s.zones[0].travelMinutes = { "WP-9": -1 }), "zones[0].travelMinutes.WP-9: must be at least 0"],
  ])("reads no reference from a value with a shape problem: %s", (_, edit, message) => {
    expect(problems(edited(edit))).toEqual([message]);
  });

  it("reports the same reference problems whatever unrelated shape problems sit beside them", () => {
    const referenceBreaks: ((s: Loose) => void)[] = [
      (s) => (s.employees[1].agency = "KEMENKEU2"),
      (s) => (s.units[1].tower = "POL-09"),
      (s) => (s.schools[0].zone = "WP-9"),
      (s) => (s.zones[0].travelMinutes = { "WP-9": 3 }),
      (s) => (s.pinned[0].wave = "W3"),
      (s) => s.pinned.push({ employee: "e1", unit: "POL-01-0101", wave: "W2" }),
      (s) => (s.employees[0].requiredBy = "2024-06-30"),
      (s) => delete s.units[1].readyDate,
      (s) => s.waves.push({ ...s.waves[0] }),
    ];
    const shapeBreaks: ((s: Loose) => void)[] = [
      (s) => (s.units[0].bedrooms = 2.5),
      (s) => (s.schools[0].seats = -1),
      (s) => (s.employees[2].gender = "X"),
      (s) => (s.employees[0].children = ["TK"]),
      (s) => (s.agencies[0].priority = 0),
      (s) => (s.waves[0].maxPersons = "300"),
      (s) => (s.policy = { familyBonus: "high" }),
      (s) => (s.units[1].maxOccupants = 0),
    ];
    const indices = (n: number) => fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n });
    fc.assert(
      fc.property(indices(referenceBreaks.length), indices(shapeBreaks.length), (refs, shapes) => {
        const onlyReferences = problems(edited((s) => refs.forEach((r) => referenceBreaks[r](s))));
        const both = problems(edited((s) => [...refs.map((r) => referenceBreaks[r]), ...shapes.map((b) => shapeBreaks[b])].forEach((edit) => edit(s))));
        expect(onlyReferences.length).toBeGreaterThan(0);
        expect(both.slice(-onlyReferences.length)).toEqual(onlyReferences);
        expect(both.length).toBeGreaterThan(onlyReferences.length);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("never throws, whatever JSON replaces any part of a valid scenario", () => {
    const paths = [["id"], ["employees"], ["employees", 0], ["employees", 0, "children"], ["units", 1], ["towers", 0, "reservedFor"], ["zones", 0, "travelMinutes"], ["pinned", 0], ["policy"], ["schools", 0, "seats"],
      ["zones"], ["pinned"], ["towers", 0], ["agencies", 0, "id"], ["units", 0, "readyDate"], ["employees", 0, "requiredBy"]];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const s: Loose = validInput();
        let parent = s;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]] = value;
        const v = validateScenario(s);
        return v.ok || v.issues.every((i) => typeof i.message === "string" && i.message.length > 0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("valid scenarios", () => {
  const conformance = readdirSync(CONFORMANCE).filter((f) => /^c\d.*\.json$/.test(f));

  it.each(conformance)("conformance scenario %s is valid", (file) => {
    expect(problems(JSON.parse(readFileSync(new URL(file, CONFORMANCE), "utf8")))).toEqual([]);
  });

  function parsed(input: unknown): Scenario {
    const v = validateScenario(input);
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join("\n"));
    return v.value;
  }

  it("fills MODEL.md's defaults", () => {
    const s = parsed(validInput());
    expect(s.employees[1]).toMatchObject({ spouse: false, children: [], needsAccessible: false, mustMove: true });
    expect(s.units[0].accessible).toBe(false);
    expect(summarizeScenario(s)).toEqual({ employees: 3, families: 1, singles: 2, units: 2, towers: 2, waves: 2, pinned: 1, mustMove: 1 });
    expect(parsed(edited((x) => delete x.schools)).schools).toEqual([]);
  });

  it("allows a reservedFor entry that names no group or agency of the scenario", () => {
    expect(problems(edited((s) => s.towers[1].reservedFor.push("PASPAMPRES")))).toEqual([]);
  });

  it("allows zones to be absent: zone names are then free", () => {
    const input = edited((s) => {
      delete s.zones;
      s.towers[1].zone = "anywhere";
      s.agencies[1].officeZone = "HQ";
    });
    expect(problems(input)).toEqual([]);
  });

  it("merges a partial priorityWeights with the defaults tier by tier", () => {
    const s = parsed(edited((x) => (x.policy = { priorityWeights: { "2": 10 }, sharing: false })));
    expect(scenarioPolicy(s)).toEqual({ priorityWeights: { 1: 1000, 2: 10, 3: 500, 4: 350, 5: 250 }, familyBonus: 2500, waitPerDay: 1, commutePerMinute: 2, sharing: false });
  });

  it("takes dates of any four-digit year, leap days included", () => {
    for (const date of ["0024-02-29", "0099-12-31", "2024-02-29", "9999-12-31"]) {
      expect(problems(edited((s) => (s.waves[1].date = date))), date).toEqual([]);
    }
    expect(problems(edited((s) => (s.waves[1].date = "2023-02-29")))).toEqual(["waves[1].date: must be a real date YYYY-MM-DD"]);
  });

  it("allows requiredBy on the very day of availableFrom", () => {
    expect(problems(edited((s) => (s.employees[0].requiredBy = s.employees[0].availableFrom)))).toEqual([]);
  });

  // JSON.parse makes "__proto__" an ordinary key, which zod's records leave out.
  const withProtoZone = (travel: string) =>
    JSON.parse(JSON.stringify(validInput()).replace('{"id":"WP-1A"}', `{"id":"WP-1A"},{"id":"__proto__","travelMinutes":${travel}}`));

  it("keeps travel times to and from a zone named __proto__", () => {
    const input = withProtoZone('{"__proto__":1,"KIPP":9}');
    input.zones[0].travelMinutes = JSON.parse('{"WP-1A":12,"__proto__":7}');
    const index = new ScenarioIndex(parsed(input));
    expect(index.travelMinutes("KIPP", "__proto__")).toBe(7);
    expect(index.travelMinutes("__proto__", "KIPP")).toBe(9);
    expect(index.travelMinutes("__proto__", "__proto__")).toBe(0);
  });

  it("checks a travel time to a zone named __proto__ like any other", () => {
    expect(problems(withProtoZone('{"__proto__":-1,"KIPP":-2}'))).toEqual([
      "zones[2].travelMinutes.KIPP: must be at least 0",
      "zones[2].travelMinutes.__proto__: must be at least 0",
    ]);
    const input = edited(() => {});
    (input as Loose).zones[0].travelMinutes = JSON.parse('{"__proto__":7}');
    expect(problems(input)).toEqual(['zones[0].travelMinutes.__proto__: unknown zone "__proto__" (zones lists every zone when given)']);
  });
});

import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/domain/index.js";
import { planToCsv } from "../src/plan/export-csv.js";
import { planA, twoTowersInput } from "./support/two-towers.js";

describe("a plan as CSV for a spreadsheet", () => {
  it("has a header and one row per placement, with tower, floor, move date and persons", () => {
    const scenario = parseScenario({ ...twoTowersInput, units: twoTowersInput.units.map((u, i) => (i === 0 ? { ...u, floor: 3 } : u)) });
    expect(planToCsv(scenario, planA).split("\r\n")).toEqual([
      "employee,agency,group,tower,unit,floor,wave,moveDate,persons",
      "e1,A1,ASN,T1,T1-01,3,W1,2024-07-29,4",
      "e2,A1,ASN,T1,T1-02,,W1,2024-07-29,1",
      "e3,A2,ASN,T1,T1-02,,W2,2024-11-15,1",
      "e5,A2,ASN,T2,T2-01,,W2,2024-11-15,2",
      "",
    ]);
  });

  it("quotes commas and quotes, and defuses what a spreadsheet would take for a formula", () => {
    const scenario = parseScenario({
      ...twoTowersInput,
      agencies: [...twoTowersInput.agencies, { id: '=HYPERLINK("x"),y', priority: 2 }],
      employees: twoTowersInput.employees.map((e) => (e.id === "e1" ? { ...e, agency: '=HYPERLINK("x"),y' } : e)),
    });
    expect(planToCsv(scenario, planA).split("\r\n")[1]).toBe(`e1,"'=HYPERLINK(""x""),y",ASN,T1,T1-01,,W1,2024-07-29,4`);
  });
});

import { describe, expect, it } from "vitest";
import { previewValue, valueAtPath } from "../web/src/json-path.js";

describe("showing the value a validation error points at", () => {
  const scenario = { employees: [{ id: "1" }, { id: "2", agency: "NOPE", children: ["SD", "XX"] }], waves: [] };

  it("follows API.md's dotted paths, with or without the request's `scenario.` prefix", () => {
    expect(valueAtPath(scenario, "scenario.employees.1.agency")).toEqual({ found: true, value: "NOPE" });
    expect(valueAtPath(scenario, "employees.1.children.1")).toEqual({ found: true, value: "XX" });
    expect(valueAtPath(scenario, "")).toEqual({ found: true, value: scenario });
  });

  it("says so when the path names something the document lacks (a missing required field)", () => {
    expect(valueAtPath(scenario, "scenario.employees.0.agency")).toEqual({ found: false });
    expect(valueAtPath(scenario, "scenario.employees.9")).toEqual({ found: false });
    expect(valueAtPath(scenario, "scenario.employees.1.agency.length")).toEqual({ found: false });
  });

  it("previews values as short JSON", () => {
    expect(previewValue("NOPE")).toBe('"NOPE"');
    expect(previewValue(1.5)).toBe("1.5");
    expect(previewValue({ a: "x".repeat(200) }, 20)).toHaveLength(20);
  });
});

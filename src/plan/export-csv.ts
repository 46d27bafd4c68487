import { ScenarioIndex, persons, type Plan, type Scenario } from "../domain/index.js";

export const PLAN_CSV_COLUMNS = ["employee", "agency", "group", "tower", "unit", "floor", "wave", "moveDate", "persons"] as const;

/**
 * A plan's placements as CSV (RFC 4180, CRLF line ends), one row per placement in the plan's order,
 * for a spreadsheet. `floor` is empty for units without one. Unplaced employees have no row.
 */
export function planToCsv(scenario: Scenario, plan: Plan): string {
  const index = new ScenarioIndex(scenario);
  const rows = plan.placements.map((p) => {
    const employee = index.employee.get(p.employee);
    const unit = index.unit.get(p.unit);
    const wave = index.wave.get(p.wave);
    return [
      p.employee,
      employee?.agency ?? "",
      employee?.group ?? "",
      unit?.tower ?? "",
      p.unit,
      unit?.floor ?? "",
      p.wave,
      wave?.date ?? "",
      employee ? persons(employee) : "",
    ];
  });
  return [PLAN_CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

/** Quotes what needs quoting, and defuses text a spreadsheet would run as a formula. */
function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { formatIssue, fromZodIssues, type InputIssue, type Scenario } from "../../domain/index.js";
import { NoPlanError, solveScenario } from "../../pipeline/solve.js";
import { comparisonRow, comparisonTable, type Cell, type VariantColumn } from "../../plan/compare.js";
import { VariantListSchema, nameVariants, variantSolveOptions, type Variant } from "../../plan/variants.js";
import { EXIT, UsageError, parseCommandArgs, type Command } from "../command.js";
import { checkWritable, readScenario, writeText } from "../io.js";

const USAGE = `Usage: ikn-alloc compare <scenario.json> --variant SPEC [--variant SPEC ...] [options]

Solves the scenario once per variant, one after the other, and prints the variants side by side:
status, objective under the variant's own policy, commonObjective (the same placements scored under
the scenario's own policy, so that variants share one scale), bound, gap, time, people placed by
priority tier, group and wave, families and singles housed, unplaced by reason, school seats used
and average commute.

A SPEC is comma-separated key=value pairs:
  name=TEXT                     column title (default: solver+model, e.g. jslp+families-first)
  solver=auto|highs|jslp        backend (default auto)
  model=PRESET                  a policy preset of models/
  time-limit=S                  wall-clock limit in seconds
  familyBonus=N, waitPerDay=N, commutePerMinute=N, sharing=true|false, priorityWeights.T=N
                                policy fields applied over the preset
e.g. --variant solver=highs --variant solver=jslp,model=families-first

Options:
  --json FILE    also write the table as JSON ({ scenarioId, variants: [...] })
  --csv FILE     also write it as CSV, one line per variant
  --md FILE      also write it as a Markdown table

Exit codes: 0 every variant gave a plan, 1 a variant gave none (its column says why), 2 bad input.`;

const POLICY_NUMBERS = new Set(["familyBonus", "waitPerDay", "commutePerMinute"]);

/** `solver=jslp,model=families-first,familyBonus=0` → the variant object the HTTP API takes. */
export function parseVariantSpec(spec: string): Record<string, unknown> {
  const variant: Record<string, unknown> = {};
  const policy: Record<string, unknown> = {};
  const weights: Record<string, unknown> = {};
  for (const pair of spec.split(",")) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UsageError([`--variant "${spec}": "${pair}" is not key=value`, USAGE]);
    const [key, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    if (key === "name" || key === "solver" || key === "model") variant[key] = value;
    else if (key === "time-limit") variant.timeLimitSeconds = Number(value);
    else if (POLICY_NUMBERS.has(key)) policy[key] = Number(value);
    else if (key === "sharing") policy.sharing = value === "true" ? true : value === "false" ? false : value;
    else if (key.startsWith("priorityWeights.")) weights[key.slice("priorityWeights.".length)] = Number(value);
    else throw new UsageError([`--variant "${spec}": unknown key "${key}"`, USAGE]);
  }
  if (Object.keys(weights).length) policy.priorityWeights = weights;
  if (Object.keys(policy).length) variant.policy = policy;
  return variant;
}

function parseVariants(specs: string[]): Variant[] {
  const parsed = VariantListSchema.safeParse(specs.map(parseVariantSpec));
  if (!parsed.success) throw variantErrors(fromZodIssues(parsed.error.issues));
  const { variants, issues } = nameVariants(parsed.data);
  if (issues.length) throw variantErrors(issues);
  return variants;
}

/** Issues located by variant index, told as the n-th `--variant`. */
function variantErrors(issues: InputIssue[]): UsageError {
  return new UsageError(issues.map((i) => `--variant #${Number(i.path[0]) + 1}: ${formatIssue({ ...i, path: i.path.slice(1) })}`));
}

async function solveVariant(scenario: Scenario, variant: Variant, position: string): Promise<VariantColumn> {
  process.stderr.write(`${position} ${variant.name}: solving…\n`);
  try {
    const plan = await solveScenario(scenario, variantSolveOptions(variant));
    return { name: variant.name, ...comparisonRow(scenario, plan) };
  } catch (err) {
    if (err instanceof NoPlanError) return { name: variant.name, status: "failed", error: err.message };
    throw err;
  }
}

function formatCell(metric: string, cell: Cell): string {
  if (cell === null) return "–";
  if (typeof cell === "string") return cell;
  if (metric === "gap") return cell.toExponential(1);
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(1);
}

/** Unplaced reasons are sentences; the terminal shows their start, the files keep them whole. */
const METRIC_WIDTH = 60;

function textTable(header: string[], rows: string[][]): string {
  rows = rows.map(([metric, ...rest]) => [metric.length > METRIC_WIDTH ? `${metric.slice(0, METRIC_WIDTH - 1)}…` : metric, ...rest]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map((_, j) => (j === 0 ? " --- " : " ---: ")).join("|")}|`, ...rows.map(line)].join("\n") + "\n";
}

function csvTable(columns: VariantColumn[]): string {
  const { metrics, cells } = comparisonTable(columns);
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [["name", ...metrics], ...columns.map((c, j) => [c.name, ...cells.map((row) => (row[j] === null ? "" : String(row[j])))])];
  return lines.map((l) => l.map(quote).join(",")).join("\n") + "\n";
}

export const compareCommand: Command = {
  name: "compare",
  summary: "solve a scenario under several solvers or policy models and compare the plans",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { variant: { type: "string", multiple: true }, json: { type: "string" }, csv: { type: "string" }, md: { type: "string" } },
      USAGE,
    );
    if (positionals.length !== 1) throw new UsageError(["compare takes exactly one scenario file", USAGE]);
    if (!values.variant?.length) throw new UsageError(["compare needs at least one --variant", USAGE]);
    const variants = parseVariants(values.variant);
    const scenario = readScenario(positionals[0]);
    checkWritable(values.json, values.csv, values.md);

    const columns: VariantColumn[] = [];
    for (const [i, v] of variants.entries()) columns.push(await solveVariant(scenario, v, `[${i + 1}/${variants.length}]`));

    const { metrics, cells } = comparisonTable(columns);
    const header = ["", ...columns.map((c) => c.name)];
    const rows = metrics.map((m, i) => [m, ...cells[i].map((c) => formatCell(m, c))]);
    console.log(textTable(header, rows));
    if (values.json) writeText(values.json, JSON.stringify({ scenarioId: scenario.id, variants: columns }, null, 2) + "\n");
    if (values.csv) writeText(values.csv, csvTable(columns));
    if (values.md) writeText(values.md, markdownTable(header, rows));
    return columns.every((c) => c.status !== "failed") ? EXIT.ok : EXIT.failed;
  },
};

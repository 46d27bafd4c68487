import { presetNames } from "../src/domain/index.js";
import { fmt, fmtGap, runChild, statusCell, type Job } from "./solver.js";

// The full-scale scenario under every policy preset of `models/` but `default` (the solver section's
// row): the full-scale targets (gap 1e-4 in 10 s, proof in 60 s) are about the scenario, and
// a preset changes which knapsacks bind, so each is timed as the first solve of a fresh process.

const INSTANCE = "ikn-2024";
const LIMIT_S = 300;
const GAPS = [1e-4, 1e-6];

const log = (text: string) => process.stderr.write(`[bench presets] ${text}\n`);

export async function benchPresets(): Promise<string> {
  const rows: string[] = [];
  for (const preset of presetNames().filter((name) => name !== "default")) {
    for (const gap of GAPS) {
      const job: Job = { kind: "class", instance: INSTANCE, policy: preset, solver: "highs", gap, limitS: LIMIT_S, warm: false };
      log(`${preset}, gap ${fmtGap(gap)} …`);
      const r = await runChild(job);
      if (r.kind !== "class") continue;
      log(`${preset}, gap ${fmtGap(gap)}: ${r.status} in ${fmt(r.timeMs)} ms`);
      rows.push(
        `| ${preset} | ${fmtGap(gap)} | ${fmt(r.size?.columns)} | ${fmt(r.timeMs)} | ${fmt(r.wallMs)} | ${statusCell(r.status, r.note || r.error)} | ${fmt(r.objective)} | ${fmt(r.bound)} | ${fmtGap(r.gap)} | ${fmt(r.peakRssMiB)} |`,
      );
    }
  }
  return [
    "## Full scale under each policy preset",
    "",
    `\`${INSTANCE}\` with each preset of \`models/\` applied (\`ikn-alloc solve --model NAME\`); MODEL.md's defaults are the solver section's row. One run per line, each the first solve of its own process (\`node --import tsx bench/solver.ts --one …\`), HiGHS, ${LIMIT_S} s limit. \`total\` is the solve's own time (validation to checked plan), \`process\` the child's whole life (Node's start, loading, solve), both in ms.`,
    "",
    "| preset | gap target | columns | total | process | status | objective | bound | gap | peak RSS MiB |",
    "|---|---|--:|--:|--:|---|--:|--:|--:|--:|",
    ...rows,
    "",
  ].join("\n");
}

import { fileURLToPath } from "node:url";
import { readScenario } from "../src/cli/io.js";
import type { Scenario } from "../src/domain/index.js";
import { generateScenario, namedScenario } from "../src/generate/index.js";
import { solveScenario } from "../src/pipeline/solve.js";

// How long mid-size models take to prove, beyond the one named instance of each size: generated
// 2,000-employee scenarios of other seeds and the conformance scenarios of 400 employees, solved one
// after another in this process once it has solved before, as in a worker. Single runs on a shared
// machine vary by up to half; the spread over seeds is the point here.

/**
 * Seeds 1-8 are those the solver's stages were tuned on; 9-16 were added as a check on that tuning,
 * and 17-32 were held out of it (measured only once a change was built).
 */
const SEEDS = Array.from({ length: 32 }, (_, i) => i + 1);
const CONFORMANCE = ["c7-medium", "c8-defaults"];
const LIMIT_S = 120;
/** The target of the solver issue for 2,000 employees. */
const TARGET_MS = 1000;

function conformance(name: string): Scenario {
  return readScenario(fileURLToPath(new URL(`../fixtures/conformance/${name}.json`, import.meta.url)));
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: 0 }));

export async function benchSpread(): Promise<string> {
  await solveScenario(namedScenario("ikn-2024-2k"));
  const cases: { label: string; scenario: Scenario; twoThousand: boolean }[] = [
    ...SEEDS.map((seed) => ({ label: `2,000 employees, seed ${seed}`, scenario: generateScenario({ seed, employees: 2000, waves: 3 }), twoThousand: true })),
    ...CONFORMANCE.map((name) => ({ label: `conformance ${name}`, scenario: conformance(name), twoThousand: false })),
  ];
  const rows: string[] = [];
  const times: number[] = [];
  for (const c of cases) {
    process.stderr.write(`[bench spread] ${c.label} …\n`);
    const plan = await solveScenario(c.scenario, { timeLimitSeconds: LIMIT_S });
    if (c.twoThousand && plan.status === "optimal") times.push(plan.solver.timeMs);
    const size = plan.solver.model;
    rows.push(
      `| ${c.label} | ${fmt(c.scenario.employees.length)} | ${fmt(size?.columns)} | ${plan.status} | ${fmt(plan.solver.timeMs)} | ${fmt(plan.objective)} | ${plan.solver.gap === undefined || plan.solver.gap === null ? "–" : plan.solver.gap.toExponential(1)} |`,
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  const within = times.filter((t) => t <= TARGET_MS).length;
  return [
    "## Mid-size models, warm: the spread over seeds",
    "",
    `Generated scenarios (\`ikn-alloc generate --seed N --employees 2000 --waves 3\`, MODEL.md's default policy) and the conformance scenarios of 400 employees, solved to proof (gap 1e-6, ${LIMIT_S} s limit) one after another in one process that has solved \`ikn-2024-2k\` before. Times in ms, validation to checked plan. Seeds 1–8 are those the solver's stages were tuned on, 9–16 a check on that tuning, 17–32 held out of it.`,
    "",
    "| scenario | employees | columns | status | total | objective | gap |",
    "|---|--:|--:|---|--:|--:|--:|",
    ...rows,
    "",
    `2,000 employees, proven: ${times.length} of ${SEEDS.length}; median ${fmt(sorted[Math.floor(sorted.length / 2)])} ms, slowest ${fmt(sorted[sorted.length - 1])} ms; ${within} within ${fmt(TARGET_MS)} ms.`,
    "",
  ].join("\n");
}

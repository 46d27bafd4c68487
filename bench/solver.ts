import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { scenarioPolicy, type Scenario } from "../src/domain/index.js";
import { namedScenario, type ScenarioName } from "../src/generate/index.js";
import { NoPlanError, PlanCheckError, chooseBackend, solvePolicy, solveScenario } from "../src/pipeline/solve.js";
import type { SolveOptions } from "../src/pipeline/types.js";
import { ModelTooLargeError, perEmployeeSize, solvePerEmployee, type ReferenceSize } from "../test/support/per-employee-model.js";

// The solver benchmark: the class model (src/model) with each backend, and the literal per-employee
// model of the tests, on the named scenarios from 500 employees to full scale. Every solve runs in
// its own child process (this file with `--one <job>`), so that peak RSS is the solve's own and a
// run that ignores its time limit can be killed.

const INSTANCES: ScenarioName[] = ["ikn-2024-small", "ikn-2024-2k", "ikn-2024-5k", "ikn-2024"];
/** The class model with HiGHS, per run. */
const HIGHS_LIMIT_S = 300;
/** jslp is run where `auto` would choose it or where it may finish within this. */
const JSLP_LIMIT_S = 60;
/** The per-employee model, per run. */
const REFERENCE_LIMIT_S = 120;
/** The per-employee model is not built beyond this many columns (its size is still counted). */
const REFERENCE_MAX_COLUMNS = 1_500_000;
/** A child that outlives its own limit by this much is killed. */
const KILL_GRACE_S = 60;
/** Once the benchmark has run this long, the remaining runs to proof and of jslp are skipped. */
const BUDGET_S = 20 * 60;

/** The scenario's own policy, or a preset of `models/` over it (`default`: MODEL.md's defaults). */
type PolicyChoice = "own" | (string & {});

/** `warm`: repeat a HiGHS solve in the same process for the warm time (default true). */
export type Job =
  | { kind: "class"; instance: ScenarioName; policy: PolicyChoice; solver: "highs" | "jslp"; gap: number; limitS: number; warm?: boolean }
  | { kind: "reference"; instance: ScenarioName; policy: PolicyChoice; limitS: number };

export interface ClassResult {
  kind: "class";
  backend: string;
  autoPicks: string;
  status: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  size?: { columns: number; rows: number; nonzeros: number };
  phasesMs: Record<string, number>;
  timeMs: number;
  /** The same solve again in the same process: HiGHS's WebAssembly already compiled and optimised, as in a running worker. */
  warmMs?: number;
  note?: string;
}

interface ReferenceResult {
  kind: "reference";
  size: ReferenceSize;
  status: string;
  objective: number | null;
  bound: number | null;
  buildMs: number | null;
  solveMs: number | null;
}

export type Outcome = (ClassResult | ReferenceResult) & { peakRssMiB: number | null; wallMs: number; killed?: boolean; error?: string };

function scenarioFor(instance: ScenarioName, policy: PolicyChoice): Scenario {
  const s = namedScenario(instance);
  return policy === "own" ? s : { ...s, policy: solvePolicy(s, { model: policy }) };
}

/** Solves to repeat in a warm process; the median is reported, as single runs on a shared machine vary by half. */
const WARM_REPEATS = 3;

/** The median time of the same solve repeated in this (now warm) process, when every repeat ends as the first did. */
async function warmMedianMs(scenario: Scenario, options: SolveOptions, status: string): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < WARM_REPEATS; i++) {
    const plan = await solveScenario(scenario, options);
    if (plan.status !== status) return undefined;
    times.push(plan.solver.timeMs);
  }
  return times.sort((a, b) => a - b)[Math.floor(WARM_REPEATS / 2)];
}

/** Runs one job in this process (the child side). */
async function runJob(job: Job): Promise<ClassResult | ReferenceResult> {
  const scenario = scenarioFor(job.instance, job.policy);
  if (job.kind === "reference") {
    try {
      const r = await solvePerEmployee(scenario, { timeLimitSeconds: job.limitS, gap: 1e-6, maxColumns: REFERENCE_MAX_COLUMNS });
      return { kind: "reference", size: r.size, status: r.status, objective: r.objective, bound: r.bound, buildMs: r.buildMs, solveMs: r.solveMs };
    } catch (err) {
      if (!(err instanceof ModelTooLargeError)) throw err;
      return { kind: "reference", size: err.size, status: "not built (too large)", objective: null, bound: null, buildMs: null, solveMs: null };
    }
  }
  const started = Date.now();
  try {
    const options = { solver: job.solver, gap: job.gap, timeLimitSeconds: job.limitS };
    const plan = await solveScenario(scenario, options);
    const warmMs = job.solver === "highs" && job.warm !== false ? await warmMedianMs(scenario, options, plan.status) : undefined;
    const size = plan.solver.model;
    return {
      kind: "class",
      backend: plan.solver.name,
      autoPicks: size ? chooseBackend("auto", size) : "none",
      status: plan.status,
      objective: plan.objective,
      bound: plan.bound,
      gap: plan.solver.gap ?? null,
      size: size && { columns: size.columns, rows: size.rows, nonzeros: size.nonzeros },
      phasesMs: plan.solver.phasesMs ?? {},
      timeMs: plan.solver.timeMs,
      warmMs,
      note: plan.solver.note,
    };
  } catch (err) {
    if (!(err instanceof NoPlanError) && !(err instanceof PlanCheckError)) throw err;
    const status = err instanceof PlanCheckError ? "CHECKER FAILED" : "no plan";
    const note = err.message.split("\n")[0].replace(/^no plan: /, "");
    return { kind: "class", backend: job.solver, autoPicks: "?", status, objective: null, bound: null, gap: null, phasesMs: {}, timeMs: Date.now() - started, note };
  }
}

const RESULT_TAG = "BENCH-RESULT ";

function vmHwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one job in a child process, watching its peak RSS and killing it well past its limit. */
export function runChild(job: Job): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--one", JSON.stringify(job)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let peakKiB = 0;
  const poll = setInterval(() => (peakKiB = Math.max(peakKiB, vmHwmKiB(child.pid!) ?? 0)), 250);
  let killed = false;
  const killer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, (job.limitS + KILL_GRACE_S) * 1000);
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => {
    child.on("close", () => {
      clearInterval(poll);
      clearTimeout(killer);
      const wallMs = Date.now() - started;
      const line = out.split("\n").find((l) => l.startsWith(RESULT_TAG));
      if (!line) {
        const why = killed ? `killed ${KILL_GRACE_S} s after its ${job.limitS} s limit` : (err.trim().split("\n").filter(Boolean).pop() ?? "no output");
        const failed = job.kind === "class"
          ? { kind: "class" as const, backend: job.solver, autoPicks: "?", status: killed ? "killed" : "error", objective: null, bound: null, gap: null, phasesMs: {}, timeMs: wallMs }
          : { kind: "reference" as const, size: perEmployeeSize(scenarioFor(job.instance, job.policy)), status: killed ? "killed" : "error", objective: null, bound: null, buildMs: null, solveMs: null };
        resolve({ ...failed, peakRssMiB: peakKiB ? peakKiB / 1024 : null, wallMs, killed, error: why.slice(0, 300) });
        return;
      }
      const parsed = JSON.parse(line.slice(RESULT_TAG.length)) as (ClassResult | ReferenceResult) & { maxRssKiB: number };
      const { maxRssKiB, ...result } = parsed;
      resolve({ ...result, peakRssMiB: Math.max(peakKiB, maxRssKiB) / 1024, wallMs });
    });
  });
}

export const fmt = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
export const fmtGap = (g: number | null | undefined) => (g === null || g === undefined ? "–" : g === 0 ? "0" : g.toExponential(1));
/** A status cell: the status, with the reason (a note or an error) cut to 120 characters. */
export const statusCell = (status: string, why: string | undefined) => `${status}${why ? ` (${why.slice(0, 120)})` : ""}`;
const log = (text: string) => process.stderr.write(`[bench solver] ${text}\n`);

interface Instance {
  label: string;
  instance: ScenarioName;
  policy: PolicyChoice;
  employees: number;
  units: number;
  waves: number;
}

/**
 * The benchmark section of bench/results.md. Takes up to about half an hour on two cores (most of
 * it when a run needs its whole limit); progress goes to stderr.
 */
export async function benchSolver(): Promise<string> {
  const instances: Instance[] = [];
  const notes: string[] = [];
  for (const name of INSTANCES) {
    const s = namedScenario(name);
    const base = { instance: name, employees: s.employees.length, units: s.units.length, waves: s.waves.length };
    if (name !== "ikn-2024") {
      instances.push({ label: name, policy: "own", ...base });
      continue;
    }
    const own = scenarioPolicy(s);
    const defaults = scenarioPolicy({ ...s, policy: undefined });
    if (JSON.stringify(own) === JSON.stringify(defaults)) {
      instances.push({ label: name, policy: "own", ...base });
      notes.push(`\`${name}\` has ${s.policy ? "a policy equal to" : "no policy of its own, so it runs with"} MODEL.md's defaults: one full-scale row per run, not two.`);
    } else {
      instances.push({ label: `${name} (its own policy)`, policy: "own", ...base });
      instances.push({ label: `${name} (default policy)`, policy: "default", ...base });
    }
  }

  const classRows: string[] = [];
  const referenceRows: string[] = [];
  let jslpStillRuns = true;
  const started = Date.now();
  for (const inst of instances) {
    const tag = `${inst.label}:`;
    const run = async (job: Job, what: string) => {
      log(`${tag} ${what} …`);
      const r = await runChild(job);
      log(`${tag} ${what}: ${r.status}${r.kind === "class" ? ` in ${fmt(r.timeMs)} ms` : ""}${r.error ? ` (${r.error})` : ""}, peak RSS ${fmt(r.peakRssMiB)} MiB`);
      return r;
    };
    const classRow = (r: Outcome, gapTarget: number) => {
      if (r.kind !== "class") return;
      const p = r.phasesMs;
      classRows.push(
        `| ${inst.label} | ${r.backend} | ${fmtGap(gapTarget)} | ${fmt(r.size?.columns)} | ${fmt(r.size?.rows)} | ${fmt(r.size?.nonzeros)} | ${fmt(p.building)} | ${fmt(p.solving)} | ${fmt(p.disaggregating)} | ${fmt(p.checking)} | ${fmt(r.timeMs)} | ${fmt(r.warmMs)} | ${statusCell(r.status, r.note || r.error)} | ${fmt(r.objective, 2)} | ${fmt(r.bound, 2)} | ${fmtGap(r.gap)} | ${fmt(r.peakRssMiB)} |`,
      );
    };

    const toGap = await run({ kind: "class", instance: inst.instance, policy: inst.policy, solver: "highs", gap: 1e-4, limitS: HIGHS_LIMIT_S }, "highs to gap 1e-4");
    classRow(toGap, 1e-4);
    let proof: Outcome | undefined;
    const reachedGap = toGap.kind === "class" && (toGap.gap ?? Infinity) <= 1e-4;
    const overBudget = (Date.now() - started) / 1000 > BUDGET_S;
    if (reachedGap && overBudget) {
      classRows.push(`| ${inst.label} | highs | 1.0e-6 | | | | | | | | | | not run: the benchmark's ${BUDGET_S / 60} min budget is spent | | | | |`);
    } else if (reachedGap) {
      proof = await run({ kind: "class", instance: inst.instance, policy: inst.policy, solver: "highs", gap: 1e-6, limitS: HIGHS_LIMIT_S }, "highs to proof");
      classRow(proof, 1e-6);
    } else {
      classRows.push(`| ${inst.label} | highs | 1.0e-6 | | | | | | | | | | not run: gap 1e-4 not reached in ${HIGHS_LIMIT_S} s | | | | |`);
    }

    const autoPicksJslp = toGap.kind === "class" && toGap.autoPicks === "jslp";
    if ((autoPicksJslp || jslpStillRuns) && !overBudget) {
      const j = await run({ kind: "class", instance: inst.instance, policy: inst.policy, solver: "jslp", gap: 1e-6, limitS: JSLP_LIMIT_S }, "jslp");
      classRow(j, 1e-6);
      if (j.kind === "class" && j.status !== "optimal") jslpStillRuns = false;
    } else {
      const why = overBudget ? `the benchmark's ${BUDGET_S / 60} min budget is spent` : `\`auto\` picks highs, and jslp did not prove a smaller instance in ${JSLP_LIMIT_S} s`;
      classRows.push(`| ${inst.label} | jslp | | | | | | | | | | | not run: ${why} | | | | |`);
    }

    // The per-employee model: built and solved wherever it fits in memory, counted beyond.
    const classProofMs = proof?.kind === "class" && proof.status === "optimal" ? proof.timeMs : undefined;
    let ref: Outcome;
    if (!overBudget) {
      ref = await run({ kind: "reference", instance: inst.instance, policy: inst.policy, limitS: REFERENCE_LIMIT_S }, "per-employee model");
    } else {
      log(`${tag} per-employee model: size only (the benchmark's budget is spent)`);
      const size = perEmployeeSize(scenarioFor(inst.instance, inst.policy));
      ref = { kind: "reference", size, status: "not run (the benchmark's budget is spent)", objective: null, bound: null, buildMs: null, solveMs: null, peakRssMiB: null, wallMs: 0 };
    }
    if (ref.kind === "reference") {
      const refMs = ref.buildMs !== null && ref.solveMs !== null ? ref.buildMs + ref.solveMs : null;
      let speedUp = "–";
      if (classProofMs !== undefined && refMs !== null) {
        const ratio = refMs / Math.max(1, classProofMs);
        speedUp = ref.status === "optimal" ? `${fmt(ratio, 1)}×` : `> ${fmt(ratio, 1)}× (per-employee not proven)`;
      }
      const agree =
        ref.status === "optimal" && proof?.kind === "class" && proof.objective !== null && ref.objective !== null
          ? Math.abs(proof.objective - ref.objective) <= 1e-6 * Math.max(1, Math.abs(ref.objective))
            ? "equal"
            : `DIFFER (${fmt(proof.objective, 2)} vs ${fmt(ref.objective, 2)})`
          : "–";
      referenceRows.push(
        `| ${inst.label} | ${fmt(ref.size.columns)} | ${fmt(ref.size.rows)} | ${fmt(ref.size.nonzeros)} | ${fmt(ref.buildMs)} | ${fmt(ref.solveMs)} | ${statusCell(ref.status, ref.error)} | ${fmt(ref.objective, 2)} | ${fmt(ref.bound, 2)} | ${fmt(ref.peakRssMiB)} | ${fmt(classProofMs)} | ${speedUp} | ${agree} |`,
      );
    }
  }
  const minutes = (Date.now() - started) / 60000;

  return [
    "## Solver: class model vs per-employee model",
    "",
    `Named scenarios from \`src/generate\`; ${instances.map((i) => `\`${i.label}\` ${fmt(i.employees)} employees, ${fmt(i.units)} units, ${i.waves} waves`).join("; ")}.`,
    `Every run is a separate process (\`node --import tsx bench/solver.ts --one …\`); peak RSS is its VmHWM. Times in ms; \`total\` is the solve's own end-to-end time (validation to checked plan), phases from \`plan.solver.phasesMs\`. \`total, warm\` is the median of the same HiGHS solve run three more times in the same process, as in a worker that has solved before: the first solve in a process also pays for compiling HiGHS's WebAssembly to optimised code.`,
    `HiGHS runs have a ${HIGHS_LIMIT_S} s limit (first to gap 1e-4, then to proof at 1e-6); jslp ${JSLP_LIMIT_S} s, run where \`auto\` picks it or while it still proves the smaller instances.`,
    ...notes,
    "",
    "| instance | backend | gap target | columns | rows | nonzeros | build | solve | disaggregate | check | total | total, warm | status | objective | bound | gap | peak RSS MiB |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|",
    ...classRows,
    "",
    `### Per-employee model (test/support/per-employee-model.ts), HiGHS, ${REFERENCE_LIMIT_S} s limit`,
    "",
    `One binary per eligible (employee, unit, wave) plus unit-kind binaries. Built and solved up to ${fmt(REFERENCE_MAX_COLUMNS)} columns; beyond that only counted. The speed-up is the per-employee model's build + solve time over the class model's end-to-end time to proof, measured in this run.`,
    "",
    "| instance | columns | rows | nonzeros | build | solve | status | objective | bound | peak RSS MiB | class model to proof | speed-up | optimum |",
    "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|---|",
    ...referenceRows,
    "",
    `Benchmark run time: ${fmt(minutes, 1)} min.`,
    "",
  ].join("\n");
}

// The child side: `node --import tsx bench/solver.ts --one '<job JSON>'`.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === "--one") {
  const job = JSON.parse(process.argv[3]) as Job;
  runJob(job).then(
    (result) => {
      process.stdout.write(`${RESULT_TAG}${JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

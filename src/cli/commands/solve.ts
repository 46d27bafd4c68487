import { SOLVER_CHOICES, type Progress, type SolverChoice } from "../../pipeline/types.js";
import { NoPlanError, UnknownPresetError, solvePolicy, solveScenario } from "../../pipeline/solve.js";
import { exportLp } from "../../model/export-lp.js";
import { buildModel } from "../../model/build.js";
import { EXIT, UsageError, numberOption, parseCommandArgs, type Command } from "../command.js";
import { checkWritable, readScenario, writeJson, writeText } from "../io.js";

const USAGE = `Usage: ikn-alloc solve <scenario.json> [options]

Solves a scenario to a checked plan (MODEL.md) and writes it as JSON.

Options:
  --out FILE          write the plan here (default: stdout)
  --solver NAME       auto (default: by model size), highs or jslp
  --model PRESET      a policy preset of models/ applied over the scenario's policy
  --time-limit S      wall-clock limit in seconds; the best checked plan so far is answered as feasible
                      (before the solver's first plan, a greedy one, solver "greedy")
  --gap G             relative gap at which to stop (default 1e-6: proven optimal)
  --seed N            solver seed (default 0); same scenario, options and seed give the same plan
  --export-lp FILE    also write the integer program as CPLEX LP text (and FILE.classes.json, the
                      meaning of each variable: see docs/formulation.md)
  --quiet             no progress line on stderr

Exit codes: 0 a plan was written (optimal, feasible or infeasible), 1 no plan (neither the solver
nor a greedy fill had one by the time limit, solver fault), 2 bad input.`;

/**
 * Reports progress on stderr once the solve has run for a second: one line rewritten in place on a
 * terminal, else a line per phase change and on the first plan, and at most one every five seconds
 * otherwise.
 */
function progressLine(enabled: boolean) {
  const tty = process.stderr.isTTY;
  let last: { phase: string; at: number; incumbent: boolean } | undefined;
  return {
    update(p: Progress) {
      if (!enabled || p.elapsedMs < 1000) return;
      const incumbent = p.incumbent !== undefined;
      if (!tty && last && last.phase === p.phase && p.elapsedMs - last.at < 5000 && (last.incumbent || !incumbent)) return;
      last = { phase: p.phase, at: p.elapsedMs, incumbent };
      const numbers = [p.incumbent !== undefined ? `incumbent ${p.incumbent.toFixed(0)}` : "", p.bound !== undefined ? `bound ${p.bound.toFixed(0)}` : ""];
      const text = `${p.phase.padEnd(14)} ${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s  ${numbers.filter(Boolean).join("  ")}`;
      process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    end() {
      if (tty && last) process.stderr.write("\n");
    },
  };
}

export const solveCommand: Command = {
  name: "solve",
  summary: "solve a scenario to a checked plan",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        out: { type: "string" },
        solver: { type: "string" },
        model: { type: "string" },
        "time-limit": { type: "string" },
        gap: { type: "string" },
        seed: { type: "string" },
        "export-lp": { type: "string" },
        quiet: { type: "boolean" },
      },
      USAGE,
    );
    if (positionals.length !== 1) throw new UsageError(["solve takes exactly one scenario file", USAGE]);
    const solver = (values.solver ?? "auto") as SolverChoice;
    if (!SOLVER_CHOICES.includes(solver)) throw new UsageError([`--solver: "${values.solver}" is not one of ${SOLVER_CHOICES.join(", ")}`]);
    const scenario = readScenario(positionals[0]);
    const lpFile = values["export-lp"];
    checkWritable(values.out, lpFile, lpFile && `${lpFile}.classes.json`);
    const options = {
      solver,
      model: values.model,
      timeLimitSeconds: numberOption(values["time-limit"], "time-limit", (n) => n > 0),
      gap: numberOption(values.gap, "gap", (n) => n >= 0 && n < 1),
      seed: numberOption(values.seed, "seed", Number.isInteger),
    };
    try {
      if (lpFile) {
        const model = buildModel(scenario, { policy: solvePolicy(scenario, options) });
        const { lp, classes } = await exportLp(model);
        writeText(lpFile, lp);
        writeJson(`${lpFile}.classes.json`, classes);
      }
      const line = progressLine(!values.quiet);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once("SIGINT", onSignal);
      const plan = await solveScenario(scenario, { ...options, signal: abort.signal, onProgress: line.update }).finally(() => {
        line.end();
        process.off("SIGINT", onSignal);
      });
      writeJson(values.out, plan);
      const gap = plan.solver.gap !== undefined && plan.solver.gap !== null ? `, gap ${plan.solver.gap.toExponential(1)}` : "";
      console.error(
        `${plan.status}${plan.objective !== null ? ` ${plan.objective}` : ""} (bound ${plan.bound ?? "n/a"}${gap}) by ${plan.solver.name} in ${plan.solver.timeMs} ms: ` +
          `${plan.placements.length} placed, ${plan.unplaced.length} unplaced${plan.explanation ? `\n${plan.explanation}` : ""}`,
      );
      return EXIT.ok;
    } catch (err) {
      if (err instanceof UnknownPresetError) throw new UsageError([`--model: ${err.message}`]);
      if (err instanceof NoPlanError) {
        console.error(err.message);
        return EXIT.failed;
      }
      throw err;
    }
  },
};

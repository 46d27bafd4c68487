import { findPreset, presetNames, resolvePolicy, scenarioPolicy, type Policy, type Scenario } from "../../domain/index.js";
import { checkPlan, planPolicy } from "../../plan/check.js";
import { EXIT, UsageError, parseCommandArgs, type Command } from "../command.js";
import { readPlan, readScenario } from "../io.js";

const USAGE = `Usage: ikn-alloc check <scenario.json> <plan.json> [--model PRESET]

Checks a plan against MODEL.md, independently of any solver: hard constraints 1-8 and the plan
format (every employee once in placements or unplaced, known ids, status, objective and bound).
Lists every violation, each naming its constraint and the ids involved, and always prints the
objective recomputed from the placements.

Options:
  --model PRESET   score and check under this preset of models/ applied over the scenario's policy
                   (default: the policy recorded in the plan, else the scenario's own)

Exit codes: 0 the plan is valid, 1 violations (all listed), 2 bad input (a file unreadable, not
JSON, or not a valid scenario or plan; an unknown preset).`;

export const checkCommand: Command = {
  name: "check",
  summary: "check a plan against a scenario and recompute its objective",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { model: { type: "string" } }, USAGE);
    if (positionals.length !== 2) throw new UsageError(["check takes a scenario file and a plan file", USAGE]);
    const scenario = readScenario(positionals[0]);
    const plan = readPlan(positionals[1]);
    const { policy, source } = checkingPolicy(scenario, values.model, planPolicy(plan));
    const result = checkPlan(scenario, plan, policy);
    for (const v of result.violations) console.log(v.message);
    console.log(`recomputed objective: ${result.objective} (${source})`);
    if (!result.ok) {
      console.log(`${result.violations.length} violation(s)`);
      return EXIT.failed;
    }
    console.log(`valid: ${plan.status} plan, ${plan.placements.length} placed, ${plan.unplaced.length} unplaced`);
    return EXIT.ok;
  },
};

function checkingPolicy(scenario: Scenario, model: string | undefined, fromPlan: Policy | undefined): { policy: Policy; source: string } {
  if (model !== undefined) {
    const preset = findPreset(model);
    if (!preset) throw new UsageError([`--model: unknown preset "${model}" (known: ${presetNames().join(", ")})`]);
    return { policy: resolvePolicy(scenarioPolicy(scenario), preset.policy), source: `scenario policy with preset ${model}` };
  }
  if (fromPlan) return { policy: fromPlan, source: "the plan's policy" };
  return { policy: scenarioPolicy(scenario), source: "the scenario's policy" };
}

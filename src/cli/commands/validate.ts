import { formatIssue, summarizeScenario, unmatchedReservations, type ScenarioSummary } from "../../domain/index.js";
import { EXIT, UsageError, parseCommandArgs, type Command } from "../command.js";
import { readScenario } from "../io.js";

const USAGE = `Usage: ikn-alloc validate <scenario.json>

Checks a scenario against MODEL.md: shapes, whole-number counts, real dates, enums and every
cross-reference (agencies, zones, towers, units, waves, pinned employees). A valid scenario gets a
one-line summary; an invalid one gets every problem as "path: message", e.g.
  employees[17].agency: unknown agency "KEMENKEU2"
A tower reserved for a name that matches no group or agency is allowed; it is a warning on stderr.

Exit codes: 0 valid, 2 invalid, unreadable or not JSON.`;

export const validateCommand: Command = {
  name: "validate",
  summary: "check a scenario file and summarise it",
  usage: USAGE,
  async run(argv) {
    const { positionals } = parseCommandArgs(argv, {}, USAGE);
    if (positionals.length !== 1) throw new UsageError(["validate takes exactly one scenario file", USAGE]);
    const scenario = readScenario(positionals[0]);
    for (const warning of unmatchedReservations(scenario)) console.error(`warning: ${formatIssue(warning)}`);
    console.log(`valid: scenario ${scenario.id}: ${describeSummary(summarizeScenario(scenario))}`);
    return EXIT.ok;
  },
};

/** `employees 30, families 12, …` in the order and with the names of API.md's summary. */
function describeSummary(summary: ScenarioSummary): string {
  return Object.entries(summary)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
}

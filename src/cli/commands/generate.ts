import { LIMITS, MAX_WAVES, MIN_TOWERS, SCENARIO_NAMES, generateScenario, isScenarioName, namedOptions, type GenerateOptions } from "../../generate/index.js";
import { EXIT, UsageError, numberOption, parseCommandArgs, type Command } from "../command.js";
import { checkWritable, writeJson } from "../io.js";

const USAGE = `Usage: ikn-alloc generate [--preset NAME] [--seed N] [--employees E] [--towers T] [--waves W] [--out FILE]

Writes a realistic IKN scenario (MODEL.md's public figures: 35 K/L in priority tiers and
TNI/POLRI/BIN/Paspampres; 31 ASN, 7 POLRI/BIN and 9 Paspampres towers of 60 three-bedroom units at
full scale; waves in late July, November and December 2024). Same options, same bytes.

Options:
  --preset NAME     a named scenario: ${SCENARIO_NAMES.join(", ")}
                    (other options override it; the id then names the options)
  --seed N          seed of the generator, 0..4294967295 (default 1)
  --employees E     employees, 1..${LIMITS.employees} (required without --preset)
  --towers T        towers, ${MIN_TOWERS}..${LIMITS.towers} (default: 47 scaled by E / 18,430, at least ${MIN_TOWERS})
  --waves W         waves, 1..${MAX_WAVES} (default 3)
  --out FILE        write here (default: stdout)

Exit codes: 0 written, 2 bad options.`;

const isWhole = (n: number) => Number.isInteger(n);

/** The preset's options (if any) overridden by the explicit ones; an override drops the preset's id. */
function optionsFrom(values: { preset?: string; seed?: string; employees?: string; towers?: string; waves?: string }): GenerateOptions {
  const overrides: Partial<GenerateOptions> = {};
  for (const name of ["seed", "employees", "towers", "waves"] as const) {
    const value = numberOption(values[name], name, isWhole);
    if (value !== undefined) overrides[name] = value;
  }
  if (values.preset === undefined) {
    if (overrides.employees === undefined) throw new UsageError(["give --preset NAME or --employees E", USAGE]);
    return { ...overrides, employees: overrides.employees };
  }
  if (!isScenarioName(values.preset)) throw new UsageError([`--preset: "${values.preset}" is not one of ${SCENARIO_NAMES.join(", ")}`]);
  const base = namedOptions(values.preset);
  return Object.keys(overrides).length === 0 ? base : { ...base, id: undefined, ...overrides };
}

export const generateCommand: Command = {
  name: "generate",
  summary: "write a realistic IKN scenario (named preset or seed and sizes)",
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        preset: { type: "string" },
        seed: { type: "string" },
        employees: { type: "string" },
        towers: { type: "string" },
        waves: { type: "string" },
        out: { type: "string" },
      },
      USAGE,
    );
    if (positionals.length > 0) throw new UsageError([`generate takes no positional arguments (got "${positionals[0]}")`, USAGE]);
    checkWritable(values.out);
    let scenario;
    try {
      scenario = generateScenario(optionsFrom(values));
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError([err.message]);
      throw err;
    }
    writeJson(values.out, scenario);
    return EXIT.ok;
  },
};

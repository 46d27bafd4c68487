import type { Scenario } from "../domain/index.js";
import { FULL_SCALE } from "./catalogue.js";
import { generateScenario, type GenerateOptions } from "./generate.js";

/**
 * The scenarios the README, tests and benchmark name. Smaller ones keep the full scale's ratio of
 * people to housing (or tighter), so that they stay oversubscribed.
 */
export const NAMED_SCENARIOS = {
  /** Full scale: 18,430 employees, 47 towers, 2,820 units, 3 waves. Generated on demand. */
  "ikn-2024": { seed: 2024, employees: FULL_SCALE.employees, towers: FULL_SCALE.towers, waves: 3 },
  /** About 500 employees for 4 towers (240 units); committed as fixtures/ikn-2024-small.json. */
  "ikn-2024-small": { seed: 2024, employees: 500, towers: 4, waves: 3 },
  /** Benchmark sizes, towers scaled with employees. */
  "ikn-2024-2k": { seed: 2024, employees: 2000, waves: 3 },
  "ikn-2024-5k": { seed: 2024, employees: 5000, waves: 3 },
} satisfies Record<string, GenerateOptions>;

export type ScenarioName = keyof typeof NAMED_SCENARIOS;

export const SCENARIO_NAMES = Object.keys(NAMED_SCENARIOS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(NAMED_SCENARIOS, name);
}

/** The named scenario's options, with the name as scenario id. */
export function namedOptions(name: ScenarioName): GenerateOptions {
  return { ...NAMED_SCENARIOS[name], id: name };
}

export function namedScenario(name: ScenarioName): Scenario {
  return generateScenario(namedOptions(name));
}

export { LIMITS, generateScenario, resolveOptions, defaultTowers, type GenerateOptions } from "./generate.js";
export { NAMED_SCENARIOS, SCENARIO_NAMES, isScenarioName, namedOptions, namedScenario, type ScenarioName } from "./named.js";
export { FULL_SCALE, TOWER_KINDS } from "./catalogue.js";
export { MIN_TOWERS } from "./housing.js";
export { MAX_WAVES } from "./waves.js";

import type { Scenario } from "../../domain/index.js";

/**
 * Where a job request's `scenarioId` (+ `version`) is looked up: the hook for the scenario store.
 * `ScenarioStore` of `src/store/scenarios.ts` fits it as it is. Undefined answers 400 naming the field.
 */
export interface ScenarioSource {
  get(id: string, version?: number): Promise<{ scenario: Scenario; version: number } | undefined>;
}

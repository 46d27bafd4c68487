import { validateScenario, type InputIssue, type Scenario } from "../../domain/index.js";

/**
 * Where a request's `scenarioId` (+ `version`) is looked up: the hook for the scenario store.
 * `ScenarioStore` of `src/store/scenarios.ts` fits it as it is. Undefined answers 400 naming the field.
 */
export interface ScenarioSource {
  get(id: string, version?: number): Promise<{ scenario: Scenario; version: number } | undefined>;
}

/**
 * The scenario a job or comparison request names: `scenario` inline (validated, paths under
 * `scenario`) or `scenarioId` (+ `version`) stored in `source`. `body` is the request as sent, `valid`
 * its fields that passed their schema: a stored scenario is looked up whenever the fields naming it
 * are valid, whatever else is wrong with the request. Problems go to `issues`, each naming its field.
 */
export async function requestedScenario(
  body: Record<string, unknown>,
  valid: { scenarioId?: string; version?: number },
  source: ScenarioSource | undefined,
  issues: InputIssue[],
): Promise<{ scenario: Scenario; version?: number } | undefined> {
  const has = (field: string) => body[field] !== undefined;
  if (has("scenario") && has("scenarioId")) issues.push({ path: [], message: "give scenario or scenarioId, not both" });
  else if (!has("scenario") && !has("scenarioId")) issues.push({ path: ["scenario"], message: "required (or scenarioId)" });
  else if (has("version") && !has("scenarioId")) issues.push({ path: ["version"], message: "only goes with scenarioId" });
  // An inline scenario is validated whatever else is wrong with the request.
  if (has("scenario")) return inlineScenario(body.scenario, issues);
  if (valid.scenarioId !== undefined && (valid.version !== undefined || !has("version"))) return storedScenario(source, valid.scenarioId, valid.version, issues);
  return undefined;
}

/** An inline scenario, validated; its problems go to `issues` under `scenario`. */
function inlineScenario(input: unknown, issues: InputIssue[]): { scenario: Scenario } | undefined {
  const v = validateScenario(input);
  if (v.ok) return { scenario: v.value };
  issues.push(...v.issues.map((i) => ({ ...i, path: ["scenario", ...i.path] })));
  return undefined;
}

async function storedScenario(source: ScenarioSource | undefined, scenarioId: string, version: number | undefined, issues: InputIssue[]) {
  if (!source) {
    issues.push({ path: ["scenarioId"], message: "this service stores no scenarios; send the scenario itself" });
    return undefined;
  }
  const stored = await source.get(scenarioId, version);
  if (stored) return { scenario: stored.scenario, version: stored.version };
  issues.push(
    version === undefined
      ? { path: ["scenarioId"], message: `no scenario "${scenarioId}"` }
      : { path: ["version"], message: `scenario "${scenarioId}" has no version ${version}` },
  );
  return undefined;
}

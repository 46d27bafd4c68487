import type { z } from "zod";
import { referenceIssues } from "./references.js";
import { MinutesSchema, ScenarioShapeSchema, type Scenario } from "./scenario.js";

export type JsonPath = (string | number)[];

/** One problem in a user's input, located by its JSON path. */
export interface InputIssue {
  path: JsonPath;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

/** `employees[17].agency` — the form used in CLI messages. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || "(root)";
}

/** `employees.17.agency` — the dotted form of the HTTP API (`""` for the whole body). */
export function dottedPath(path: JsonPath): string {
  return path.join(".");
}

export function formatIssue(issue: InputIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Converts zod's issues to ours, naming an unknown key where zod names it. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: JsonPath = []): InputIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field" }));
    }
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      return fromZodIssues(issue.errors[0], path);
    }
    return [{ path, message: issue.message }];
  });
}

/**
 * The fields of `input` that the object schema's own field schemas accept, parsed; a field that fails
 * its schema, or that is absent, is left out. For checks that need some fields valid, so that they
 * can run beside the shape problems of the others.
 */
export function validFields<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, input: unknown): Partial<z.output<z.ZodObject<Shape>>> {
  const record = isPlainObject(input) ? input : {};
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(record[key]);
    if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
  }
  return fields as Partial<z.output<z.ZodObject<Shape>>>;
}

/**
 * `schema` applied to `input`: its shape problems, the parsed value when there are none, and the
 * fields that are valid either way (`validFields`), for the checks that read them.
 */
export function parseFields<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  input: unknown,
): { data?: z.output<z.ZodObject<Shape>>; issues: InputIssue[]; valid: Partial<z.output<z.ZodObject<Shape>>> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, issues: [], valid: parsed.data };
  return { issues: fromZodIssues(parsed.error.issues), valid: validFields(schema, input) };
}

/** The items of `input` (when it is a list) that `schema` accepts, parsed, each with its index in the list. */
export function validItems<T>(schema: z.ZodType<T>, input: unknown): { index: number; value: T }[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((item, index) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [{ index, value: parsed.data }] : [];
  });
}

/** A JSON object: not null, not a list. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Validates shape, defaults and every cross-reference of MODEL.md; all problems at once. */
export function validateScenario(input: unknown): Validation<Scenario> {
  if (!isPlainObject(input)) {
    return { ok: false, issues: [{ path: [], message: "a scenario must be a JSON object" }] };
  }
  const parsed = ScenarioShapeSchema.safeParse(input);
  const protoTravel = protoTravelTimes(input);
  if (!parsed.success) {
    const shapeIssues = [...fromZodIssues(parsed.error.issues), ...protoTravel.issues];
    return { ok: false, issues: [...shapeIssues, ...referenceIssues(input, shapeIssues)] };
  }
  restoreProtoTravel(parsed.data, protoTravel.minutesByZone);
  const issues = [...protoTravel.issues, ...referenceIssues(parsed.data)];
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}

/**
 * zod leaves out a record key named "__proto__" (so that it cannot replace the output's prototype),
 * yet "__proto__" is a valid zone id: travel times to it are read from the input here, checked like
 * the others, and put back into the parsed scenario.
 */
function protoTravelTimes(input: object): { issues: InputIssue[]; minutesByZone: Map<number, number> } {
  const issues: InputIssue[] = [];
  const minutesByZone = new Map<number, number>();
  const zones: unknown = (input as { zones?: unknown }).zones;
  if (!Array.isArray(zones)) return { issues, minutesByZone };
  zones.forEach((zone: unknown, i) => {
    const travel: unknown = typeof zone === "object" && zone !== null ? (zone as { travelMinutes?: unknown }).travelMinutes : undefined;
    if (typeof travel !== "object" || travel === null || !Object.hasOwn(travel, "__proto__")) return;
    const minutes = MinutesSchema.safeParse((travel as Record<string, unknown>)["__proto__"]);
    if (minutes.success) minutesByZone.set(i, minutes.data);
    else issues.push(...fromZodIssues(minutes.error.issues, ["zones", i, "travelMinutes", "__proto__"]));
  });
  return { issues, minutesByZone };
}

function restoreProtoTravel(s: Scenario, minutesByZone: Map<number, number>): void {
  for (const [i, minutes] of minutesByZone) {
    Object.defineProperty(s.zones![i].travelMinutes, "__proto__", { value: minutes, enumerable: true, writable: true, configurable: true });
  }
}

/** Like `validateScenario` for inputs known to be valid (fixtures, generated scenarios). */
export function parseScenario(input: unknown): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid scenario:\n${v.issues.map(formatIssue).join("\n")}`);
  return v.value;
}

import { accessSync, constants, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PlanSchema, formatIssue, fromZodIssues, validateScenario, type InputIssue, type Plan, type Scenario } from "../domain/index.js";
import { UsageError } from "./command.js";

/** Reads and parses a JSON file; unreadable or malformed files are usage errors. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError([`${file}: cannot read (${errorCode(err)})`]);
  }
  try {
    // A byte-order mark, as Windows editors write, is not part of the document (RFC 8259 §8.1).
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UsageError([`${file}: not valid JSON (${(err as Error).message})`]);
  }
}

/** Reads a scenario file and validates it; every problem is reported with its path. */
export function readScenario(file: string): Scenario {
  const v = validateScenario(readJson(file));
  if (!v.ok) throw invalidFile(file, v.issues);
  return v.value;
}

/** Reads a plan file and validates its shape (MODEL.md "Plan"); every problem is reported with its path. */
export function readPlan(file: string): Plan {
  const parsed = PlanSchema.safeParse(readJson(file));
  if (!parsed.success) throw invalidFile(file, fromZodIssues(parsed.error.issues));
  return parsed.data;
}

function invalidFile(file: string, issues: InputIssue[]): UsageError {
  return new UsageError([`${file}: ${issues.length} problem(s)`, ...issues.map((i) => `  ${formatIssue(i)}`)]);
}

export function writeJson(file: string | undefined, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + "\n";
  if (file === undefined || file === "-") process.stdout.write(text);
  else writeText(file, text);
}

/** Writes a file; a path that cannot be written is a usage error naming it. */
export function writeText(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw cannotWrite(file, err);
  }
}

/**
 * Fails before any work when an output file could not be written (missing or read-only folder, a
 * folder in its place), so that a long solve never ends in an answer it cannot keep. `-` is stdout.
 */
export function checkWritable(...files: (string | undefined)[]): void {
  for (const file of files) {
    if (file === undefined || file === "-") continue;
    try {
      const existing = statSync(file, { throwIfNoEntry: false });
      if (existing?.isDirectory()) throw Object.assign(new Error("a folder"), { code: "EISDIR" });
      // An existing file is overwritten in place; a new one needs its folder.
      accessSync(existing ? file : dirname(file), constants.W_OK);
    } catch (err) {
      throw cannotWrite(file, err);
    }
  }
}

function cannotWrite(file: string, err: unknown): UsageError {
  return new UsageError([`${file}: cannot write (${errorCode(err)})`]);
}

/** A file system error's code (ENOENT, …), else its message. */
function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

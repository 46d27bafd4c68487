import { readFileSync, writeFileSync } from "node:fs";
import { validateScenario, formatIssue, type Scenario } from "../domain/index.js";
import { UsageError } from "./command.js";

/** Reads and parses a JSON file; unreadable or malformed files are usage errors. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError([`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError([`${file}: not valid JSON (${(err as Error).message})`]);
  }
}

/** Reads a scenario file and validates it; every problem is reported with its path. */
export function readScenario(file: string): Scenario {
  const v = validateScenario(readJson(file));
  if (!v.ok) throw new UsageError([`${file}: ${v.issues.length} problem(s)`, ...v.issues.map((i) => `  ${formatIssue(i)}`)]);
  return v.value;
}

export function writeJson(file: string | undefined, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + "\n";
  if (file === undefined || file === "-") process.stdout.write(text);
  else writeFileSync(file, text);
}

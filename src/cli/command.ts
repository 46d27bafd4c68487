import { parseArgs, type ParseArgsConfig } from "node:util";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** Thrown for anything the user got wrong; the CLI prints its lines and exits 2. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `util.parseArgs` with errors turned into usage errors. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError([(err as Error).message, usage]);
  }
}

export function numberOption(value: string | undefined, name: string, check: (n: number) => boolean = Number.isFinite): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !check(n)) throw new UsageError([`--${name}: "${value}" is not a valid value`]);
  return n;
}

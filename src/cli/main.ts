#!/usr/bin/env node
import { COMMANDS } from "./commands/index.js";
import { EXIT, UsageError } from "./command.js";

const HELP = `ikn-alloc: allocate relocating ASN and defence/security personnel to IKN housing

Usage: ikn-alloc <command> [options]   (ikn-alloc <command> --help for its options)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Exit codes: 0 success, 1 failure (violations, infeasible, solver fault), 2 bad input or usage.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    return EXIT.badInput;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.lines.join("\n"));
      return EXIT.badInput;
    }
    console.error(`error: ${(err as Error).stack ?? err}`);
    return EXIT.failed;
  }
}

process.exitCode = await main(process.argv.slice(2));

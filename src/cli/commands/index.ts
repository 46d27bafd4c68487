import type { Command } from "../command.js";

/** Every `ikn-alloc` command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [];

import type { Command } from "../command.js";
import { solveCommand } from "./solve.js";

/** Every `ikn-alloc` command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [solveCommand];

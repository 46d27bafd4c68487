import type { Command } from "../command.js";
import { checkCommand } from "./check.js";
import { compareCommand } from "./compare.js";
import { generateCommand } from "./generate.js";
import { solveCommand } from "./solve.js";
import { validateCommand } from "./validate.js";

/** Every `ikn-alloc` command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [generateCommand, validateCommand, checkCommand, solveCommand, compareCommand];

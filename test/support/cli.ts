import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The project root, where the CLI runs. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `ikn-alloc <args>` as a user runs it, from source through tsx's loader, so the tests need no build
 * and see the code as it is: its exit code and what it printed.
 */
export function ikn(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

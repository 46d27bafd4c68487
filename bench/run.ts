import { writeFileSync } from "node:fs";
import os from "node:os";
import { benchConsole } from "./console.js";
import { benchPresets } from "./presets.js";
import { benchService } from "./service.js";
import { benchSolver } from "./solver.js";
import { benchSpread } from "./spread.js";

// `npm run bench [-- solver presets spread service console]`: runs the named sections (all by default) and writes
// bench/results.md. Speed and memory targets live here, not in the tests.

const SECTIONS: Record<string, () => Promise<string>> = { solver: benchSolver, presets: benchPresets, spread: benchSpread, service: benchService, console: benchConsole };

const chosen = process.argv.slice(2).filter((a) => a !== "--");
const unknown = chosen.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown section(s) ${unknown.join(", ")}; choose from ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}
const names = chosen.length ? chosen : Object.keys(SECTIONS);
const parts: string[] = [];
for (const name of names) {
  console.error(`bench: ${name} …`);
  const started = Date.now();
  parts.push(await SECTIONS[name]());
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const header = [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at start ${os.loadavg()[0].toFixed(1)}.`,
  "",
].join("\n");
writeFileSync(new URL("./results.md", import.meta.url), `${header}\n${parts.join("\n\n")}\n`);
console.error("bench: wrote bench/results.md");

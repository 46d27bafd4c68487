import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { WEB_DIR } from "../src/api/console.js";
import { generateScenario } from "../src/generate/generate.js";
import { namedOptions } from "../src/generate/named.js";
import { launchConsoleBrowser } from "../test/console-browser.js";
import { finished, TestService } from "../test/helpers/service.js";

// The console benchmark: the full-scale plan (ikn-2024: 18,430 employees, 2,820 units) solved by the
// real service, then opened in headless Chromium. "Usable" is when the summary, every unit of the
// tower grid and the unplaced table are on the page.

const LOADS = 3;
const SCROLL_STEPS = 60;
const SOLVE_TIMEOUT_MS = 300_000;

/** Markdown section: time to usable plan view (cold and warm cache), JS transferred gzipped, scrolling frame times. */
export async function benchConsole(): Promise<string> {
  const scenario = generateScenario(namedOptions("ikn-2024"));
  const service = await TestService.start({ feature: "bench-console" });
  const browser = await launchConsoleBrowser();
  try {
    const id = await service.submit({ scenario });
    const job = await service.waitForJob(id, finished, SOLVE_TIMEOUT_MS);
    if (job.status !== "completed") throw new Error(`the full-scale job ended ${job.status}: ${job.error ?? ""}`);
    const loads: { ms: number; jsBytes: number }[] = [];
    const page = await browser.context.newPage();
    for (let i = 0; i < LOADS; i++) loads.push(await timeToUsable(page, `${service.url}/#/jobs/${id}/plan`, scenario.units.length));
    const scroll = await scrollFrames(page);
    const warm = loads.slice(1).map((l) => l.ms);
    return [
      "## Web console",
      "",
      `The plan view of the full-scale plan (${scenario.employees.length.toLocaleString("en")} employees, ${scenario.units.length.toLocaleString("en")} units, ` +
        `${job.summary?.placed.toLocaleString("en")} placed) in headless Chromium (Debian's), API on loopback. ` +
        "Usable: summary cards, every unit cell of the tower grid and the unplaced table rendered; timed from navigation start.",
      "",
      "| measure | value |",
      "|---|---|",
      `| time to usable plan view, first load (empty cache) | ${Math.round(loads[0].ms)} ms |`,
      `| time to usable plan view, reloads (assets cached) | ${warm.map((ms) => `${Math.round(ms)} ms`).join(", ")} |`,
      `| JS transferred on the first load (gzipped) | ${kb(loads[0].jsBytes)} |`,
      `| all JS of the console, every view (gzipped) | ${kb(builtJsGzipBytes())} |`,
      `| scrolling the ${job.summary?.unplaced.toLocaleString("en")} unplaced rows top to bottom in ${SCROLL_STEPS} steps: frame time p50 / p95 / max | ${scroll.map((ms) => `${ms.toFixed(1)} ms`).join(" / ")} |`,
      "",
    ].join("\n");
  } finally {
    await browser.close();
    await service.stop();
  }
}

async function timeToUsable(page: Page, url: string, units: number): Promise<{ ms: number; jsBytes: number }> {
  const scripts: Promise<number>[] = [];
  const onFinished = (req: import("playwright-core").Request) => {
    if (req.resourceType() === "script") scripts.push(req.sizes().then((s) => s.responseBodySize));
  };
  page.on("requestfinished", onFinished);
  await page.goto("about:blank");
  await page.goto(url);
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll("[data-testid=unit-cell]").length === n &&
      document.querySelector("[data-testid=unplaced-table]") !== null &&
      document.querySelector("[data-testid=plan-summary]") !== null,
    units,
    { timeout: 60_000, polling: "raf" },
  );
  const ms = await page.evaluate(() => performance.now());
  page.off("requestfinished", onFinished);
  return { ms, jsBytes: (await Promise.all(scripts)).reduce((a, b) => a + b, 0) };
}

/** Frame times while the unplaced table (the longest: most of 18,430 at full scale) scrolls from top to bottom, one step per frame. */
async function scrollFrames(page: Page): Promise<[number, number, number]> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const times = await page.evaluate(async (steps) => {
    const box = document.querySelector("[data-testid=unplaced-table]")!.closest(".virtual") as HTMLElement;
    box.scrollIntoView();
    const out: number[] = [];
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let i = 1; i <= steps; i++) {
      box.scrollTop = (box.scrollHeight * i) / steps;
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      out.push(now - last);
      last = now;
    }
    return out;
  }, SCROLL_STEPS);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return [at(50), at(95), sorted[sorted.length - 1]];
}

function builtJsGzipBytes(): number {
  const assets = join(WEB_DIR, "assets");
  return readdirSync(assets)
    .filter((f) => f.endsWith(".js.gz"))
    .reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

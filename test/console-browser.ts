import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";

// Shared by the console's browser tests: Debian's chromium (never a downloaded browser), axe-core
// injected into the page, screenshots as test artifacts.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = join(process.cwd(), "test-artifacts", "console");
const DOCS_SCREENSHOTS = join(process.cwd(), "docs", "screenshots");

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile of its own. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "ikn-console-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA and best practice). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // evaluate() runs outside the page's CSP, which forbids inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] } }),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/**
 * Saves a full-page screenshot under test-artifacts/console/; with CONSOLE_SCREENSHOTS=docs also
 * as the current one in docs/screenshots/.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.CONSOLE_SCREENSHOTS === "docs") {
    await mkdir(DOCS_SCREENSHOTS, { recursive: true });
    await copyFile(file, join(DOCS_SCREENSHOTS, `${name}.png`));
  }
}

/** The page's visible text plus its labels that are not text (aria-label, placeholder, title). */
export async function visibleLabels(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[aria-label],[placeholder],[title]")]
      .filter((el) => (el as HTMLElement).offsetParent !== null || el === document.body)
      .flatMap((el) => ["aria-label", "placeholder", "title"].map((a) => el.getAttribute(a) ?? ""));
    return [document.title, document.body.innerText, ...attrs].join("\n");
  });
}

import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { WEB_DIR } from "../src/api/console.js";

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
  if (!existsSync(join(WEB_DIR, "index.html"))) throw new Error(`the console is not built (${WEB_DIR}): run npm run build first`);
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
  // The plan view lays out off-screen sections lazily (content-visibility: auto), which a full-page
  // capture would show blank; inline styles set from script pass the page's CSP.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>(".plan > section, .tower")) el.style.contentVisibility = "visible";
  });
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

/** Opens the console in a new tab, which has its own sessionStorage (so no key yet). */
export async function openConsole(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  // 4xx answers the page expects (a wrong key, an invalid scenario) are logged by Chromium as
  // "Failed to load resource"; those are not faults. A CSP refusal or a script error is.
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  pageErrors.set(page, errors);
  await page.goto(url);
  return page;
}

/** Pastes `key` into the key form. */
export async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByTestId("key-input").fill(key);
  await page.getByTestId("key-input").press("Enter");
}

/** Opens the console with a key the service knows, once its menu is there. */
export async function signIn(context: BrowserContext, url: string, key: string): Promise<Page> {
  const page = await openConsole(context, url);
  await enterKey(page, key);
  await page.getByRole("navigation").first().waitFor();
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Script errors and console errors (a CSP refusal shows as one) the page has had so far. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Screenshot of the view as it is now, and axe's serious or critical findings on it (expected: none). */
export async function checkView(page: Page, name: string): Promise<AxeFinding[]> {
  await screenshot(page, name);
  return seriousViolations(page);
}

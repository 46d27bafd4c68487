import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES, type Lang } from "../web/src/i18n.js";
import { errorsOf, launchConsoleBrowser, openConsole, screenshot, visibleLabels, type ConsoleBrowser } from "./console-browser.js";
import { conformanceScenario, finished, TestService } from "./helpers/service.js";

/**
 * Words of the other language's labels that must not be on the page: each label's text between its
 * placeholders, where it differs from this language's label and is not part of any of this
 * language's labels (so "Status", the same in both, proves nothing and is left out).
 */
function foreignFragments(lang: Lang): string[] {
  const mine = Object.values(MESSAGES[lang]);
  const other = lang === "id" ? MESSAGES.en : MESSAGES.id;
  const fragments = new Set<string>();
  for (const [key, text] of Object.entries(other)) {
    if (text === MESSAGES[lang][key as keyof typeof other]) continue;
    for (const part of text.split(/\{\w+\}/)) {
      const fragment = part.replace(/^[\s:.,·()…—-]+|[\s:.,·()…—-]+$/g, "");
      if (fragment.length >= 4 && !mine.some((m) => m.includes(fragment))) fragments.add(fragment);
    }
  }
  return [...fragments];
}

describe("the language toggle switches every visible label, and is remembered", () => {
  let service: TestService;
  let browser: ConsoleBrowser;
  const scenario = conformanceScenario("c1-small.json");
  let jobId: string;
  let comparisonId: string;
  let scheduleId: string;

  beforeAll(async () => {
    [service, browser] = await Promise.all([TestService.start({ feature: "console-language" }), launchConsoleBrowser()]);
    await service.fetch(`/v1/scenarios/${scenario.id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(scenario) });
    jobId = await service.submit({ scenario });
    comparisonId = (await service.post("/v1/comparisons", { scenarioId: scenario.id, variants: [{ name: "A" }, { name: "B", model: "families-first" }] })).body.id as string;
    scheduleId = (await service.post("/v1/schedules", { cron: "0 2 * * *", scenarioId: scenario.id })).body.id as string;
    await service.waitForJob(jobId, finished, 90_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("shows no Indonesian label in English and no English label in Indonesian, on every view", async () => {
    const page = await openConsole(browser.context, service.url);
    const views: [string, string, string][] = [
      ["submit", "#/", "[data-testid=submit-job]"],
      ["jobs", "#/jobs", "[data-testid=job-row]"],
      ["job", `#/jobs/${jobId}`, "[data-testid=job-status] [data-status=completed]"],
      ["plan", `#/jobs/${jobId}/plan`, "[data-testid=unit-cell]"],
      ["compare", "#/compare", "[data-testid=compare-form]"],
      ["comparison", `#/compare/${comparisonId}`, "[data-testid=diff-agencies]"],
      ["schedules", "#/schedules", "[data-testid=schedule-form]"],
      ["schedule", `#/schedules/${scheduleId}`, "[data-testid=schedule-next-runs]"],
    ];
    const forbidden = { id: foreignFragments("id"), en: foreignFragments("en") };
    for (const [name, hash, ready] of views) {
      await page.goto(`${service.url}/${hash}`);
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      for (const lang of ["en", "id"] as const) {
        await page.getByTestId("lang-toggle").click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        const text = await visibleLabels(page);
        expect(forbidden[lang].filter((f) => text.includes(f)), `${name} in ${lang}`).toEqual([]);
        if (lang === "en" && name === "plan") await screenshot(page, "11-plan-english");
      }
    }
    expect(errorsOf(page)).toEqual([]);
  }, 120_000);

  it("keeps English after a reload, with English number and date styles", async () => {
    const page = await openConsole(browser.context, `${service.url}/#/jobs/${jobId}/plan`);
    await page.getByTestId("lang-toggle").click();
    await page.reload();
    await page.getByTestId("plan-objective").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.getByTestId("lang-toggle").innerText()).toBe("Bahasa Indonesia");
    expect(await page.getByTestId("plan-objective").innerText()).toBe("13,895");
    expect(await page.getByTestId("wave-table").innerText()).toContain("29 July 2024");
    await page.getByTestId("lang-toggle").click();
    expect(await page.getByTestId("plan-objective").innerText()).toBe("13.895");
    expect(await page.getByTestId("wave-table").innerText()).toContain("29 Juli 2024");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkView, errorsOf, launchConsoleBrowser, signIn, type ConsoleBrowser } from "./console-browser.js";
import { conformanceScenario, TestService } from "./helpers/service.js";

const PLANNER = "planner-key-0123456789";
const headers = { authorization: `Bearer ${PLANNER}`, "content-type": "application/json" };

describe("a planner compares variants and schedules runs through the console", () => {
  let service: TestService;
  let browser: ConsoleBrowser;
  const scenario = conformanceScenario("c1-small.json");
  const scenarioId = scenario.id as string;

  beforeAll(async () => {
    [service, browser] = await Promise.all([
      TestService.start({ feature: "console-planner", env: { API_KEYS: `${PLANNER}:planner` } }),
      launchConsoleBrowser(),
    ]);
    const put = await service.fetch(`/v1/scenarios/${scenarioId}`, { method: "PUT", headers, body: JSON.stringify(scenario) });
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("starts a comparison, shows it side by side, and the diff of two variants", async () => {
    const page = await signIn(browser.context, service.url, PLANNER);
    await page.getByRole("link", { name: "Bandingkan" }).click();
    const form = page.getByTestId("compare-form");
    await form.getByLabel("Skenario tersimpan").selectOption(scenarioId);
    // Variant A keeps the scenario's policy (family bonus 200); B is the families-first preset.
    await form.locator("#variant-1-model").selectOption("families-first");
    expect(await checkView(page, "07-compare")).toEqual([]);
    await form.getByRole("button", { name: "Mulai perbandingan" }).click();

    await page.waitForURL(/#\/compare\/[^/]+$/);
    const id = decodeURIComponent(page.url().split("/").pop()!);
    await page.getByTestId("diff-view").locator("[data-testid=diff-agencies]").waitFor({ timeout: 60_000 });
    const comparison = (await (await service.fetch(`/v1/comparisons/${id}`, { headers })).json()) as {
      variants: { name: string; commonObjective: number }[];
    };
    const table = page.getByTestId("compare-table");
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["Ukuran", "A", "B"]);
    const commonRow = await table.locator("tbody tr", { hasText: "kebijakan skenario" }).locator("td").allInnerTexts();
    expect(commonRow.map((c) => Number(c.replaceAll(".", "")))).toEqual(comparison.variants.map((v) => v.commonObjective));

    const diff = (await (await service.fetch(`/v1/comparisons/${id}/diff?a=A&b=B`, { headers })).json()) as Record<string, string[]>;
    const view = page.getByTestId("diff-view");
    for (const list of ["onlyInA", "onlyInB", "movedWave", "movedTower"]) {
      const ids = await view.locator(`details[data-list=${list}] .ids`).textContent();
      expect(ids, list).toBe(diff[list].length ? diff[list].join(", ") : "Tidak ada.");
    }
    expect(diff.onlyInA.length + diff.onlyInB.length + diff.movedWave.length + diff.movedTower.length).toBeGreaterThan(0);
    expect(await checkView(page, "08-comparison")).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it("shows a schedule's next five runs in WITA before saving, then its runs with change reports", async () => {
    const page = await signIn(browser.context, service.url, PLANNER);
    page.on("dialog", (d) => d.accept());
    await page.getByRole("link", { name: "Jadwal" }).click();
    const form = page.getByTestId("schedule-form");
    await form.getByLabel("Cron").fill("30 2 * * *");
    const next = await page.getByTestId("schedule-next-runs").locator("li").allInnerTexts();
    expect(next).toHaveLength(5);
    for (const run of next) expect(run).toMatch(/, 02\.30 WITA$/);
    await form.getByLabel("Skenario tersimpan").selectOption(scenarioId);
    await form.getByLabel("Tidak", { exact: true }).check();
    expect(await checkView(page, "09-schedules")).toEqual([]);

    await form.getByLabel("Cron").fill("*/10 * * * * *");
    await form.getByRole("button", { name: "Simpan jadwal" }).click();
    await page.waitForURL(/#\/schedules\/[^/]+$/);
    const schedulePage = page.url();
    const id = decodeURIComponent(schedulePage.split("/").pop()!);
    const runs = page.getByTestId("run-list");
    const refresh = page.getByRole("button", { name: "Muat ulang" });
    const refreshUntil = async (what: string, done: () => Promise<boolean>) => {
      const deadline = Date.now() + 100_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`${what} did not show: ${await runs.innerText()}`);
        await page.waitForTimeout(1000);
        await refresh.click();
      }
    };
    // A run is compared with the latest earlier run that had a plan by the time it fired.
    const runsOf = async () => ((await (await service.fetch(`/v1/schedules/${id}/runs`, { headers })).json()) as { items: { previousRunAt?: string }[] }).items;
    await refreshUntil("a run with a previous run", async () => (await runsOf()).some((r) => r.previousRunAt !== undefined));

    // Deleting stops the firing; the runs' jobs and change reports still finish.
    await page.getByRole("button", { name: "Hapus jadwal" }).click();
    await page.waitForURL(/#\/schedules$/);
    expect((await (await service.fetch(`/v1/schedules/${id}`, { headers })).json()).deletedAt).toBeTypeOf("string");
    await page.goto(schedulePage);
    await refreshUntil("a change report", async () => (await runs.getByTestId("change-report").count()) > 0);
    expect(await runs.getByTestId("change-report").first().innerText()).toMatch(/Perubahan nilai tujuan/);
    expect(await checkView(page, "10-schedule")).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 240_000);
});

import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario, persons, type Plan } from "../src/domain/index.js";
import { parseFormattedNumber } from "../web/src/format.js";
import { checkView, enterKey, errorsOf, launchConsoleBrowser, openConsole, signIn, type ConsoleBrowser } from "./console-browser.js";
import { conformanceScenario, TestService } from "./helpers/service.js";

const OFFICER = "officer-key-0123456789";
const PLANNER = "planner-key-0123456789";
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("an officer submits through the console, follows the job and reads its plan", () => {
  let service: TestService;
  let browser: ConsoleBrowser;
  const scenario = conformanceScenario("c1-small.json");
  const parsed = parseScenario(scenario);

  beforeAll(async () => {
    [service, browser] = await Promise.all([
      TestService.start({ feature: "console-officer", env: { API_KEYS: `${OFFICER}:officer,${PLANNER}:planner` } }),
      launchConsoleBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  const jobCount = async () => ((await (await service.fetch("/v1/jobs?limit=100", { headers: bearer(OFFICER) })).json()) as { items: unknown[] }).items.length;

  it("tells a wrong key so, and asks again", async () => {
    const page = await openConsole(browser.context, service.url);
    await enterKey(page, "not-a-key-of-this-service");
    await expect(page.getByRole("alert").innerText()).resolves.toContain("tidak dikenal");
    await expect(page.getByTestId("key-input").isVisible()).resolves.toBe(true);
    expect(await checkView(page, "01-key-rejected")).toEqual([]);
    await page.close();
  });

  it("shows an officer no compare or schedule controls", async () => {
    const page = await signIn(browser.context, service.url, OFFICER);
    await expect(page.getByRole("navigation").textContent()).resolves.toMatch(/Ajukan.*Tugas/);
    expect(await page.getByRole("link", { name: "Bandingkan" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Jadwal" }).count()).toBe(0);
    await page.goto(`${service.url}/#/compare`);
    await page.getByText("Peran Anda tidak boleh").waitFor();
    expect(await page.getByTestId("compare-form").count()).toBe(0);
    await page.goto(`${service.url}/#/schedules`);
    await page.getByText("Peran Anda tidak boleh").waitFor();
    expect(await page.getByTestId("schedule-form").count()).toBe(0);
    await page.close();
  });

  it("lists a malformed scenario's errors by path with the offending value, and creates no job", async () => {
    const before = await jobCount();
    // Two shape errors: the domain reports every shape problem at once (cross-references come after).
    const broken = structuredClone(scenario) as { employees: { gender: string }[]; units: { bedrooms: number }[] };
    broken.employees[3].gender = "X";
    broken.units[0].bedrooms = 0;
    const page = await signIn(browser.context, service.url, OFFICER);
    await page.getByTestId("scenario-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    const errors = page.getByTestId("validation-errors");
    await errors.waitFor();
    const rows = await errors.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => r.includes("employees.3.gender") && r.includes('"X"'))).toBe(true);
    expect(rows.some((r) => r.startsWith("units.0.bedrooms") && r.endsWith("\t0"))).toBe(true);
    await expect(page.getByTestId("submit-job").isDisabled()).resolves.toBe(true);
    expect(await checkView(page, "03-submit-errors")).toEqual([]);
    expect(await jobCount()).toBe(before);
    await page.close();
  });

  it("submits a file, follows progress to the end, and the plan view shows the plan's own numbers", async () => {
    const page = await signIn(browser.context, service.url, OFFICER);
    await page.getByTestId("scenario-file").setInputFiles("fixtures/conformance/c1-small.json");
    await page.getByTestId("validate-result").getByText("Skenario sah").waitFor();
    await expect(page.getByTestId("validate-result").innerText()).resolves.toMatch(/Pegawai\s+30/);
    await page.getByTestId("model-select").selectOption("");
    await page.getByTestId("solver-select").selectOption("highs");
    await page.getByTestId("time-limit").fill("60");
    expect(await checkView(page, "02-submit")).toEqual([]);
    await page.getByTestId("submit-job").click();

    await page.waitForURL(/#\/jobs\/[^/]+$/);
    const id = decodeURIComponent(page.url().split("/").pop()!);
    await page.locator('[data-testid="job-status"] [data-status="completed"]').waitFor({ timeout: 60_000 });
    expect(await checkView(page, "04-job")).toEqual([]);

    await page.getByRole("link", { name: "Lihat rencana" }).click();
    await page.getByTestId("plan-summary").waitFor();
    const plan = (await (await service.fetch(`/v1/jobs/${id}/plan`, { headers: bearer(OFFICER) })).json()) as Plan;
    const number = async (testid: string) => parseFormattedNumber(await page.getByTestId(testid).innerText(), "id");
    expect(await page.getByTestId("plan-status").locator("[data-status]").getAttribute("data-status")).toBe(plan.status);
    expect(await number("plan-objective")).toBe(plan.objective);
    expect(await number("plan-bound")).toBe(plan.bound);
    expect(await number("plan-households-placed")).toBe(plan.placements.length);
    expect(await number("plan-households-unplaced")).toBe(plan.unplaced.length);
    const personsOf = new Map(parsed.employees.map((e) => [e.id, persons(e)]));
    expect(await number("plan-persons-placed")).toBe(plan.placements.reduce((s, p) => s + personsOf.get(p.employee)!, 0));
    for (const wave of parsed.waves) {
      const cells = await page.getByTestId("wave-table").locator(`tr[data-wave="${wave.id}"] td`).allInnerTexts();
      expect(parseFormattedNumber(cells[1], "id"), wave.id).toBe(plan.placements.filter((p) => p.wave === wave.id).length);
    }

    const units = await page.getByTestId("unit-cell").evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.unit));
    expect(units.sort()).toEqual(parsed.units.map((u) => u.id).sort());
    const occupied = await page.locator('[data-testid="unit-cell"]:not([data-kind="empty"])').count();
    expect(occupied).toBe(new Set(plan.placements.map((p) => p.unit)).size);
    expect(await page.getByTestId("unplaced-table").getAttribute("data-rows")).toBe(String(plan.unplaced.length));

    // The grid is one tab stop; arrows move between units and the focused unit's occupants show.
    expect(await page.locator('[data-testid="unit-cell"][tabindex="0"]').count()).toBe(1);
    const first = page.locator('[data-testid="unit-cell"][tabindex="0"]');
    const start = await first.getAttribute("data-unit");
    await first.focus();
    await page.keyboard.press("ArrowRight");
    const moved = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.unit);
    expect(moved).toBeTruthy();
    expect(moved).not.toBe(start);
    expect(await page.getByRole("complementary").innerText()).toContain(moved);

    const someone = plan.placements[0];
    await page.getByTestId("employee-search").fill(someone.employee);
    await expect(page.getByTestId("employee-result").innerText()).resolves.toContain(someone.unit);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.trimEnd().split(/\r?\n/)).toHaveLength(plan.placements.length + 1);
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-json").click()]);
    expect(JSON.parse(await readFile((await json.path())!, "utf8"))).toEqual(plan);

    expect(await checkView(page, "05-plan")).toEqual([]);
    await page.goto(`${service.url}/#/jobs`);
    await page.getByTestId("job-row").first().waitFor();
    expect(await page.getByTestId("job-row").first().getByTestId("job-status").innerText()).toBe("selesai");
    expect(await checkView(page, "06-jobs")).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("submits a stored scenario by id and version", async () => {
    const stored = await service.fetch(`/v1/scenarios/${parsed.id}`, {
      method: "PUT",
      headers: { ...bearer(PLANNER), "content-type": "application/json" },
      body: JSON.stringify(scenario),
    });
    expect(stored.status).toBe(201);
    const page = await signIn(browser.context, service.url, OFFICER);
    await page.getByLabel("Skenario tersimpan").first().check();
    await page.getByTestId("scenario-pick").selectOption(parsed.id);
    await page.getByTestId("validate-result").getByText("Skenario sah").waitFor();
    await page.getByTestId("submit-job").click();
    await page.waitForURL(/#\/jobs\/[^/]+$/);
    await page.locator('[data-testid="job-status"] [data-status="completed"]').waitFor({ timeout: 60_000 });
    const id = decodeURIComponent(page.url().split("/").pop()!);
    expect(await service.job(id, bearer(OFFICER))).toMatchObject({ scenarioId: parsed.id, scenarioVersion: 1 });
    await page.close();
  });

  it("cancels a running job from its page", async () => {
    // javascript-lp-solver finds no plan for c7's 400 employees in any time a test waits, so the job is
    // still running when the button is clicked (a warm HiGHS worker proves 2,000 employees in under a second).
    const id = await service.submit({ scenario: conformanceScenario("c7-medium.json"), solver: "jslp" }, bearer(OFFICER));
    const page = await signIn(browser.context, service.url, OFFICER);
    await page.goto(`${service.url}/#/jobs/${id}`);
    await page.getByTestId("job-progress").waitFor();
    await page.getByTestId("cancel-job").click();
    await page.locator('[data-testid="job-status"] [data-status="cancelled"]').waitFor({ timeout: 30_000 });
    expect((await service.job(id, bearer(OFFICER))).status).toBe("cancelled");
    expect(await page.getByTestId("cancel-job").count()).toBe(0);
    await page.close();
  });
});

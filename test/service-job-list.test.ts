import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobPage } from "../src/api/services/jobs.js";
import { conformanceScenario, TestService } from "./helpers/service.js";

describe("GET /v1/jobs lists jobs newest first, filtered, a page at a time", () => {
  let service: TestService;
  const ids: string[] = [];
  const small = conformanceScenario("c1-small.json");
  const pinned = conformanceScenario("c5-pinned.json");

  beforeAll(async () => {
    service = await TestService.start({ feature: "service-list", workers: 0 });
    for (const scenario of [small, pinned, small, pinned, small]) ids.push(await service.submit({ scenario }));
    await service.fetch(`/v1/jobs/${ids[1]}`, { method: "DELETE" });
  });
  afterAll(() => service?.stop());

  const page = async (query: string) => (await (await service.fetch(`/v1/jobs${query}`)).json()) as JobPage;

  it("lists every job, newest first", async () => {
    const { items, next } = await page("");
    expect(items.map((j) => j.id)).toEqual([...ids].reverse());
    expect(next).toBeUndefined();
  });

  it("pages through with the cursor, each job once", async () => {
    const seen: string[] = [];
    let query = "?limit=2";
    for (;;) {
      const p = await page(query);
      expect(p.items.length).toBeLessThanOrEqual(2);
      seen.push(...p.items.map((j) => j.id));
      if (!p.next) break;
      query = `?limit=2&cursor=${p.next}`;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by scenario and by status", async () => {
    expect((await page(`?scenarioId=${pinned.id}`)).items.map((j) => j.id)).toEqual([ids[3], ids[1]]);
    expect((await page("?status=cancelled")).items.map((j) => j.id)).toEqual([ids[1]]);
    const queued = await page(`?status=queued&scenarioId=${small.id}&limit=2`);
    expect(queued.items.map((j) => j.id)).toEqual([ids[4], ids[2]]);
    expect((await page(`?status=queued&scenarioId=${small.id}&limit=2&cursor=${queued.next}`)).items.map((j) => j.id)).toEqual([ids[0]]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { parseScenario } from "../src/domain/index.js";
import { ScenarioStore } from "../src/store/scenarios.js";
import { connect, deleteKeys, uniquePrefix } from "./support/redis-prefix.js";
import { twoTowersInput } from "./support/two-towers.js";

const redis = connect();
const prefix = uniquePrefix("scenarios");
const store = new ScenarioStore(redis, prefix);

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

describe("the scenario store", () => {
  it("stores a new version only when the document changes, whatever its key order or spelled-out defaults", async () => {
    const first = parseScenario(twoTowersInput);
    expect(await store.put(first)).toEqual({ version: 1, created: true });

    const reordered = parseScenario({ ...Object.fromEntries(Object.entries(twoTowersInput).reverse()), pinned: [] });
    expect(await store.put(reordered)).toEqual({ version: 1, created: false });

    const changed = parseScenario({ ...twoTowersInput, waves: [{ id: "W1", date: "2024-08-01" }] });
    expect(await store.put(changed)).toEqual({ version: 2, created: true });

    expect((await store.get("two-towers"))?.scenario.waves).toEqual([{ id: "W1", date: "2024-08-01" }]);
    const v1 = await store.get("two-towers", 1);
    expect(v1).toMatchObject({ id: "two-towers", version: 1, scenario: first });
    expect(Date.parse(v1!.createdAt)).not.toBeNaN();
  });

  it("answers nothing for an unknown id or version", async () => {
    expect(await store.get("nobody")).toBeUndefined();
    expect(await store.get("two-towers", 99)).toBeUndefined();
  });

  it("gives concurrent writers of different documents different versions", async () => {
    const docs = [1, 2, 3, 4, 5].map((n) => parseScenario({ ...twoTowersInput, id: "busy", employees: twoTowersInput.employees.slice(0, n) }));
    const versions = await Promise.all(docs.map((d) => store.put(d)));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("lists the latest version of each scenario a page at a time", async () => {
    const first = await store.list(1);
    expect(first.items).toEqual([{ id: "busy", version: 5, createdAt: expect.any(String), employees: expect.any(Number) }]);
    const second = await store.list(1, first.next);
    expect(second).toEqual({ items: [{ id: "two-towers", version: 2, createdAt: expect.any(String), employees: 5 }] });
  });
});

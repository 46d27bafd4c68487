import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, type ServiceConfig } from "../src/config/env.js";
import { createLogger } from "../src/config/logger.js";
import { answers, ensureRedis, startPrivateRedis, StartupError } from "../src/lifecycle/local-redis.js";
import { freePort } from "./support/free-port.js";

describe("npm start's Redis: the configured one, one already running, or a private redis-server", () => {
  const dir = mkdtempSync(join(tmpdir(), "ikn-redis-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (loadConfig({ LOG_LEVEL: "silent" }) as { config: ServiceConfig }).config;
  const logger = createLogger(config, "start");
  const never = () => {
    throw new Error("the server died");
  };

  it("uses REDIS_URL when it is set, and a Redis already answering on 127.0.0.1:6379 when not", async () => {
    const explicit = { ...config, redis: { ...config.redis, url: "redis://10.1.2.3:6379", explicit: true } };
    expect(await ensureRedis(explicit, logger, never)).toEqual({ url: "redis://10.1.2.3:6379" });
    if (await answers("redis://127.0.0.1:6379")) expect(await ensureRedis(config, logger, never)).toEqual({ url: "redis://127.0.0.1:6379" });
  });

  it("starts redis-server on loopback with its data (AOF) in the data directory, kept across restarts", async () => {
    const port = await freePort();
    const redis = await startPrivateRedis({ port, dir, onDeath: never });
    const client = new Redis(redis.url);
    try {
      expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
      expect(await client.config("GET", "maxmemory-policy")).toEqual(["maxmemory-policy", "noeviction"]);
      expect(await client.config("GET", "dir")).toEqual(["dir", dir]);
      await client.set("kept", "1");
    } finally {
      client.disconnect();
      await redis.stop!();
    }
    expect(await answers(redis.url)).toBe(false);
    expect(existsSync(join(dir, "appendonlydir"))).toBe(true);

    const again = await startPrivateRedis({ port, dir, onDeath: never });
    const reader = new Redis(again.url);
    try {
      expect(await reader.get("kept")).toBe("1");
    } finally {
      reader.disconnect();
      await again.stop!();
    }
  });

  it("says how to get redis-server when there is none", async () => {
    const attempt = startPrivateRedis({ port: await freePort(), dir, onDeath: never, binary: "redis-server-that-is-not-installed" });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server/);
  });
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/env.js";

const problems = (env: Record<string, string>) => {
  const result = loadConfig(env);
  return result.ok ? [] : result.problems;
};

describe("configuration comes from environment variables, checked at start", () => {
  it("has API.md's defaults and is in local mode without API_KEYS", () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join());
    const { config } = result;
    expect(config.http).toMatchObject({ port: 8080, host: "127.0.0.1", bodyLimitBytes: 20 * 1024 * 1024 });
    expect(config.redis).toEqual({ url: "redis://127.0.0.1:6379", explicit: false, prefix: "ikn" });
    expect(config.worker).toEqual({ concurrency: 1, processes: 1, warmUp: true });
    expect(config.logLevel).toBe("info");
    expect(config.auth).toEqual({ mode: "local" });
  });

  it("reads keys with their roles", () => {
    const result = loadConfig({ API_KEYS: "aaaaaaaaaaaaaaaa1:officer, bbbbbbbbbbbbbbbb2:admin", HOST: "0.0.0.0" });
    expect(result.ok && result.config.auth.mode === "keys" && [...result.config.auth.roles.values()]).toEqual(["officer", "admin"]);
  });

  it("turns the solver warm-up off with SOLVER_WARMUP=false, and takes nothing but true or false", () => {
    const off = loadConfig({ SOLVER_WARMUP: "false" });
    expect(off.ok && off.config.worker.warmUp).toBe(false);
    expect(problems({ SOLVER_WARMUP: "no" })).toEqual(['SOLVER_WARMUP: must be true or false (got "no")']);
  });

  it("names each bad variable on a line of its own", () => {
    expect(problems({ PORT: "http", WORKER_CONCURRENCY: "0", LOG_LEVEL: "loud", REDIS_URL: "localhost:6379" })).toEqual([
      'PORT: must be a whole number from 0 to 65535 (got "http")',
      'REDIS_URL: must be a redis:// or rediss:// URL (got "localhost:6379")',
      'WORKER_CONCURRENCY: must be a whole number from 1 to 64 (got "0")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it("refuses a non-loopback HOST without API_KEYS, and bad keys without showing them", () => {
    expect(problems({ HOST: "0.0.0.0" })).toEqual([
      'HOST: "0.0.0.0" is not a loopback address, and API_KEYS is unset: set API_KEYS, or listen on 127.0.0.1',
    ]);
    const keyProblems = problems({ API_KEYS: "secret-but-short:admin,cccccccccccccccccc:boss,nocolon" });
    expect(keyProblems).toEqual([
      'API_KEYS: entry 2 has role "boss"; roles are officer, planner, admin',
      "API_KEYS: entry 3 must be key:role",
    ]);
    expect(problems({ API_KEYS: "short:admin" })).toEqual(["API_KEYS: entry 1 has a key shorter than 16 characters"]);
    expect(keyProblems.join()).not.toContain("cccccccccccccccccc");
  });

  it("makes an entry point exit 1 with those lines", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/api/main.ts"], {
      env: { ...process.env, PORT: "-1", HOST: "10.0.0.1", API_KEYS: "" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      'bad configuration: PORT: must be a whole number from 0 to 65535 (got "-1")',
      'bad configuration: HOST: "10.0.0.1" is not a loopback address, and API_KEYS is unset: set API_KEYS, or listen on 127.0.0.1',
    ]);
  });
});

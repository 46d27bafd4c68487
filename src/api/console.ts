import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type RequestHandler } from "express";
import { authenticate, callerOf } from "./auth.js";
import type { ApiDeps } from "./deps.js";
import { notFound, Problem } from "./problem.js";

/** `npm run build` puts the console here (vite, web/); the same path from src/api and dist/api. */
export const WEB_DIR = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/**
 * The officers' web console: its page and assets at `/` (no key: the page asks for one), and the
 * two reads it needs beyond API.md's routes, under the same keys as every other `/v1` route.
 */
export function consoleRouter({ config, store }: Pick<ApiDeps, "config" | "store">, webDir = WEB_DIR): Router {
  const router = Router();
  const auth = authenticate(config.auth);

  /** Who the presented key is, so the page shows only what the role may do. */
  router.get("/v1/whoami", auth, (_req, res) => {
    res.json({ role: callerOf(res).role, localMode: config.auth.mode === "local" });
  });

  /** The scenario a job solved (validated, defaults filled in): the plan view reads units, waves and schools from it. */
  router.get("/v1/jobs/:id/scenario", auth, async (req, res) => {
    const { id } = req.params as { id: string };
    const [record, scenarioJson] = await Promise.all([store.get(id), store.scenarioJson(id)]);
    if (!record) throw notFound(`no job ${id}`);
    if (scenarioJson === null) throw new Problem(410, "Gone", `the scenario of job ${id} has expired`);
    res.type("application/json").send(scenarioJson);
  });

  // Asset names carry a content hash: cached for good. The page itself is revalidated on every load.
  router.use("/assets", precompressed(join(webDir, "assets")), express.static(join(webDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  router.get(["/", "/index.html"], (_req, res) => {
    const page = join(webDir, "index.html");
    if (!existsSync(page)) throw new Problem(503, "Console not built", "the web console has not been built: run npm run build");
    res.set("Cache-Control", "no-cache").sendFile(page);
  });
  return router;
}

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** Serves the build's `<asset>.gz` to browsers that accept gzip (scripts and styles; see web/vite.config.ts). */
function precompressed(dir: string): RequestHandler {
  return (req, res, next) => {
    const ext = /\.(js|css)$/.exec(req.path)?.[0];
    const file = ext && join(dir, basename(req.path));
    if (!ext || !file || !req.acceptsEncodings("gzip") || !existsSync(`${file}.gz`)) return next();
    res.vary("Accept-Encoding");
    res.set({ "Content-Encoding": "gzip", "Content-Type": TYPES[ext], "Cache-Control": "public, max-age=31536000, immutable" });
    res.sendFile(`${file}.gz`);
  };
}

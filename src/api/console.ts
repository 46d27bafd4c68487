import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type RequestHandler } from "express";
import { callerOf } from "./auth.js";
import type { ApiDeps } from "./deps.js";
import { notFound, Problem } from "./problem.js";

/** `npm run build` puts the console here (vite, web/); the same path from src/api and dist/api. */
export const WEB_DIR = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/**
 * Only what the page loads: its own scripts, styles and API. Unlike helmet's default, no
 * `upgrade-insecure-requests`: on an office LAN served over plain HTTP it would send every asset
 * request to an https:// that does not exist.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The web console's page at `/` and its assets: public (the page asks for a key), mounted before `/v1`. */
export function consoleRouter(webDir = WEB_DIR): Router {
  const router = Router();
  // Asset names carry a content hash: cached for good. The page itself is revalidated on every load.
  router.use("/assets", precompressed(join(webDir, "assets")), express.static(join(webDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  router.get(["/", "/index.html"], (_req, res) => {
    const page = join(webDir, "index.html");
    if (!existsSync(page)) throw new Problem(503, "Console not built", "the web console has not been built: run npm run build");
    res.set({ "Cache-Control": "no-cache", "Content-Security-Policy": PAGE_CSP }).sendFile(page);
  });
  return router;
}

/** The two reads the console needs beyond API.md's routes; mounted inside `/v1`, behind its key and rate limit. */
export function consoleApiRouter({ config, store }: Pick<ApiDeps, "config" | "store">): Router {
  const router = Router();

  /** Who the presented key is, so the page shows only what the role may do. */
  router.get("/whoami", (_req, res) => {
    res.json({ role: callerOf(res).role, localMode: config.auth.mode === "local" });
  });

  /** The scenario a job solved (validated, defaults filled in): the plan view reads units, waves and schools from it. */
  router.get("/jobs/:id/scenario", async (req, res) => {
    const { id } = req.params as { id: string };
    const [record, scenarioJson] = await Promise.all([store.get(id), store.scenarioJson(id)]);
    if (!record) throw notFound(`no job ${id}`);
    if (scenarioJson === null) throw new Problem(410, "Gone", `the scenario of job ${id} has expired`);
    res.type("application/json").send(scenarioJson);
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

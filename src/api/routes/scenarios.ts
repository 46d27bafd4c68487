import { Router, type Request } from "express";
import { fromZodIssues, isPlainObject, validateScenario } from "../../domain/index.js";
import { requireRole } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { invalidInput, notFound } from "../problem.js";
import { PageQuerySchema } from "../schemas-planning.js";

/** `PUT/GET /v1/scenarios/:id`, `GET /v1/scenarios/:id/versions/:n`, `GET /v1/scenarios`. */
export function scenariosRouter({ scenarios }: ApiDeps): Router {
  const router = Router();
  router.put("/scenarios/:id", requireRole("planner"), async (req, res) => {
    const id = scenarioId(req);
    const body = req.body as unknown;
    if (isPlainObject(body) && "id" in body && body.id !== id) {
      throw invalidInput([{ path: ["id"], message: `must match the id in the URL ("${id}"), or be left out` }]);
    }
    const v = validateScenario(isPlainObject(body) ? { ...body, id } : body);
    if (!v.ok) throw invalidInput(v.issues);
    const { version, created } = await scenarios.put(v.value);
    res.status(created ? 201 : 200).location(`/v1/scenarios/${encodeURIComponent(id)}/versions/${version}`).json({ id, version });
  });
  router.get("/scenarios", async (req, res) => {
    const query = PageQuerySchema.safeParse(req.query);
    if (!query.success) throw invalidInput(fromZodIssues(query.error.issues));
    res.json(await scenarios.list(query.data.limit, query.data.cursor));
  });
  router.get("/scenarios/:id", async (req, res) => {
    const stored = await scenarios.get(scenarioId(req));
    if (!stored) throw notFound(`no scenario ${scenarioId(req)}`);
    res.json(stored);
  });
  router.get("/scenarios/:id/versions/:version", async (req, res) => {
    const { version } = req.params as { version: string };
    const n = /^[1-9]\d{0,9}$/.test(version) ? Number(version) : undefined;
    const stored = n === undefined ? undefined : await scenarios.get(scenarioId(req), n);
    if (!stored) throw notFound(`scenario ${scenarioId(req)} has no version ${version}`);
    res.json(stored);
  });
  return router;
}

function scenarioId(req: Request): string {
  return (req.params as { id: string }).id;
}

import { Router, type Request } from "express";
import { parseScenario, type Plan } from "../../domain/index.js";
import { planToCsv } from "../../plan/export-csv.js";
import { callerOf, requireRole } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { invalidInput, Problem } from "../problem.js";

/** `POST/GET /v1/jobs`, `GET/DELETE /v1/jobs/:id`, `GET /v1/jobs/:id/plan`. */
export function jobsRouter({ jobs, events }: ApiDeps): Router {
  const router = Router();
  router.post("/jobs", requireRole("officer"), async (req, res) => {
    const { job, created } = await jobs.submit(req.body, callerOf(res), idempotencyKey(req));
    req.log.info({ jobId: job.id, created }, created ? "job queued" : "job answered again for its Idempotency-Key");
    res.status(202).location(job.links.self).json(job);
  });
  router.get("/jobs", async (req, res) => {
    res.json(await jobs.list(req.query));
  });
  router.get("/jobs/:id", async (req, res) => {
    res.json(await jobs.view(jobId(req)));
  });
  router.delete("/jobs/:id", requireRole("officer"), async (req, res) => {
    const job = await jobs.cancel(jobId(req));
    req.log.info({ jobId: job.id }, "job cancelled");
    events.changed(job.id);
    res.json(job);
  });
  router.get("/jobs/:id/plan", async (req, res) => {
    const format = planFormat(req);
    const { record, planJson, scenarioJson } = await jobs.plan(jobId(req));
    res.vary("Accept");
    if (format === "json") {
      res.type("application/json").send(planJson);
      return;
    }
    const csv = planToCsv(parseScenario(JSON.parse((await scenarioJson()) ?? "null")), JSON.parse(planJson) as Plan);
    res.type("text/csv; charset=utf-8").attachment(`${record.scenarioId}-${record.id}.csv`).send(csv);
  });
  return router;
}

function jobId(req: Request): string {
  return (req.params as { id: string }).id;
}

function idempotencyKey(req: Request): string | undefined {
  const key = req.get("idempotency-key");
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new Problem(400, "Invalid input", "the Idempotency-Key header must be 1 to 255 visible ASCII characters");
  }
  return key;
}

/** `?format=` wins over `Accept`; JSON unless the client asks for CSV. */
function planFormat(req: Request): "json" | "csv" {
  const format = req.query.format;
  if (format !== undefined) {
    if (format === "json" || format === "csv") return format;
    throw invalidInput([{ path: ["format"], message: "must be json or csv" }]);
  }
  const wanted = req.accepts(["application/json", "text/csv"]);
  if (wanted === false) throw new Problem(406, "Not acceptable", "the plan comes as application/json or text/csv");
  return wanted === "text/csv" ? "csv" : "json";
}

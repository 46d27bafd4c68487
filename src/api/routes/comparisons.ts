import { Router } from "express";
import { ComparisonStore } from "../../store/comparisons.js";
import { openFlowProducer } from "../../queue/comparison-flow.js";
import { requireRole } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { ComparisonsService, links } from "../services/comparisons.js";

/** `POST /v1/comparisons`, `GET /v1/comparisons/:id`, `GET /v1/comparisons/:id/diff?a=&b=`. */
export function comparisonsRouter(deps: ApiDeps): Router {
  const { config, redis } = deps;
  const comparisons = new ComparisonsService({
    ...deps,
    comparisons: new ComparisonStore(redis, config.redis.prefix, config.queue.name, config.queue.retentionMs),
    flows: openFlowProducer(config, redis),
  });
  const router = Router();
  router.post("/comparisons", requireRole("planner"), async (req, res) => {
    const record = await comparisons.submit(req.body);
    const answer = { id: record.id, status: "queued", links: links(record.id) };
    res.status(202).location(answer.links.self).json(answer);
  });
  router.get("/comparisons/:id", async (req, res) => {
    res.json(await comparisons.view((req.params as { id: string }).id));
  });
  router.get("/comparisons/:id/diff", async (req, res) => {
    res.json(await comparisons.diff((req.params as { id: string }).id, req.query));
  });
  return router;
}

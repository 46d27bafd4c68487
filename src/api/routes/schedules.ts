import { Router, type Request } from "express";
import { openScheduleQueue } from "../../queue/schedule-queue.js";
import { ScheduleStore } from "../../store/schedules.js";
import { requireRole } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { SchedulesService } from "../services/schedules.js";

/** `POST/GET /v1/schedules`, `GET/DELETE /v1/schedules/:id`, `GET /v1/schedules/:id/runs`. */
export function schedulesRouter({ config, redis, scenarios }: ApiDeps): Router {
  const schedules = new SchedulesService({
    schedules: new ScheduleStore(redis, config.redis.prefix, config.queue.name),
    scenarios,
    queue: openScheduleQueue(config, redis),
    maxTimeLimitSeconds: config.queue.maxTimeLimitSeconds,
  });
  const router = Router();
  router.post("/schedules", requireRole("planner"), async (req, res) => {
    const schedule = await schedules.create(req.body);
    res.status(201).location(schedule.links.self).json(schedule);
  });
  router.get("/schedules", async (req, res) => {
    res.json(await schedules.list(req.query));
  });
  router.get("/schedules/:id", async (req, res) => {
    res.json(await schedules.view(scheduleId(req)));
  });
  router.delete("/schedules/:id", requireRole("planner"), async (req, res) => {
    await schedules.remove(scheduleId(req));
    res.status(204).end();
  });
  router.get("/schedules/:id/runs", async (req, res) => {
    res.json(await schedules.runs(scheduleId(req), req.query));
  });
  return router;
}

function scheduleId(req: Request): string {
  return (req.params as { id: string }).id;
}

import express, { Router, type Express } from "express";
import helmet from "helmet";
import { authenticate } from "./auth.js";
import { jsonBody } from "./body.js";
import { consoleApiRouter, consoleRouter } from "./console.js";
import type { ApiDeps } from "./deps.js";
import { problemHandler, unknownRoute } from "./problem.js";
import { perClientRateLimit } from "./rate-limit.js";
import { requestLog } from "./request-log.js";
import { docsRouter } from "./routes/docs.js";
import { healthRouter } from "./routes/health.js";
import { jobEventsRouter } from "./routes/job-events.js";
import { jobsRouter } from "./routes/jobs.js";
import { modelsRouter } from "./routes/models.js";
import { validateRouter } from "./routes/validate.js";
import { comparisonsRouter } from "./routes/comparisons.js";
import { scenariosRouter } from "./routes/scenarios.js";
import { schedulesRouter } from "./routes/schedules.js";

/**
 * The HTTP app. A feature is a router module (`src/api/routes/<feature>.ts` exporting
 * `<feature>Router(deps)`) and one mount line below: public ones before `/v1`, the rest inside it,
 * where rate limit, key and JSON body are already taken care of.
 */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.config.http.trustProxy);
  app.use(requestLog(deps.logger));
  app.use(helmet());

  app.use(healthRouter(deps));
  app.use(docsRouter());
  app.use(consoleRouter());

  const v1 = Router();
  v1.use(perClientRateLimit(deps.config.http.rateLimitPerMinute), authenticate(deps.config.auth), ...jsonBody(deps.config.http.bodyLimitBytes));
  v1.use(jobsRouter(deps));
  v1.use(jobEventsRouter(deps));
  v1.use(modelsRouter());
  v1.use(validateRouter());
  v1.use(scenariosRouter(deps));
  v1.use(comparisonsRouter(deps));
  v1.use(schedulesRouter(deps));
  v1.use(consoleApiRouter(deps));
  app.use("/v1", v1);

  app.use(unknownRoute);
  app.use(problemHandler);
  return app;
}

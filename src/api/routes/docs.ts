import { Router } from "express";
import { docsPage } from "../docs-page.js";
import { OPERATIONS, openApiDocument } from "../openapi.js";

/** `/v1/openapi.json` and `/docs`; public. Built once, on first request. */
export function docsRouter(): Router {
  const router = Router();
  let document: ReturnType<typeof openApiDocument> | undefined;
  let page: string | undefined;
  const doc = () => (document ??= openApiDocument());
  router.get("/v1/openapi.json", (_req, res) => {
    res.json(doc());
  });
  router.get("/docs", (_req, res) => {
    page ??= docsPage(OPERATIONS, doc().components.schemas);
    res.type("html").send(page);
  });
  return router;
}

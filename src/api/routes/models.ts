import { Router } from "express";
import { loadPresets } from "../../domain/index.js";

/** `GET /v1/models`: the policy presets of `models/`. */
export function modelsRouter(): Router {
  const router = Router();
  router.get("/models", (_req, res) => {
    res.json({ items: [...loadPresets().values()].map(({ name, description, policy }) => ({ name, description, policy })) });
  });
  return router;
}

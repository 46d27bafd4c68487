import { Router } from "express";
import { summarizeScenario, validateScenario } from "../../domain/index.js";
import { invalidInput } from "../problem.js";

/** `POST /v1/validate` `{ scenario }`: the summary, or the same 400 as a job request. Nothing is stored. */
export function validateRouter(): Router {
  const router = Router();
  router.post("/validate", (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw invalidInput([{ path: [], message: "the body must be a JSON object: { scenario }" }]);
    }
    const unknown = Object.keys(body).filter((k) => k !== "scenario");
    if (unknown.length) throw invalidInput(unknown.map((k) => ({ path: [k], message: "unknown field" })));
    const v = validateScenario((body as { scenario?: unknown }).scenario ?? null);
    if (!v.ok) throw invalidInput(v.issues, ["scenario"]);
    res.json({ valid: true, summary: summarizeScenario(v.value) });
  });
  return router;
}

import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { hashKey } from "../config/api-keys.js";
import { presentedKey } from "./auth.js";
import { Problem, sendProblem } from "./problem.js";

/** Requests per minute per presented key (per address without one); over it, 429 as a problem. */
export function perClientRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const key = presentedKey(req);
      return key === undefined ? ipKeyGenerator(req.ip ?? "") : `key:${hashKey(key)}`;
    },
    handler: (_req, res) => {
      sendProblem(res, new Problem(429, "Too many requests", `more than ${perMinute} requests in a minute; slow down`));
    },
  });
}

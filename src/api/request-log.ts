import { randomUUID } from "node:crypto";
import { pinoHttp } from "pino-http";
import type { Logger } from "../config/logger.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * pino-http with a request id on every line: the caller's `X-Request-Id` when it is sane, else a new
 * one; it comes back in the answer's `X-Request-Id`. Keys never reach the log.
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    redact: ["req.headers.authorization", 'req.headers["x-api-key"]', "req.headers.cookie"],
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return "error";
      return res.statusCode >= 400 ? "warn" : "info";
    },
    autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
  });
}

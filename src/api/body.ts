import express, { type RequestHandler } from "express";
import { Problem } from "./problem.js";

const JSON_TYPES = ["application/json", "application/*+json"];

/**
 * Parses JSON bodies up to `limitBytes` (413 above), answers 415 for a body of any other type, and
 * leaves requests without a body alone (their handlers say what they need).
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.is(JSON_TYPES) === false) {
      throw new Problem(415, "Unsupported media type", `the body must be JSON (Content-Type: application/json), not ${req.get("content-type") ?? "untyped"}`);
    }
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, type: JSON_TYPES })];
}

import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { dottedPath, type InputIssue, type JsonPath } from "../domain/index.js";

/** One entry of a problem's `errors`: a dotted path relative to the request body and what is wrong there. */
export interface ProblemError {
  path: string;
  message: string;
}

/** The id of a problem's entry on the docs page. */
export function problemAnchor(title: string): string {
  return `problem-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/** An HTTP answer of RFC 9457 (`application/problem+json`); throw it from any handler. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Short, the same for every problem of this kind; also names its section of the docs page. */
    readonly title: string,
    readonly detail: string,
    readonly errors?: ProblemError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get type(): string {
    return `/docs#${problemAnchor(this.title)}`;
  }

  toJSON() {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** A 400 listing every input problem, paths made relative to the body by `prefix` (`["scenario"]` in a job request). */
export function invalidInput(issues: InputIssue[], prefix: JsonPath = []): Problem {
  const errors = issues.map((i) => ({ path: dottedPath([...prefix, ...i.path]), message: i.message }));
  const detail = errors.length === 1 ? `${errors[0].path || "the body"}: ${errors[0].message}` : `${errors.length} problems in the request; see errors`;
  return new Problem(400, "Invalid input", detail, errors);
}

export const notFound = (detail: string) => new Problem(404, "Not found", detail);
export const conflict = (detail: string) => new Problem(409, "Conflict", detail);

/**
 * For a request Node's HTTP parser refuses before Express sees it (headers over its limit, bytes that
 * are not HTTP): the problem as raw HTTP on the socket, instead of Node's bare status line.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || err.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const problem =
    err.code === "HPE_HEADER_OVERFLOW"
      ? new Problem(431, "Headers too large", "the request's headers (or URL) are over the server's limit")
      : new Problem(400, "Invalid input", `not a valid HTTP request: ${err.message}`);
  const body = JSON.stringify(problem);
  const head = [`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`, "Content-Type: application/problem+json", `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close"];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).set(problem.headers).type("application/problem+json").send(JSON.stringify(problem));
}

/** For routes nobody serves. */
export const unknownRoute: RequestHandler = (req) => {
  throw new Problem(404, "Not found", `no route ${req.method} ${req.path}`);
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
  charset?: string;
  /** The text that failed to parse. */
  body?: string;
}

/** Every error becomes a problem answer: known ones with their status, Redis outages 503, the rest 500 (logged). */
export const problemHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  sendProblem(res, asProblem(err, req.log));
};

function asProblem(err: unknown, log: { error: (o: object, m: string) => void }): Problem {
  if (err instanceof Problem) return err;
  const e = err as BodyParserError;
  switch (e.type) {
    case "entity.too.large":
      return new Problem(413, "Body too large", `the body is larger than the limit of ${e.limit} bytes`);
    case "entity.parse.failed":
      // express.json takes objects and arrays only, and words a bare `null` or `3` as a syntax error.
      return invalidInput([{ path: [], message: isJson(e.body) ? "the body must be a JSON object" : `not valid JSON: ${e.message}` }]);
    case "encoding.unsupported":
    case "charset.unsupported":
      return new Problem(415, "Unsupported media type", e.message);
  }
  // Express's router and body parser mark a client's mistake they meet (a path that is not valid
  // percent-encoding, a body that is not the gzip it says it is) with status 400.
  if (e.status === 400) return new Problem(400, "Invalid input", `the request cannot be read: ${e.message}`);
  if (isRedisOutage(e)) return new Problem(503, "Service unavailable", "the job store (Redis) is not answering; try again shortly", undefined, { "Retry-After": "5" });
  log.error({ err }, "unexpected error");
  return new Problem(500, "Internal error", "an unexpected error; it has been logged");
}

function isJson(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? "");
    return true;
  } catch {
    return false;
  }
}

function isRedisOutage(e: Error): boolean {
  return (
    e?.name === "MaxRetriesPerRequestError" ||
    /Connection is closed|ECONNREFUSED|Stream isn't writeable|ETIMEDOUT|EHOSTUNREACH/.test(e?.message ?? "")
  );
}

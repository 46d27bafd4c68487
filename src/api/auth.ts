import type { Request, RequestHandler, Response } from "express";
import { hashKey, ROLES, type Role } from "../config/api-keys.js";
import type { AuthConfig } from "../config/env.js";
import { Problem } from "./problem.js";

/** Who is calling: their role, and a stable id (the key's hash; `local` in local mode) to scope things by. */
export interface Caller {
  role: Role;
  id: string;
}

const LOCAL_CALLER: Caller = { role: "admin", id: "local" };

/** The key a request presents (`Authorization: Bearer <key>` or `X-API-Key`), if any. */
export function presentedKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  return bearer?.[1] ?? req.get("x-api-key") ?? undefined;
}

/** Sets the caller, or answers 401. In local mode everyone is `admin`. */
export function authenticate(auth: AuthConfig): RequestHandler {
  return (req, res, next) => {
    if (auth.mode === "local") {
      res.locals.caller = LOCAL_CALLER;
      return next();
    }
    const key = presentedKey(req);
    const challenge = { "WWW-Authenticate": 'Bearer realm="ikn-allocator"' };
    if (key === undefined) throw new Problem(401, "Unauthorized", "an API key is required: Authorization: Bearer <key> or X-API-Key: <key>", undefined, challenge);
    const id = hashKey(key);
    const role = auth.roles.get(id);
    if (role === undefined) throw new Problem(401, "Unauthorized", "unknown API key", undefined, challenge);
    res.locals.caller = { role, id } satisfies Caller;
    next();
  };
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

/** Answers 403 unless the caller's role is `role` or above (officer < planner < admin). */
export function requireRole(role: Role): RequestHandler {
  return (_req, res, next) => {
    const caller = callerOf(res);
    if (ROLES.indexOf(caller.role) < ROLES.indexOf(role)) {
      throw new Problem(403, "Forbidden", `this needs the ${role} role or above; the key's role is ${caller.role}`);
    }
    next();
  };
}

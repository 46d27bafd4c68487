import { createHash } from "node:crypto";

export const ROLES = ["officer", "planner", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Keys are held only as hashes: a heap dump or a log line never shows one. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export type ParsedKeys = { ok: true; roles: Map<string, Role> } | { ok: false; problems: string[] };

/** Parses `API_KEYS` (`key:role,key:role`); problems name the entry by position, never by its key. */
export function parseApiKeys(text: string): ParsedKeys {
  const roles = new Map<string, Role>();
  const problems: string[] = [];
  text.split(",").forEach((raw, i) => {
    const entry = raw.trim();
    const where = `entry ${i + 1}`;
    const colon = entry.lastIndexOf(":");
    if (colon <= 0) return problems.push(`${where} must be key:role`);
    const key = entry.slice(0, colon);
    const role = entry.slice(colon + 1) as Role;
    if (!ROLES.includes(role)) return problems.push(`${where} has role "${role}"; roles are ${ROLES.join(", ")}`);
    if (key.length < 16) return problems.push(`${where} has a key shorter than 16 characters`);
    if (roles.has(hashKey(key))) return problems.push(`${where} repeats an earlier key`);
    roles.set(hashKey(key), role);
  });
  if (roles.size === 0 && problems.length === 0) problems.push("names no key; leave it unset for local mode");
  return problems.length ? { ok: false, problems } : { ok: true, roles };
}

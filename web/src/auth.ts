import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiError, getJson } from "./api.js";
import type { Role, Whoami } from "./api-types.js";

export type AuthState =
  | { phase: "checking" }
  | { phase: "needKey"; rejected: boolean }
  | { phase: "ready"; who: Whoami }
  | { phase: "unreachable"; error: unknown };

/** Asks the service who the stored key (or local mode) is. */
export async function checkAuth(hadKey: boolean): Promise<AuthState> {
  try {
    return { phase: "ready", who: await getJson<Whoami>("/v1/whoami") };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { phase: "needKey", rejected: hadKey };
    return { phase: "unreachable", error };
  }
}

/** What each role may do beyond reading (API.md "Keys and roles"). */
export function can(role: Role, action: "submit" | "cancel" | "compare" | "schedule"): boolean {
  if (action === "submit" || action === "cancel") return true;
  return role === "planner" || role === "admin";
}

export const RoleContext = createContext<Role>("officer");

export function useRole(): Role {
  return useContext(RoleContext);
}

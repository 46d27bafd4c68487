import { useEffect, useState } from "preact/hooks";

// Hash routes: the API process serves one page, and a reload or a shared link lands on the same view.
export type Route =
  | { view: "submit" }
  | { view: "jobs" }
  | { view: "job"; id: string }
  | { view: "plan"; id: string }
  | { view: "compare" }
  | { view: "comparison"; id: string }
  | { view: "schedules" }
  | { view: "schedule"; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [head, id, tail] = parts;
  if (head === "jobs" && id) return tail === "plan" ? { view: "plan", id } : { view: "job", id };
  if (head === "jobs") return { view: "jobs" };
  if (head === "compare" && id) return { view: "comparison", id };
  if (head === "compare") return { view: "compare" };
  if (head === "schedules" && id) return { view: "schedule", id };
  if (head === "schedules") return { view: "schedules" };
  return { view: "submit" };
}

export function href(route: Route): string {
  switch (route.view) {
    case "submit":
      return "#/";
    case "jobs":
    case "compare":
    case "schedules":
      return `#/${route.view}`;
    case "job":
      return `#/jobs/${encodeURIComponent(route.id)}`;
    case "plan":
      return `#/jobs/${encodeURIComponent(route.id)}/plan`;
    case "comparison":
      return `#/compare/${encodeURIComponent(route.id)}`;
    case "schedule":
      return `#/schedules/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

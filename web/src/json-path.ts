/**
 * The value an error path of API.md points at (`scenario.employees.17.agency`), looked up in the
 * document the user sent; `prefix` is the part of the path that names the document in the request.
 */
export function valueAtPath(doc: unknown, dotted: string, prefix = "scenario"): { found: boolean; value?: unknown } {
  const segments = dotted === "" ? [] : dotted.split(".");
  if (segments[0] === prefix) segments.shift();
  let here: unknown = doc;
  for (const seg of segments) {
    if (here === null || typeof here !== "object" || !Object.hasOwn(here, seg)) return { found: false };
    here = (here as Record<string, unknown>)[seg];
  }
  return { found: true, value: here };
}

/** A value as a short one-line JSON text (objects and long strings cut). */
export function previewValue(value: unknown, max = 80): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * `highs` and `javascript-lp-solver` ship types for an ES default export that TypeScript's NodeNext
 * resolution reads as a CommonJS namespace; at run time the default export may sit one level deeper.
 */
export function defaultExport<T>(mod: unknown): T {
  return ((mod as { default?: unknown }).default ?? mod) as T;
}

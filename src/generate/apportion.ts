/**
 * Splits `total` into whole parts proportional to `weights` (largest remainder; ties go to the
 * earlier weight), so that parts always sum to `total` and weights that sum to `total` come back
 * unchanged.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    parts[i]++;
  }
  return parts;
}

/** Like `apportion`, but every part gets at least 1 (taken from the largest parts); needs total ≥ weights.length. */
export function apportionAtLeastOne(total: number, weights: readonly number[]): number[] {
  const parts = apportion(total, weights);
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] > 0) continue;
    const largest = parts.indexOf(Math.max(...parts));
    parts[largest]--;
    parts[i] = 1;
  }
  return parts;
}

/** "Did you mean": the valid value nearest to a mistyped one (case, a transposition, a letter or two). */

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The one valid value the input most likely meant, or undefined when none is close or two are equally close. */
export function nearestValue(input: unknown, options: readonly string[]): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const raw = String(input).trim();
  const sameCase = options.find((o) => o.toLowerCase() === raw.toLowerCase() || o.toLowerCase() === raw.toLowerCase().replace(/[\s_]+/g, '-'));
  if (sameCase) return sameCase;
  const limit = Math.max(1, Math.floor(raw.length / 3));
  const scored = options
    .map((o) => ({ o, d: editDistance(raw.toLowerCase(), o.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d);
  if (!scored.length || (scored[1] && scored[1].d === scored[0]!.d)) return undefined;
  return scored[0]!.o;
}

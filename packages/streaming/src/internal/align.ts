/** One step of an alignment: both sides matched, or an item only on the left / right. */
export type AlignStep = { readonly kind: 'match'; readonly left: number; readonly right: number } | { readonly kind: 'left'; readonly left: number } | { readonly kind: 'right'; readonly right: number };

/** Above this many cells the alignment goes index by index (the summary stays minimal, the cost bounded). */
const MAX_CELLS = 4_000_000;

/**
 * Longest-common-subsequence alignment of two sequences under `same`, so a dropped or inserted event
 * shows as one removed/added item instead of shifting every later one.
 */
export function align(n: number, m: number, same: (i: number, j: number) => boolean): AlignStep[] {
  if (n * m > MAX_CELLS) {
    const steps: AlignStep[] = [];
    for (let k = 0; k < Math.max(n, m); k++) {
      if (k < n && k < m) steps.push(same(k, k) ? { kind: 'match', left: k, right: k } : { kind: 'left', left: k }, ...(same(k, k) ? [] : [{ kind: 'right' as const, right: k }]));
      else if (k < n) steps.push({ kind: 'left', left: k });
      else steps.push({ kind: 'right', right: k });
    }
    return steps;
  }
  // lengths[i][j] = LCS of left[i..] and right[j..]
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = same(i, j) ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const steps: AlignStep[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(i, j) && lengths[i * width + j] === (lengths[(i + 1) * width + j + 1] ?? 0) + 1) steps.push({ kind: 'match', left: i++, right: j++ });
    else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) steps.push({ kind: 'left', left: i++ });
    else steps.push({ kind: 'right', right: j++ });
  }
  while (i < n) steps.push({ kind: 'left', left: i++ });
  while (j < m) steps.push({ kind: 'right', right: j++ });
  return steps;
}

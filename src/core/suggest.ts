/**
 * Edit distance with adjacent transpositions (optimal string alignment): "patern" → "pattern" is 1,
 * "pattren" → "pattern" is 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    const current = table[row] as number[];
    const previous = table[row - 1] as number[];
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + cost,
      );
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        best = Math.min(best, ((table[row - 2] as number[])[column - 2] as number) + 1);
      }
      current[column] = best;
    }
  }
  return (table[rows - 1] as number[])[columns - 1] as number;
}

/**
 * The candidate a misspelt name most likely meant, if one is close enough: the same name in other
 * case or with `-` for `_`, else the nearest within about a third of the name's length (names of
 * three letters or fewer get no guess).
 */
export function nearestName(word: string, candidates: Iterable<string>): string | undefined {
  const normalized = (text: string) => text.toLowerCase().replace(/-/g, "_");
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    if (normalized(candidate) === normalized(word)) return candidate;
    const distance = editDistance(normalized(word), normalized(candidate));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  // Three letters or fewer are too short to guess from ("ppo" is one edit from "p3o").
  const allowed = word.length <= 3 ? 0 : Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean \`x\`?)` when a candidate is close to `word`, else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const nearest = nearestName(word, candidates);
  return nearest === undefined ? "" : ` (did you mean \`${nearest}\`?)`;
}

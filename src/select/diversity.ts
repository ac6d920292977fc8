/**
 * Diversity of a set of generated texts, for RAFT's per-round statistics and B-STaR's exploration
 * monitor: the share of distinct n-grams (distinct-n, Li et al. 2016) and the share of distinct texts.
 */

function units(text: string, unit: "word" | "char"): string[] {
  return unit === "char" ? [...text] : text.split(/\s+/).filter((word) => word !== "");
}

/**
 * Distinct n-grams over all n-grams of the texts: 1 when no n-gram repeats, falling as the texts
 * repeat each other; NaN (unknown, `null` in JSON) when the texts hold no n-gram at all.
 * @example distinctNgrams(["a b a b"], { n: 2 }) // 2 distinct of 3 = 0.6667
 */
export function distinctNgrams(
  texts: readonly string[],
  options: { n: number; unit?: "word" | "char" } = { n: 2 },
): number {
  const seen = new Set<string>();
  let total = 0;
  for (const text of texts) {
    const tokens = units(text, options.unit ?? "word");
    for (let start = 0; start + options.n <= tokens.length; start++) {
      seen.add(tokens.slice(start, start + options.n).join("\u0000"));
      total++;
    }
  }
  return total === 0 ? Number.NaN : seen.size / total;
}

/** Distinct texts over texts (0 for none). */
export function distinctFraction(texts: readonly string[]): number {
  return texts.length === 0 ? 0 : new Set(texts).size / texts.length;
}

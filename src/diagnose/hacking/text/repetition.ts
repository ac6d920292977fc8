import { ngramKeys } from "./words.js";

/**
 * seq-rep-n of Welleck et al. (2019, "Neural Text Degeneration with Unlikelihood Training"):
 * 1 − |distinct n-grams| / |n-grams| of one completion. 0 for text that never repeats an n-gram;
 * near 1 for a loop. Undefined (null) for text with fewer than `minNgrams` n-grams, where a
 * ratio says nothing.
 */
export function repeatedNgramRatio(tokens: readonly string[], n: number, minNgrams = 8): number | null {
  const grams = ngramKeys(tokens, n, new Map());
  if (grams.length < minNgrams) return null;
  return 1 - new Set(grams).size / grams.length;
}

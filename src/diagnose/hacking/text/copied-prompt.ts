import { ngramKeys } from "./words.js";

/**
 * How much of the prompt the completion repeats: the fraction of the prompt's word n-grams
 * (n = 5, fewer for short prompts, never under 3) that occur in the completion. Restating the
 * question earns overlap-based and judge rewards without answering it. Null when the prompt is
 * too short for the fraction to mean anything (fewer than `minPromptWords` words).
 */
export function promptCoverage(
  promptTokens: readonly string[],
  completionTokens: readonly string[],
  options: { n?: number; minPromptWords?: number } = {},
): number | null {
  const minPromptWords = options.minPromptWords ?? 6;
  if (promptTokens.length < minPromptWords) return null;
  const n = Math.max(3, Math.min(options.n ?? 5, promptTokens.length - 1));
  const vocabulary = new Map<string, number>();
  const promptGrams = new Set(ngramKeys(promptTokens, n, vocabulary));
  if (promptGrams.size === 0) return null;
  const completionGrams = new Set(ngramKeys(completionTokens, n, vocabulary));
  let covered = 0;
  for (const gram of promptGrams) if (completionGrams.has(gram)) covered++;
  return covered / promptGrams.size;
}

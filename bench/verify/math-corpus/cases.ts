/**
 * The math dev corpus: answers from the shared data (GSM8K, MATH-500, ProcessBench) rewritten
 * systematically — precision, separators, notation, wrappers, distractors, attacks — into pairs
 * whose verdict is known by construction. Generated at run time from ../shared/data; nothing of
 * the data is stored in the repository.
 */
export interface CorpusCase {
  /** Category (a row of the agreement table). */
  category: string;
  /** Which rewrite made it, for reading disagreements. */
  rewrite: string;
  /** The reference answer, as a dataset holds it. */
  gold: string;
  /** The completion (an answer, a sentence, a solution). */
  pred: string;
  /** The question, when the rewrite depends on it (percent, angles, copies of the prompt). */
  prompt?: string;
  /** What a careful grader says. */
  expected: boolean;
  /** Where the answer came from (`math500:12`, `gsm8k:301`). */
  source: string;
}

/** A source answer: the reference, its question, and where it came from. */
export interface SourceRow {
  id: string;
  answer: string;
  prompt: string;
  solution?: string;
}

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A case builder bound to one source row and category. */
export function caseMaker(category: string, row: SourceRow) {
  return (
    rewrite: string,
    pred: string,
    expected: boolean,
    extra: { gold?: string; prompt?: string } = {},
  ): CorpusCase => ({
    category,
    rewrite,
    gold: extra.gold ?? row.answer,
    pred,
    ...(extra.prompt !== undefined ? { prompt: extra.prompt } : {}),
    expected,
    source: row.id,
  });
}

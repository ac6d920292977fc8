import { mulberry32 } from "../../../src/core/random.js";
import type { CorpusCase, Random } from "./cases.js";
import { angles } from "./categories/angles.js";
import { emptyOrWords, hedging, thinkOnly } from "./categories/attacks.js";
import { choices } from "./categories/choices.js";
import { hugeValues, promptEcho } from "./categories/echo-and-huge.js";
import { intervals } from "./categories/intervals.js";
import { labelledSolutions } from "./categories/labelled-solutions.js";
import { longSolutions } from "./categories/long-solutions.js";
import { matrices } from "./categories/matrices.js";
import { mixedNumbers } from "./categories/mixed-numbers.js";
import { notation } from "./categories/notation.js";
import { percent } from "./categories/percent.js";
import { plusMinus } from "./categories/plus-minus.js";
import { precision } from "./categories/precision.js";
import { separators } from "./categories/separators.js";
import { tuples } from "./categories/tuples.js";
import { units } from "./categories/units.js";
import { wordsAndSets } from "./categories/words-and-sets.js";
import { wrapperCases } from "./categories/wrappers.js";
import { loadSources, type Sources } from "./sources.js";

export type { CorpusCase } from "./cases.js";

/** The dev part is tuned on; the held-back part (other source rows, another seed) is only evaluated. */
export type Split = "dev" | "heldback";

const categories: ((sources: Sources, random: Random) => CorpusCase[])[] = [
  precision,
  separators,
  wrapperCases,
  notation,
  intervals,
  tuples,
  matrices,
  longSolutions,
  units,
  mixedNumbers,
  plusMinus,
  percent,
  angles,
  wordsAndSets,
  hedging,
  emptyOrWords,
  thinkOnly,
  promptEcho,
  hugeValues,
  labelledSolutions,
  choices,
];

/** FNV-1a of a row id: which split a source row belongs to, the same on every run. */
function rowHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One row in four (by id) is held back; the rest is dev. */
export function splitOf(id: string): Split {
  return rowHash(id) % 4 === 0 ? "heldback" : "dev";
}

function only(sources: Sources, split: Split): Sources {
  const keep = <T extends { id: string }>(rows: T[]) => rows.filter((row) => splitOf(row.id) === split);
  return {
    gsm8k: keep(sources.gsm8k),
    gsm8kTrain: keep(sources.gsm8kTrain),
    math500: keep(sources.math500),
    processBench: keep(sources.processBench),
    labelledSolutions: keep(sources.labelledSolutions),
  };
}

/** At most this many cases of a category in one part: categories weigh alike in the totals. */
const maxPerCategory = 500;

/** A seeded sample of `limit` cases (all of them when there are fewer). */
function sample(cases: CorpusCase[], limit: number, random: Random): CorpusCase[] {
  if (cases.length <= limit) return cases;
  const shuffled = [...cases];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as CorpusCase, shuffled[index] as CorpusCase];
  }
  return shuffled.slice(0, limit);
}

/** Seeds of the rewrites' random choices: different for the two parts. */
const seeds: Record<Split, number> = { dev: 1_001, heldback: 2_002 };

/**
 * The corpus of one split, generated from the shared data folder: each category's rewrites of
 * that split's rows, with its own seeded generator (so adding a category does not move others),
 * at most `maxPerCategory` of each.
 */
export function generateCorpus(input: { dataDir: string; split: Split }): CorpusCase[] {
  const sources = only(loadSources(input.dataDir), input.split);
  return categories.flatMap((category, index) => {
    const random = mulberry32(seeds[input.split] + index * 7919);
    return sample(category(sources, random), maxPerCategory, random);
  });
}

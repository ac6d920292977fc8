import { type CorpusCase, caseMaker, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

/** ProcessBench's GSM8K and MATH solutions (model-written, several steps) with the annotators' verdict on the final answer. */
export function labelledSolutions(sources: Sources, _random: Random): CorpusCase[] {
  return sources.labelledSolutions.map((row) =>
    caseMaker("ProcessBench solutions (human labels)", row)(
      "steps as written",
      row.solution ?? "",
      row.correct,
      { prompt: row.prompt },
    ),
  );
}

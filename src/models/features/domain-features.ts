import { RewardkitError } from "../../core/index.js";
import { sourceCoverage, unsupportedShare } from "./content-words.js";

/**
 * A designer's feature: how often (or whether) a pattern occurs in the response, or how the response
 * is grounded in the prompt (the source it summarizes or answers from).
 */
export interface DomainFeature {
  name: string;
  /** A JavaScript regular expression (source text), matched case-insensitively unless `flags` say. */
  pattern?: string | undefined;
  flags?: string | undefined;
  /**
   * `count` gives log(1 + matches); `present` gives 1 or 0; `source_coverage` the share of the
   * prompt's salient content words the response mentions; `unsupported` the share of the response's
   * content words the prompt never uses.
   */
  kind: "count" | "present" | "source_coverage" | "unsupported";
  /** Which text the pattern reads. */
  field: "response" | "prompt";
  /** `source_coverage`: how often the prompt must use a word for it to be salient (default 2). */
  min_count?: number | undefined;
}

/**
 * Domain knowledge infused into a reward model as explicit features (Leveraging Domain Knowledge
 * for Efficient Reward Modelling, #37): with a few hundred pairs a linear model cannot learn which
 * aspects matter from n-grams alone, but it can weigh a handful of designer-named features.
 */
export function compileDomainFeatures(
  features: readonly DomainFeature[],
): Array<(prompt: string, response: string) => number> {
  return features.map((feature, index) => {
    // Grounding in the source, after the paper's domain criteria for opinion summaries (aspect
    // coverage, no hallucinated content) measured against the reviews: RECONSTRUCTED with content-word
    // overlap where the paper extracts aspects and opinions with models.
    if (feature.kind === "source_coverage") {
      const minCount = feature.min_count ?? 2;
      return (prompt: string, response: string) => sourceCoverage(prompt, response, minCount);
    }
    if (feature.kind === "unsupported")
      return (prompt: string, response: string) => unsupportedShare(prompt, response);
    if (feature.pattern === undefined) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `domain feature "${feature.name}": kind ${feature.kind} needs a pattern`,
        {
          path: `features.domain[${index}].pattern`,
        },
      );
    }
    const source = feature.pattern;
    let pattern: RegExp;
    try {
      const flags = feature.flags ?? "i";
      pattern = new RegExp(source, flags.includes("g") ? flags : `${flags}g`);
    } catch (error) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `domain feature "${feature.name}": ${(error as Error).message}`,
        {
          path: `features.domain[${index}].pattern`,
        },
      );
    }
    return (prompt: string, response: string) => {
      const text = feature.field === "prompt" ? prompt : response;
      pattern.lastIndex = 0;
      if (feature.kind === "present") return pattern.test(text) ? 1 : 0;
      let count = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        count++;
        if (match[0] === "") pattern.lastIndex++;
      }
      return Math.log1p(count);
    };
  });
}

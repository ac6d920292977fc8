import type { PreferencePair } from "./pair.js";
import { completeTreePaths, treePairs } from "./tree-preferences.js";

/**
 * Reward Generalization's tree-structured preference dataset, end to end (Qiu et al.; rm-rl.md
 * §6.1, reconstructed — no official code): for each prompt, responses are grown as a prefix tree
 * (`depth` levels of `branching` segments, each from `segment(prompt, path)`, a policy's
 * continuation), `budget` leaf pairs are chosen by shared-prefix depth, the labeller decides each
 * (`label(prompt, a, b)` > 0: a preferred; 0: no preference, the pair is dropped), and the result
 * is `{prompt, chosen, rejected}` rows that `trainBradleyTerry` or `rewardkit train-rm` take as they
 * are. `chainPreferenceDataset` is the baseline with the same budget: independent responses.
 */
export function treePreferenceDataset(input: {
  prompts: readonly string[];
  depth: number;
  branching: number;
  segment: (prompt: string, path: readonly number[]) => string;
  label: (prompt: string, first: string, second: string) => number;
  budget: number;
  prefer?: "deep" | "shallow" | "random";
  joiner?: string;
  seed?: number;
}): PreferencePair[] {
  const joiner = input.joiner ?? " ";
  return input.prompts.flatMap((prompt, index) => {
    const responses = completeTreePaths(input.depth, input.branching, (path) =>
      input.segment(prompt, path),
    ).map((segments) => segments.join(joiner));
    // Prefix depth comes from the tree's paths, not the joined texts.
    const tree = completeTreePaths(input.depth, input.branching, (path) => path.join("."));
    const chosenPairs = treePairs(tree, {
      budget: input.budget,
      prefer: input.prefer ?? "deep",
      seed: (input.seed ?? 0) + index,
    });
    return chosenPairs.flatMap(([a, b]) =>
      labelled({
        prompt,
        first: responses[a] as string,
        second: responses[b] as string,
        label: input.label,
        where: `tree:${index}`,
      }),
    );
  });
}

/** The chain baseline: `budget` pairs per prompt of independent responses (`respond(prompt, k)`). */
export function chainPreferenceDataset(input: {
  prompts: readonly string[];
  respond: (prompt: string, index: number) => string;
  label: (prompt: string, first: string, second: string) => number;
  budget: number;
}): PreferencePair[] {
  return input.prompts.flatMap((prompt, index) =>
    Array.from({ length: input.budget }, (_, pair) =>
      labelled({
        prompt,
        first: input.respond(prompt, 2 * pair),
        second: input.respond(prompt, 2 * pair + 1),
        label: input.label,
        where: `chain:${index}`,
      }),
    ).flat(),
  );
}

function labelled(input: {
  prompt: string;
  first: string;
  second: string;
  label: (prompt: string, first: string, second: string) => number;
  where: string;
}): PreferencePair[] {
  const { prompt, first, second, label, where } = input;
  const verdict = label(prompt, first, second);
  if (verdict === 0 || first === second) return [];
  const [chosen, rejected] = verdict > 0 ? [first, second] : [second, first];
  return [{ prompt, chosen, rejected, where, row: { prompt, chosen, rejected } }];
}

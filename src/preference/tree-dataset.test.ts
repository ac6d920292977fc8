import { describe, expect, it } from "vitest";
import {
  evaluatePairs,
  seededRandom,
  TextFeaturizer,
  toPairSet,
  trainBradleyTerry,
} from "../models/index.js";
import type { PreferencePair } from "./pair.js";
import { chainPreferenceDataset, treePreferenceDataset } from "./tree-dataset.js";

// A toy policy: each segment is one of 40 words; a response's reward is the sum of its words'
// hidden values (so a segment's worth carries over to every response sharing it).
const vocabulary = Array.from({ length: 40 }, (_, index) => `w${index}`);
const worth = new Map(vocabulary.map((word, index) => [word, Math.sin(index * 2.3) * 1.5]));
const hash = (text: string) =>
  [...text].reduce((total, char) => (Math.imul(total, 31) + char.charCodeAt(0)) >>> 0, 7);
const segment = (prompt: string, path: readonly number[]) =>
  vocabulary[hash(`${prompt}|${path.join(".")}`) % vocabulary.length] as string;
const reward = (text: string) => text.split(" ").reduce((total, word) => total + (worth.get(word) ?? 0), 0);
const label = (_prompt: string, first: string, second: string) => Math.sign(reward(first) - reward(second));

function heldOutAccuracy(train: readonly PreferencePair[], test: readonly PreferencePair[]): number {
  const featurizer = new TextFeaturizer({ hashed: { bits: 10, ngrams: [1, 1] }, hand: false });
  const texts = (pairs: readonly PreferencePair[]) =>
    pairs.flatMap((pair) => [
      { prompt: pair.prompt, response: pair.chosen },
      { prompt: pair.prompt, response: pair.rejected },
    ]);
  const pairsOf = (pairs: readonly PreferencePair[]) =>
    pairs.map((_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 }));
  const model = trainBradleyTerry({
    features: featurizer.featurize(texts(train)),
    pairs: pairsOf(train),
    epochs: 30,
    seed: 1,
  });
  const testMatrix = featurizer.featurize(texts(test));
  return evaluatePairs(model.head, testMatrix, toPairSet(pairsOf(test), testMatrix.rows)).accuracy;
}

describe("tree-structured preference data, end to end (rm-rl.md §6, reconstructed)", () => {
  const prompts = Array.from({ length: 30 }, (_, index) => `prompt ${index}`);
  const tree = treePreferenceDataset({ prompts, depth: 3, branching: 2, segment, label, budget: 8 });

  it("grows prefix trees, labels budgeted pairs and yields {prompt, chosen, rejected} rows", () => {
    expect(tree.length).toBeLessThanOrEqual(30 * 8);
    expect(tree.length).toBeGreaterThan(30 * 6);
    for (const pair of tree.slice(0, 20)) {
      expect(pair.chosen.split(" ")).toHaveLength(3);
      expect(reward(pair.chosen)).toBeGreaterThan(reward(pair.rejected));
    }
    // Deep-first: half the budget goes to siblings (share two of three segments), the rest to cousins.
    const siblings = tree.filter(
      (pair) =>
        pair.chosen.split(" ").slice(0, 2).join(" ") === pair.rejected.split(" ").slice(0, 2).join(" "),
    );
    expect(siblings.length).toBeGreaterThanOrEqual(tree.length / 2);
  });

  it("trains a reward model that generalizes to new prompts, from tree data and from the same budget of chain data", () => {
    const random = seededRandom(3);
    const respond = (prompt: string, index: number) =>
      [0, 1, 2].map((level) => segment(`${prompt}#${index}#${random.int(1000)}`, [level])).join(" ");
    const chain = chainPreferenceDataset({ prompts, respond, label, budget: 8 });
    const heldOut = chainPreferenceDataset({
      prompts: prompts.map((prompt) => `new ${prompt}`),
      respond,
      label,
      budget: 10,
    });
    const treeAccuracy = heldOutAccuracy(tree, heldOut);
    const chainAccuracy = heldOutAccuracy(chain, heldOut);
    expect(treeAccuracy).toBeGreaterThan(0.7);
    expect(chainAccuracy).toBeGreaterThan(0.7);
    // Recorded in docs/reward-models.md; the paper's tree-over-chain advantage is not asserted.
    console.info(
      `tree ${treeAccuracy.toFixed(3)} vs chain ${chainAccuracy.toFixed(3)} (held-out prompts, ${tree.length} vs ${chain.length} pairs)`,
    );
  });
});

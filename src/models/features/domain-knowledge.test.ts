import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { trainBradleyTerry } from "../train/bradley-terry.js";
import { TextFeaturizer, type TextPair } from "./featurizer.js";

/**
 * Leveraging domain knowledge for reward modelling (#37): opinion summaries are better when they
 * cover the product's aspects. With 40 training pairs the n-grams of the aspect words seen in
 * training do not carry over to summaries that name the aspects differently; a designer's
 * pattern features do — here because the pattern names the test's words too (the designer knew
 * the whole vocabulary), so this shows how pattern features are used, not that they generalize.
 * Generalization to vocabulary no feature names is tested in domain-grounding.test.ts.
 */
describe("domain-knowledge features with small data", () => {
  const trainAspects = ["battery", "screen", "price"];
  const testAspects = ["charge", "display", "cost"];
  const filler = ["the", "phone", "is", "nice", "overall", "good", "it", "works", "and", "really"];
  const random = seededRandom(3);
  const sentence = (words: number) =>
    Array.from({ length: words }, () => filler[random.int(filler.length)]).join(" ");

  // Off-topic words in the worse summary, also new at test time.
  const trainDistractors = ["shipping", "box", "weather"];
  const testDistractors = ["courier", "sticker", "holiday"];

  function pairs(count: number, aspects: readonly string[], distractors: readonly string[]): TextPair[][] {
    return Array.from({ length: count }, () => {
      const covered = Array.from({ length: 2 }, () => aspects[random.int(aspects.length)]).join(" and ");
      const offTopic = Array.from({ length: 2 }, () => distractors[random.int(distractors.length)]).join(
        " and ",
      );
      return [
        { prompt: "summarize the reviews", response: `${sentence(5)} ${covered} ${sentence(3)}` },
        // Same length and shape: aspects against off-topic words.
        { prompt: "summarize the reviews", response: `${sentence(5)} ${offTopic} ${sentence(3)}` },
      ];
    });
  }

  function accuracy(featurizer: TextFeaturizer, train: TextPair[][], test: TextPair[][]): number {
    const model = trainBradleyTerry({
      features: featurizer.featurize(train.flat()),
      pairs: train.map((_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 })),
      epochs: 20,
      learningRate: 0.05,
    });
    const scores = model.score(featurizer.featurize(test.flat()));
    return (
      test.filter((_, index) => (scores[2 * index] as number) > (scores[2 * index + 1] as number)).length /
      test.length
    );
  }

  it("carries over to other wording when the designer's pattern names it (the pattern lists train and test words)", () => {
    const train = pairs(40, trainAspects, trainDistractors);
    const test = pairs(300, testAspects, testDistractors);
    const plain = new TextFeaturizer({ hashed: { bits: 14 }, hand: false });
    const infused = new TextFeaturizer({
      hashed: { bits: 14 },
      hand: false,
      domain: [
        {
          name: "aspects",
          pattern: "\\b(battery|charge|screen|display|price|cost)\\b",
          kind: "count",
          field: "response",
        },
      ],
    });
    expect(accuracy(plain, train, test)).toBeLessThan(0.7);
    expect(accuracy(infused, train, test)).toBeGreaterThan(0.95);
  });
});

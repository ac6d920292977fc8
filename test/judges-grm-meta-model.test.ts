import { describe, expect, it } from "vitest";
import { grmTrainingReward, grmVote } from "../src/judges/index.js";
import { seededRandom, trainJudgmentMetaModel } from "../src/models/index.js";

describe("DeepSeek-GRM's training reward (rm-rl.md §7.1)", () => {
  it("+1 when the ground-truth best is strictly on top (n ≥ 2), or the single rating matches", () => {
    expect(grmTrainingReward([7, 5, 6], { best: 0 })).toBe(1);
    expect(grmTrainingReward([7, 7, 6], { best: 0 })).toBe(-1);
    expect(grmTrainingReward([4, 9], { best: 0 })).toBe(-1);
    expect(grmTrainingReward([8], { rating: 8 })).toBe(1);
    expect(grmTrainingReward([8], { rating: 7 })).toBe(-1);
    expect(() => grmTrainingReward([1, 2], { best: 5 })).toThrow(/best index/);
  });
});

describe("a trained meta RM guiding DeepSeek-GRM's voting", () => {
  // Simulated GRM judgments of two responses (the first is truly better). A careful judgment cites
  // specifics and scores right 85% of the time; a sloppy one is right 35% of the time.
  const random = seededRandom(21);
  function judgment() {
    const careful = random.next() < 0.5;
    const right = random.next() < (careful ? 0.85 : 0.35);
    const [a, b] = right ? [7 + random.int(3), 3 + random.int(3)] : [3 + random.int(3), 7 + random.int(3)];
    const text = careful
      ? `Principles: correctness, specificity. Analysis: response 1 verifies each step and cites the source; response 2 skips the derivation. Scores: \\boxed{${a}, ${b}}`
      : `Both look fine I guess. Scores: \\boxed{${a}, ${b}}`;
    return {
      prompt: "Explain the proof.",
      text,
      scores: [a, b],
      correct: grmTrainingReward([a, b], { best: 0 }) === 1,
    };
  }

  it("learns which judgments to trust (BCE on the training rule) and meta-guided voting picks the better response more often", () => {
    const model = trainJudgmentMetaModel({
      judgments: Array.from({ length: 400 }, judgment),
      featurizer: { hashed: { bits: 10, ngrams: [1, 1] } },
    });
    let plain = 0;
    let guided = 0;
    const trials = 300;
    for (let trial = 0; trial < trials; trial++) {
      const samples = Array.from({ length: 8 }, judgment);
      const metaRewards = model.score(samples);
      const sums = grmVote(samples.map((sample) => sample.scores));
      const kept = grmVote(
        samples.map((sample) => sample.scores),
        { metaRewards, keep: 4 },
      );
      if ((sums[0] as number) > (sums[1] as number)) plain++;
      if ((kept[0] as number) > (kept[1] as number)) guided++;
    }
    expect(guided / trials).toBeGreaterThan(plain / trials + 0.05);
    expect(guided / trials).toBeGreaterThan(0.8);
  });
});

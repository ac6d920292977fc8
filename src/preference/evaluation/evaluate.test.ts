import { describe, expect, it } from "vitest";
import type { PreferencePair } from "../pair.js";
import { evaluatePreferences } from "./evaluate.js";
import { ensembleAgreement, expectedCalibrationError, pearson } from "./metrics.js";
import { sectionScores } from "./rewardbench-sections.js";

const pair = (chosen: string, rejected: string, row: Record<string, unknown> = {}): PreferencePair => ({
  prompt: "p",
  chosen,
  rejected,
  where: "x",
  row,
});

describe("reward model evaluation", () => {
  it("counts strict accuracy (ties are wrong), groups, and length bias", () => {
    const pairs = [
      pair("long answer", "no", { topic: "a" }),
      pair("ok", "a much longer answer", { topic: "a" }),
      pair("yes", "nah", { topic: "b" }),
      pair("tie", "tie!", { topic: "b" }),
    ];
    const evaluation = evaluatePreferences({
      pairs,
      chosen: [2, 1, 0.5, 1],
      rejected: [1, 0, 1, 1],
      by: "topic",
    });
    expect(evaluation.accuracy).toBe(0.5);
    expect(evaluation.ties).toBe(1);
    expect(evaluation.by?.groups).toMatchObject([
      { group: "a", n: 2, accuracy: 1 },
      { group: "b", n: 2, accuracy: 0 },
    ]);
    // 95% Wilson intervals: 2 of 4 overall, 2 of 2 and 0 of 2 per group.
    expect(evaluation.accuracy_ci?.[0]).toBeCloseTo(0.15, 4);
    expect(evaluation.accuracy_ci?.[1]).toBeCloseTo(0.85, 4);
    expect(evaluation.by?.groups[0]?.accuracy_ci[0]).toBeCloseTo(0.3424, 4);
    expect(evaluation.by?.groups[0]?.accuracy_ci[1]).toBe(1);
    expect(evaluation.by?.groups[1]?.accuracy_ci[0]).toBe(0);
    expect(evaluation.by?.groups[1]?.accuracy_ci[1]).toBeCloseTo(0.6576, 4);
    // Pair 1: chosen longer, right. Pairs 2 and 4: rejected longer, right then a tie. Pair 3: equal lengths.
    expect(evaluation.lengthBias.accuracyChosenLonger).toBe(1);
    expect(evaluation.lengthBias.accuracyRejectedLonger).toBeCloseTo(1 / 2, 10);
    expect(evaluation.lengthBias.pairsRejectedLonger).toBe(2);
    expect(evaluation.lengthBias.prefersLonger).toBeCloseTo(1 / 3, 10);
  });

  it("weighs RewardBench subsets by EXAMPLE_COUNTS within a section", () => {
    const { sections, overall } = sectionScores(
      new Map([
        ["alpacaeval-easy", 1],
        ["mt-bench-med", 0],
        ["donotanswer", 0.5],
      ]),
    );
    // Chat: (1·100 + 0·40) / 140.
    expect(sections).toEqual([
      { section: "Chat", score: 100 / 140, subsets: 2 },
      { section: "Safety", score: 0.5, subsets: 1 },
    ]);
    expect(overall).toBeCloseTo((100 / 140 + 0.5) / 2, 10);
    const pairs = [pair("a", "b", { subset: "hep-go" }), pair("a", "b", { subset: "math-prm" })];
    const evaluation = evaluatePreferences({ pairs, chosen: [1, 0], rejected: [0, 1] });
    // Reasoning: (1·164 + 0·984) / (164 + 984).
    expect(evaluation.sections?.sections[0]?.score).toBeCloseTo(164 / 1148, 10);
  });

  it("measures calibration, correlation and ensemble agreement", () => {
    // Confidence 0.85 on every pair and 85% correct: perfectly calibrated.
    const logit = Math.log(0.85 / 0.15);
    const deltas = [...Array(17).fill(logit), -logit, -logit, -logit];
    expect(expectedCalibrationError(deltas)).toBeCloseTo(0, 10);
    // Confidence 0.85, right half the time: |0.5 − 0.85| = 0.35.
    expect(expectedCalibrationError([logit, -logit])).toBeCloseTo(0.35, 10);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(pearson([1, 1], [2, 3])).toBeUndefined();
    const agreement = ensembleAgreement([
      [1, 1, -1],
      [1, -1, -1],
    ]);
    expect(agreement).toMatchObject({ members: 2, pairwiseAgreement: 2 / 3 });
    expect(agreement.unanimous).toBeCloseTo(2 / 3, 10);
    expect(agreement.meanDeltaStd).toBeCloseTo(1 / 3, 10);
  });
});

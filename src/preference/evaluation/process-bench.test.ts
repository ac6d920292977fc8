import { describe, expect, it } from "vitest";
import { averageF1, firstErrorStep, processBenchFigures } from "./process-bench.js";

describe("ProcessBench metric", () => {
  it("predicts the first step scored below the threshold, -1 when none is", () => {
    expect(firstErrorStep([0.9, 0.4, 0.2], 0.5)).toBe(1);
    expect(firstErrorStep([0.9, 0.8], 0.5)).toBe(-1);
    // A score equal to the threshold is not below it.
    expect(firstErrorStep([0.5, 0.49], 0.5)).toBe(1);
    expect(firstErrorStep([0.1], 0.05)).toBe(-1);
  });

  it("worked case: accuracy on erroneous 33.3, on correct 50, F1 40", () => {
    // Correct solutions (label -1): predicted -1 (right) and 3 (wrong) → 50%.
    // Erroneous: label 2 predicted 2 (right), label 0 predicted 1 (too late), label 1 predicted -1 (missed) → 1/3.
    const figures = processBenchFigures([-1, -1, 2, 0, 1], [-1, 3, 2, 1, -1]);
    expect(figures.correct_accuracy).toBe(50);
    expect(figures.erroneous_accuracy).toBeCloseTo(100 / 3, 12);
    expect(figures.f1).toBeCloseTo((2 * 50 * (100 / 3)) / (50 + 100 / 3), 12);
    expect(figures.f1).toBeCloseTo(40, 12);
    expect(figures).toMatchObject({ n: 5, correct_n: 2, erroneous_n: 3 });
  });

  it("an oracle scores F1 100; always saying 'no error' scores 100 / 0 and F1 0", () => {
    const labels = [-1, 0, 3, -1, 1];
    expect(processBenchFigures(labels, labels).f1).toBe(100);
    const naive = processBenchFigures(
      labels,
      labels.map(() => -1),
    );
    expect(naive).toMatchObject({ correct_accuracy: 100, erroneous_accuracy: 0, f1: 0 });
    // Flagging the first step everywhere: erroneous accuracy = share of label-0 solutions.
    const first = processBenchFigures(
      labels,
      labels.map(() => 0),
    );
    expect(first).toMatchObject({ correct_accuracy: 0, erroneous_accuracy: 100 / 3, f1: 0 });
  });

  it("says n/a rather than 0 where a subset lacks erroneous or correct solutions", () => {
    const onlyCorrect = processBenchFigures([-1, -1], [-1, 0]);
    expect(onlyCorrect.erroneous_accuracy).toBeNull();
    expect(onlyCorrect.f1).toBeNull();
    expect(averageF1([onlyCorrect, processBenchFigures([-1, 1], [-1, 1])])).toBe(100);
    expect(averageF1([onlyCorrect])).toBeNull();
  });
});

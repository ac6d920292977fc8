/**
 * ProcessBench's protocol (Zheng et al. 2024, QwenLM/ProcessBench `code/run_eval*.py`): a model
 * names the earliest wrong step of each solution (-1 when it finds none); a prediction is right when
 * it equals the human label. Accuracy is taken separately on erroneous solutions (label ≥ 0) and on
 * correct ones (label = -1), in percent, and F1 is their harmonic mean.
 */

/** The earliest step scored below `threshold`, or -1 when every step reaches it (a PRM's prediction). */
export function firstErrorStep(stepScores: readonly number[], threshold: number): number {
  for (let step = 0; step < stepScores.length; step++) {
    if ((stepScores[step] as number) < threshold) return step;
  }
  return -1;
}

export interface SubsetFigures {
  /** Solutions in the subset. */
  n: number;
  /** Accuracy (%) on solutions with an error (label ≥ 0); null when there are none. */
  erroneous_accuracy: number | null;
  erroneous_n: number;
  /** Accuracy (%) on solutions without an error (label = -1); null when there are none. */
  correct_accuracy: number | null;
  correct_n: number;
  /** Harmonic mean of the two accuracies; null when either is missing, 0 when both are 0. */
  f1: number | null;
}

/**
 * The figures for one subset from labels and predictions (both -1 for "no error"). Where both
 * accuracies are 0 the harmonic mean is taken as 0, its limit (ProcessBench's code would divide 0 by 0).
 */
export function processBenchFigures(
  labels: readonly number[],
  predictions: readonly number[],
): SubsetFigures {
  if (labels.length !== predictions.length) {
    throw new Error(`${labels.length} labels but ${predictions.length} predictions`);
  }
  let erroneous = 0;
  let erroneousRight = 0;
  let correct = 0;
  let correctRight = 0;
  labels.forEach((label, index) => {
    const right = predictions[index] === label;
    if (label === -1) {
      correct++;
      if (right) correctRight++;
    } else {
      erroneous++;
      if (right) erroneousRight++;
    }
  });
  const erroneousAccuracy = erroneous > 0 ? (100 * erroneousRight) / erroneous : null;
  const correctAccuracy = correct > 0 ? (100 * correctRight) / correct : null;
  let f1: number | null = null;
  if (erroneousAccuracy !== null && correctAccuracy !== null) {
    const total = erroneousAccuracy + correctAccuracy;
    f1 = total === 0 ? 0 : (2 * erroneousAccuracy * correctAccuracy) / total;
  }
  return {
    n: labels.length,
    erroneous_accuracy: erroneousAccuracy,
    erroneous_n: erroneous,
    correct_accuracy: correctAccuracy,
    correct_n: correct,
    f1,
  };
}

/** The mean F1 over subsets that have one (ProcessBench's "Avg. F1"); null when none has. */
export function averageF1(subsets: readonly SubsetFigures[]): number | null {
  const values = subsets.map((subset) => subset.f1).filter((value): value is number => value !== null);
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;
}

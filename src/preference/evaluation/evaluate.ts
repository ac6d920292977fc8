import type { PreferencePair } from "../pair.js";
import { type AgreementFigures, ensembleAgreement, expectedCalibrationError, pearson } from "./metrics.js";
import { type SectionScore, sectionScores } from "./rewardbench-sections.js";
import { wilsonInterval } from "./wilson.js";

export interface GroupFigures {
  group: string;
  n: number;
  accuracy: number;
  /** 95% Wilson interval of the accuracy (`--json` key as written). */
  accuracy_ci: [number, number];
}

export interface LengthBias {
  /** Pearson correlation of reward with response length (characters), over all responses. */
  correlation: number | undefined;
  /** Share of pairs where the model prefers the longer response. */
  prefersLonger: number;
  /** Accuracy on pairs whose chosen response is the longer one. */
  accuracyChosenLonger: number | undefined;
  /** Accuracy on pairs whose rejected response is the longer one (a length-biased model fails these). */
  accuracyRejectedLonger: number | undefined;
  pairsRejectedLonger: number;
}

export interface Evaluation {
  n: number;
  /** Strict accuracy: r(chosen) > r(rejected) (ties count as wrong, as RewardBench counts). */
  accuracy: number;
  /**
   * 95% Wilson score interval of the accuracy over the n pairs (`--json` key as written; absent
   * when there are no pairs).
   */
  accuracy_ci?: [number, number];
  ties: number;
  meanMargin: number;
  ece: number;
  lengthBias: LengthBias;
  by?: { field: string; groups: GroupFigures[] };
  sections?: { sections: SectionScore[]; overall: number | undefined };
  agreement?: AgreementFigures;
}

export interface EvaluateOptions {
  pairs: readonly PreferencePair[];
  chosen: ArrayLike<number>;
  rejected: ArrayLike<number>;
  /** Group accuracy by this row field (dot paths allowed: `meta.source`). */
  by?: string | undefined;
  /** Each ensemble member's scores, for agreement figures. */
  members?: ReadonlyArray<{ chosen: ArrayLike<number>; rejected: ArrayLike<number> }> | undefined;
}

function fieldValue(row: Record<string, unknown>, path: string): string {
  let value: unknown = row;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return "(missing)";
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return "(missing)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Everything eval-rm reports from the rewards of each pair's two responses: accuracy (overall, by
 * group, RewardBench sections when rows carry a `subset`), calibration, length bias and, for
 * ensembles, how much members agree.
 */
export function evaluatePreferences(options: EvaluateOptions): Evaluation {
  const { pairs, chosen, rejected } = options;
  const n = pairs.length;
  const deltas = new Float64Array(n);
  let correct = 0;
  let ties = 0;
  let marginSum = 0;
  const lengths: number[] = [];
  const rewards: number[] = [];
  let prefersLonger = 0;
  const longer = { chosen: [0, 0], rejected: [0, 0] };
  for (let index = 0; index < n; index++) {
    const pair = pairs[index] as PreferencePair;
    const delta = (chosen[index] as number) - (rejected[index] as number);
    deltas[index] = delta;
    if (delta > 0) correct++;
    else if (delta === 0) ties++;
    marginSum += delta;
    lengths.push(pair.chosen.length, pair.rejected.length);
    rewards.push(chosen[index] as number, rejected[index] as number);
    if (pair.chosen.length !== pair.rejected.length) {
      const chosenLonger = pair.chosen.length > pair.rejected.length;
      if (chosenLonger ? delta > 0 : delta < 0) prefersLonger++;
      const bucket = chosenLonger ? longer.chosen : longer.rejected;
      bucket[0] = (bucket[0] as number) + (delta > 0 ? 1 : 0);
      bucket[1] = (bucket[1] as number) + 1;
    }
  }
  const unequal = (longer.chosen[1] as number) + (longer.rejected[1] as number);
  const interval = wilsonInterval(correct, n);
  const evaluation: Evaluation = {
    n,
    accuracy: n > 0 ? correct / n : 0,
    ...(interval ? { accuracy_ci: interval } : {}),
    ties,
    meanMargin: n > 0 ? marginSum / n : 0,
    ece: expectedCalibrationError(deltas),
    lengthBias: {
      correlation: pearson(lengths, rewards),
      prefersLonger: unequal > 0 ? prefersLonger / unequal : 0,
      accuracyChosenLonger: longer.chosen[1] ? (longer.chosen[0] as number) / longer.chosen[1] : undefined,
      accuracyRejectedLonger: longer.rejected[1]
        ? (longer.rejected[0] as number) / longer.rejected[1]
        : undefined,
      pairsRejectedLonger: longer.rejected[1] as number,
    },
  };
  if (options.by) {
    const groups = new Map<string, { n: number; correct: number }>();
    pairs.forEach((pair, index) => {
      const key = fieldValue(pair.row, options.by as string);
      const entry = groups.get(key) ?? { n: 0, correct: 0 };
      entry.n++;
      if ((deltas[index] as number) > 0) entry.correct++;
      groups.set(key, entry);
    });
    evaluation.by = {
      field: options.by,
      groups: [...groups.entries()]
        .map(([group, entry]) => ({
          group,
          n: entry.n,
          accuracy: entry.correct / entry.n,
          accuracy_ci: wilsonInterval(entry.correct, entry.n) as [number, number],
        }))
        .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group)),
    };
  }
  const subsets = new Map<string, { n: number; correct: number }>();
  pairs.forEach((pair, index) => {
    const subset = pair.row.subset;
    if (typeof subset !== "string") return;
    const entry = subsets.get(subset) ?? { n: 0, correct: 0 };
    entry.n++;
    if ((deltas[index] as number) > 0) entry.correct++;
    subsets.set(subset, entry);
  });
  if (subsets.size > 0) {
    const scores = sectionScores(
      new Map([...subsets].map(([subset, entry]) => [subset, entry.correct / entry.n])),
    );
    if (scores.sections.length > 0) evaluation.sections = scores;
  }
  if (options.members && options.members.length > 1) {
    evaluation.agreement = ensembleAgreement(
      options.members.map((member) => {
        const out = new Float64Array(n);
        for (let index = 0; index < n; index++)
          out[index] = (member.chosen[index] as number) - (member.rejected[index] as number);
        return out;
      }),
    );
  }
  return evaluation;
}

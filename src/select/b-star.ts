/**
 * B-STaR (Zeng et al., ICLR 2025): monitors of exploration (pass@k, distinct correct answers) and
 * exploitation (how well the reward tells correct from incorrect), and the balance score that picks
 * each round's sampling temperature and selection threshold. After the authors' `determine_hyper.py`
 * (hkust-nlp/B-STaR): a response is selected when its reward is above the threshold; duplicates of a
 * prompt are dropped; a prompt's term is min(n_correct / n*, 1) · n_correct / n_selected with n* = 8.
 */

export interface Candidate {
  text: string;
  reward: number;
  correct: boolean;
}

/** The candidates a threshold keeps for one prompt: reward > threshold, best first, distinct texts, at most `maxPerPrompt`. */
export function selectAboveThreshold(
  candidates: readonly Candidate[],
  options: { threshold: number; maxPerPrompt?: number | undefined },
): Candidate[] {
  const seen = new Set<string>();
  const kept: Candidate[] = [];
  const order = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.reward - a.candidate.reward || a.index - b.index);
  for (const { candidate } of order) {
    if (!(candidate.reward > options.threshold) || seen.has(candidate.text)) continue;
    seen.add(candidate.text);
    kept.push(candidate);
    if (options.maxPerPrompt !== undefined && kept.length >= options.maxPerPrompt) break;
  }
  return kept;
}

/**
 * One prompt's balance: min(n'/n*, 1) · n'/n with n' the distinct correct responses selected and n
 * the responses selected (0 when nothing is selected).
 * @example promptBalance([{ correct: true }, { correct: false }], 8) // min(1/8, 1) · 1/2 = 0.0625
 */
export function promptBalance(selected: readonly Pick<Candidate, "correct">[], nStar: number): number {
  if (selected.length === 0) return 0;
  const correct = selected.filter((candidate) => candidate.correct).length;
  return Math.min(correct / nStar, 1) * (correct / selected.length);
}

/**
 * The balance score of a configuration: the mean of promptBalance over every prompt. The authors'
 * code averages only over prompts with a selected response and grows the per-prompt cap until the
 * set reaches a target size; here a prompt with nothing selected counts 0, so a threshold cannot
 * win by starving the set (reconstructed).
 */
export function balanceScore(
  prompts: readonly (readonly Candidate[])[],
  options: { threshold: number; nStar?: number; maxPerPrompt?: number | undefined },
): number {
  if (prompts.length === 0) return 0;
  const nStar = options.nStar ?? 8;
  let total = 0;
  for (const candidates of prompts) total += promptBalance(selectAboveThreshold(candidates, options), nStar);
  return total / prompts.length;
}

/** The (temperature, threshold) with the highest balance score; earlier entries win ties. */
export function chooseConfiguration(input: {
  /** The candidates sampled at each temperature, per prompt. */
  byTemperature: readonly { temperature: number; prompts: readonly (readonly Candidate[])[] }[];
  thresholds: readonly number[];
  nStar?: number;
  maxPerPrompt?: number | undefined;
}): {
  temperature: number;
  threshold: number;
  score: number;
  grid: { temperature: number; threshold: number; score: number }[];
} {
  const grid: { temperature: number; threshold: number; score: number }[] = [];
  let best: { temperature: number; threshold: number; score: number } | undefined;
  for (const { temperature, prompts } of input.byTemperature) {
    for (const threshold of input.thresholds) {
      const score = balanceScore(prompts, {
        threshold,
        nStar: input.nStar ?? 8,
        maxPerPrompt: input.maxPerPrompt,
      });
      const entry = { temperature, threshold, score };
      grid.push(entry);
      if (!best || score > best.score) best = entry;
    }
  }
  if (!best) throw new RangeError("B-STaR needs at least one temperature and one threshold");
  return { ...best, grid };
}

/**
 * pass@k from n samples of which c are correct, unbiased: 1 − C(n − c, k) / C(n, k) (Chen et al. 2021).
 * @example passAtK(4, 1, 2) // 0.5
 */
export function passAtK(n: number, correct: number, k: number): number {
  if (k > n) throw new RangeError(`pass@k needs k ≤ n, got k = ${k} with n = ${n}`);
  if (n - correct < k) return 1;
  let fail = 1;
  for (let index = n - correct + 1; index <= n; index++) fail *= 1 - k / index;
  return 1 - fail;
}

/**
 * Area under the ROC curve of the reward separating correct from incorrect responses (ties ½):
 * 1 when every correct response outscores every incorrect one, ½ for a reward that cannot tell.
 * Undefined (NaN) without both kinds.
 */
export function rewardDiscrimination(candidates: readonly Candidate[]): number {
  const correct = candidates.filter((candidate) => candidate.correct).map((candidate) => candidate.reward);
  const wrong = candidates.filter((candidate) => !candidate.correct).map((candidate) => candidate.reward);
  if (correct.length === 0 || wrong.length === 0) return Number.NaN;
  let wins = 0;
  for (const high of correct) for (const low of wrong) wins += high > low ? 1 : high === low ? 0.5 : 0;
  return wins / (correct.length * wrong.length);
}

export interface RoundMonitors {
  /** Mean over prompts of pass@k with k = the samples per prompt (exploration). */
  pass_at_k: number;
  /** Mean over prompts of pass@1 (the sampling policy's accuracy). */
  pass_at_1: number;
  /** Mean over prompts of the distinct correct responses (exploration). */
  distinct_correct: number;
  /** Mean over prompts of whether the highest-reward response is correct (exploitation: reward@k). */
  reward_at_k: number;
  /** AUC of the reward between correct and incorrect responses, pooled over prompts (exploitation; NaN if undefined). */
  reward_auc: number;
}

/** B-STaR's monitors over one round's samples (every prompt with the same number of samples k). */
export function roundMonitors(prompts: readonly (readonly Candidate[])[]): RoundMonitors {
  let passK = 0;
  let passOne = 0;
  let distinct = 0;
  let rewardAt = 0;
  const used = prompts.filter((candidates) => candidates.length > 0);
  for (const candidates of used) {
    const correct = candidates.filter((candidate) => candidate.correct);
    passK += correct.length > 0 ? 1 : 0;
    passOne += correct.length / candidates.length;
    distinct += new Set(correct.map((candidate) => candidate.text)).size;
    const best = candidates.reduce((top, candidate) => (candidate.reward > top.reward ? candidate : top));
    rewardAt += best.correct ? 1 : 0;
  }
  const count = Math.max(1, used.length);
  return {
    pass_at_k: passK / count,
    pass_at_1: passOne / count,
    distinct_correct: distinct / count,
    reward_at_k: rewardAt / count,
    reward_auc: rewardDiscrimination(used.flat()),
  };
}

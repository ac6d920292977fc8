/**
 * DeepSeek-GRM's rule-based training reward for a generated judgment (Liu et al. 2025, SPCT;
 * rm-rl.md §7.1): with n ≥ 2 responses, +1 when the judgment's scores put the ground-truth best
 * response strictly above every other, else −1; with one response, +1 when its score equals the
 * ground-truth rating. The same test, as a boolean, labels judgments for a trained meta RM.
 * @example grmTrainingReward([7, 5, 6], { best: 0 }) // 1
 */
export function grmTrainingReward(
  scores: readonly number[],
  truth: { best: number } | { rating: number },
): 1 | -1 {
  if (scores.length === 0) throw new RangeError("grmTrainingReward needs at least one score");
  if ("rating" in truth) return scores.length === 1 && scores[0] === truth.rating ? 1 : -1;
  const best = scores[truth.best];
  if (best === undefined)
    throw new RangeError(`grmTrainingReward: best index ${truth.best} is not among ${scores.length} scores`);
  if (scores.length < 2) return -1;
  return scores.every((score, index) => index === truth.best || best > score) ? 1 : -1;
}

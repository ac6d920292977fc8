import { type Claim, type Curve, claim, tailMean } from "../results.js";

export type CoverageMethod = "subpo" | "markov_per_step" | "markov_marginal";

/** SubPO must cover at least this much more (relative) than the Markovian per-step policy. */
export const coverageGainRequired = 0.1;

export function submodularClaims(input: {
  curves: readonly Curve[];
  randomCoverage: number;
  greedyCoverage: number;
}): Claim[] {
  const find = (method: CoverageMethod) => {
    const found = input.curves.find((curve) => curve.method === method);
    if (!found) throw new RangeError(`no ${method} curve`);
    return found;
  };
  const subpo = tailMean(find("subpo").points, "gold");
  const perStep = find("markov_per_step");
  const perStepCoverage = tailMean(perStep.points, "gold");
  const perStepProxyStart = perStep.points[0]?.proxy ?? 0;
  const perStepProxyEnd = tailMean(perStep.points, "proxy");
  const markovMarginal = tailMean(find("markov_marginal").points, "gold");
  return [
    claim(
      `Prajapat et al.: the marginal-gain policy gradient (SubPO, history-aware policy) covers more than a Markovian policy trained on the per-step reward (by ≥ ${coverageGainRequired * 100}%, mean coverage over the last quarter of evaluations)`,
      subpo >= (1 + coverageGainRequired) * perStepCoverage,
      {
        subpo_coverage: subpo,
        markov_per_step_coverage: perStepCoverage,
        required_gain: coverageGainRequired,
      },
    ),
    claim(
      "Prajapat et al.: the per-step (additive) reward is optimized without covering — its return rises during training while its coverage stays below SubPO's",
      perStepProxyEnd > perStepProxyStart && perStepCoverage < subpo,
      {
        per_step_return_start: perStepProxyStart,
        per_step_return_end: perStepProxyEnd,
        markov_per_step_coverage: perStepCoverage,
        subpo_coverage: subpo,
      },
    ),
    claim(
      `SubPO learns: it covers at least ${coverageGainRequired * 100}% more than a random walk`,
      subpo >= (1 + coverageGainRequired) * input.randomCoverage,
      {
        subpo_coverage: subpo,
        random_walk_coverage: input.randomCoverage,
        myopic_greedy_coverage: input.greedyCoverage,
      },
    ),
    claim(
      "Prajapat et al.: a history-aware policy matters — SubPO covers more than a Markovian policy trained on the same marginal gains",
      subpo > markovMarginal,
      { subpo_coverage: subpo, markov_marginal_coverage: markovMarginal },
    ),
  ];
}

import { bestOfNKl } from "../../select/index.js";
import { type Claim, type Curve, type CurvePoint, claim, goldPeak, lastPoint } from "../results.js";
import type { CurveFit } from "./overoptimization.js";

/** How much gold must fall from its peak to count as over-optimization (in base-policy std units). */
export const goldDropThreshold = 0.1;
/** How much more gold a method must keep to count as better (std units). */
export const improvementThreshold = 0.05;
/** R² a functional-form fit needs to count as a good fit. */
export const fitThreshold = 0.9;
/**
 * Share of log n − (n − 1)/n a best-of-n point's exact KL must keep to count as in the continuous
 * regime of Gao's and Coste's best-of-n (where a finite candidate set behaves like an unbounded
 * response space). Past it (n ≳ 10^3 here) the KL saturates at −log π_base(top) and every method
 * converges on its own top-scored candidate among 512, so the finite set, not the method, decides
 * (docs/lab.md, issue 27). Gao's best-of-n fit and the method comparisons under best-of-n use the
 * points inside it; the over-optimization claim uses every n.
 */
export const continuousKlShare = 0.9;

/** Whether a best-of-n point is in the continuous regime (its exact KL near the formula's). */
export function inContinuousRegime(point: CurvePoint): boolean {
  return point.n === undefined || point.kl >= continuousKlShare * bestOfNKl(point.n);
}

/** The papers' claims, decided on this run's numbers. */
export function overoptimizationClaims(input: {
  curves: readonly Curve[];
  fits: readonly CurveFit[];
}): Claim[] {
  const curve = (method: string, optimizer: string) => {
    const found = input.curves.find((item) => item.method === method && item.optimizer === optimizer);
    if (!found) throw new RangeError(`no ${method} ${optimizer} curve`);
    return found.points;
  };
  const fitOf = (method: string, optimizer: string) =>
    input.fits.find((item) => item.method === method && item.optimizer === optimizer);
  const claims: Claim[] = [];

  const single = curve("single", "policy_gradient");
  const singlePeak = goldPeak(single);
  const singleFinal = lastPoint(single);
  claims.push(
    claim(
      "Gao et al.: optimizing a single proxy RM with policy gradient, the proxy keeps rising while the gold reward peaks and then falls",
      singleFinal.proxy > singlePeak.proxy && singlePeak.gold - singleFinal.gold >= goldDropThreshold,
      {
        gold_peak: singlePeak.gold,
        sqrt_kl_at_peak: Math.sqrt(singlePeak.kl),
        gold_final: singleFinal.gold,
        proxy_at_peak: singlePeak.proxy,
        proxy_final: singleFinal.proxy,
        required_drop: goldDropThreshold,
      },
    ),
  );

  const bonSingle = curve("single", "best_of_n");
  const bonFirst = bonSingle[1] ?? bonSingle[0];
  const bonLast = lastPoint(bonSingle);
  const gapFirst = (bonFirst?.proxy ?? 0) - (bonFirst?.gold ?? 0);
  const gapLast = bonLast.proxy - bonLast.gold;
  claims.push(
    claim(
      "Gao et al.: under best-of-n the gold reward falls behind a single proxy as n grows (the proxy–gold gap widens)",
      gapLast - gapFirst >= goldDropThreshold,
      {
        gap_at_n2: gapFirst,
        gap_at_max_n: gapLast,
        max_n: bonLast.n ?? 0,
        required_widening: goldDropThreshold,
      },
    ),
  );
  const bonPeak = goldPeak(bonSingle);
  claims.push(
    claim(
      "Gao et al.: best-of-n against a single proxy also over-optimizes within the n tried (gold peaks before the largest n)",
      bonPeak.gold - bonLast.gold >= goldDropThreshold,
      {
        gold_peak: bonPeak.gold,
        n_at_peak: bonPeak.n ?? 0,
        gold_at_max_n: bonLast.gold,
        required_drop: goldDropThreshold,
      },
    ),
  );

  for (const [optimizer, form] of [
    ["best_of_n", "d(α − βd)"],
    ["policy_gradient", "d(α − β log d)"],
  ] as const) {
    const singleFit = fitOf("single", optimizer);
    claims.push(
      claim(
        `Gao et al.: the single-RM ${optimizer === "best_of_n" ? "best-of-n" : "policy-gradient"} gold curve follows ${form} (R² ≥ ${fitThreshold})`,
        (singleFit?.r2 ?? 0) >= fitThreshold,
        {
          r2: singleFit?.r2 ?? Number.NaN,
          alpha: singleFit?.alpha ?? Number.NaN,
          beta: singleFit?.beta ?? Number.NaN,
          required_r2: fitThreshold,
        },
      ),
    );
  }

  const bonGoldAtMax = (method: string) => lastPoint(curve(method, "best_of_n")).gold;
  // The method comparisons read gold at the largest n of the continuous regime (of the single RM).
  // (Every best-of-n curve is evaluated at the same n's, so one index picks the same n in each.)
  const compareIndex = Math.max(0, bonSingle.findLastIndex(inContinuousRegime));
  const compareAt = bonSingle[compareIndex] as CurvePoint;
  const compareN = compareAt.n ?? Number.NaN;
  const bonGoldAt = (method: string) => curve(method, "best_of_n")[compareIndex]?.gold ?? Number.NaN;
  claims.push(
    claim(
      "Coste et al.: under best-of-n, the WCO (min) and UWO ensembles reach more gold than a single RM at the largest n of the continuous regime",
      bonGoldAt("wco_min") - compareAt.gold >= improvementThreshold &&
        bonGoldAt("uwo") - compareAt.gold >= improvementThreshold,
      {
        n: compareN,
        single: compareAt.gold,
        wco_min: bonGoldAt("wco_min"),
        uwo: bonGoldAt("uwo"),
        mean: bonGoldAt("mean"),
        required_gain: improvementThreshold,
        max_n: bonLast.n ?? 0,
        single_at_max_n: bonLast.gold,
        wco_min_at_max_n: bonGoldAtMax("wco_min"),
        uwo_at_max_n: bonGoldAtMax("uwo"),
      },
    ),
  );

  const finalGold = (method: string) => lastPoint(curve(method, "policy_gradient")).gold;
  claims.push(
    claim(
      "Coste et al.: under policy gradient, WCO and UWO end with more gold than a single RM (ensembles mitigate over-optimization)",
      finalGold("wco_min") - singleFinal.gold >= improvementThreshold &&
        finalGold("uwo") - singleFinal.gold >= improvementThreshold,
      {
        single: singleFinal.gold,
        wco_min: finalGold("wco_min"),
        uwo: finalGold("uwo"),
        mean: finalGold("mean"),
        required_gain: improvementThreshold,
      },
    ),
  );

  const meanCurve = curve("mean", "policy_gradient");
  const meanPeak = goldPeak(meanCurve);
  claims.push(
    claim(
      "Eisenstein et al.: ensembles mitigate but do not eliminate hacking — the mean ensemble's gold still falls after its peak under policy gradient",
      meanPeak.gold - lastPoint(meanCurve).gold >= goldDropThreshold,
      { gold_peak: meanPeak.gold, gold_final: lastPoint(meanCurve).gold, required_drop: goldDropThreshold },
    ),
  );
  claims.push(
    claim(
      "Eisenstein et al.: an ensemble of separately pretrained RMs beats ensembles whose members share a pretrained backbone (best-of-n gold at the largest n of the continuous regime; one fine-tune-seed ensemble per backbone, averaged)",
      bonGoldAt("mean") - bonGoldAt("shared_backbone") >= improvementThreshold,
      {
        n: compareN,
        separately_pretrained: bonGoldAt("mean"),
        shared_backbone: bonGoldAt("shared_backbone"),
        single: compareAt.gold,
        required_gain: improvementThreshold,
        max_n: bonLast.n ?? 0,
        separately_pretrained_at_max_n: bonGoldAtMax("mean"),
        shared_backbone_at_max_n: bonGoldAtMax("shared_backbone"),
      },
    ),
  );

  claims.push(
    claim(
      "Fu et al.: PAR-shaped policy gradient ends with more gold than the raw proxy at the same steps and KL coefficient",
      finalGold("par") - singleFinal.gold >= improvementThreshold,
      {
        par: finalGold("par"),
        raw_proxy: singleFinal.gold,
        par_sqrt_kl: Math.sqrt(lastPoint(curve("par", "policy_gradient")).kl),
        raw_sqrt_kl: Math.sqrt(singleFinal.kl),
        required_gain: improvementThreshold,
      },
    ),
  );
  return claims;
}

import { type Claim, type CurvePoint, claim } from "../results.js";
import type { ModeMetrics } from "../worlds/mode-world.js";

/** A method's evaluations after training started, read three ways. */
export interface MethodSummary {
  method: string;
  /** At the last evaluation. */
  end: ModeMetrics & { kl: number };
  /** The highest preferred on-mode share seen during training. */
  peakPreferred: number;
  /** Means over every evaluation after training started. */
  mean: ModeMetrics & { kl: number };
}

export function summarizeRun(method: string, points: readonly (CurvePoint & ModeMetrics)[]): MethodSummary {
  const pick = (point: CurvePoint & ModeMetrics) => ({
    preferredOnMode: point.preferredOnMode,
    offManifold: point.offManifold,
    ruleMean: point.ruleMean,
    beyond: point.beyond,
    kl: point.kl,
  });
  const mean = (key: keyof ReturnType<typeof pick>) =>
    points.reduce((sum, point) => sum + pick(point)[key], 0) / points.length;
  return {
    method,
    end: pick(points.at(-1) as CurvePoint & ModeMetrics),
    peakPreferred: Math.max(...points.map((point) => point.preferredOnMode)),
    mean: {
      preferredOnMode: mean("preferredOnMode"),
      offManifold: mean("offManifold"),
      ruleMean: mean("ruleMean"),
      beyond: mean("beyond"),
      kl: mean("kl"),
    },
  };
}

export const moveThreshold = 0.1;
export const hackThreshold = 0.05;
export const uncertaintyThreshold = 0.02;

export function diffusionClaims(input: {
  base: ModeMetrics;
  summaries: readonly MethodSummary[];
  betas: readonly number[];
}): Claim[] {
  const find = (method: string) => {
    const found = input.summaries.find((entry) => entry.method === method);
    if (!found) throw new RangeError(`no summary for ${method}`);
    return found;
  };
  const [strongBeta, weakBeta] = input.betas as [number, number];
  const strong = find(`flow_dpo_beta_${strongBeta}`);
  const weak = find(`flow_dpo_beta_${weakBeta}`);
  const d3po = find("d3po");
  const rwr = find("flow_rwr");
  const overconfident = find("rwr_overconfident");
  const ctrlU = find("ctrl_u_rwr");
  const dragon = find("dragon");
  const base = input.base.preferredOnMode;
  return [
    claim(
      `Yang et al. (D3PO): preferences over denoising trajectories, no reward model, move mass to the preferred modes (peak on-mode preferred share ≥ base + ${moveThreshold})`,
      d3po.peakPreferred - base >= moveThreshold,
      {
        base,
        peak: d3po.peakPreferred,
        end: d3po.end.preferredOnMode,
        kl_end: d3po.end.kl,
        required_gain: moveThreshold,
      },
    ),
    claim(
      `Liu et al. (Flow-DPO, β = ${strongBeta}): offline preference pairs move mass to the preferred modes (peak ≥ base + ${moveThreshold})`,
      strong.peakPreferred - base >= moveThreshold,
      { base, peak: strong.peakPreferred, end: strong.end.preferredOnMode, required_gain: moveThreshold },
    ),
    claim(
      `Liu et al. (Flow-RWR): reward-weighted regression on base samples moves mass to the preferred modes (end ≥ base + ${moveThreshold})`,
      rwr.end.preferredOnMode - base >= moveThreshold,
      { base, end: rwr.end.preferredOnMode, kl_end: rwr.end.kl, required_gain: moveThreshold },
    ),
    claim(
      "KL-regularized alignment: the weaker anchor (smaller Flow-DPO β) ends further from the base model (larger path KL)",
      weak.end.kl > strong.end.kl,
      {
        kl_strong_beta: strong.end.kl,
        kl_weak_beta: weak.end.kl,
        strong_beta: strongBeta,
        weak_beta: weakBeta,
      },
    ),
    claim(
      `Reward hacking: with the weak anchor the rule's score ends higher but more mass has left the data (off-manifold share ≥ ${hackThreshold} above the strong anchor's)`,
      weak.end.ruleMean > strong.end.ruleMean &&
        weak.end.offManifold - strong.end.offManifold >= hackThreshold,
      {
        rule_strong: strong.end.ruleMean,
        rule_weak: weak.end.ruleMean,
        off_strong: strong.end.offManifold,
        off_weak: weak.end.offManifold,
        required: hackThreshold,
      },
    ),
    claim(
      `Ctrl-U: shaping an over-confident reward model's reward by its disagreement between two generations (r·e^−U − 0.1U) keeps RWR closer to the data (mean off-manifold share over training ≥ ${uncertaintyThreshold} lower, less mass beyond the modes)`,
      overconfident.mean.offManifold - ctrlU.mean.offManifold >= uncertaintyThreshold &&
        ctrlU.mean.beyond < overconfident.mean.beyond,
      {
        off_rwr: overconfident.mean.offManifold,
        off_ctrl_u: ctrlU.mean.offManifold,
        beyond_rwr: overconfident.mean.beyond,
        beyond_ctrl_u: ctrlU.mean.beyond,
        kl_rwr: overconfident.mean.kl,
        kl_ctrl_u: ctrlU.mean.kl,
        required: uncertaintyThreshold,
      },
    ),
    claim(
      `DRAGON: a distribution-to-distribution reward against exemplars of the preferred modes moves mass there (end ≥ base + ${moveThreshold}) without pushing it past them, where the rule is hacked (share beyond the modes at most ${uncertaintyThreshold} above the base)`,
      dragon.end.preferredOnMode - base >= moveThreshold &&
        dragon.end.beyond - input.base.beyond <= uncertaintyThreshold,
      {
        base,
        end: dragon.end.preferredOnMode,
        beyond_base: input.base.beyond,
        beyond_dragon: dragon.end.beyond,
        beyond_d3po: d3po.end.beyond,
        beyond_flow_dpo_weak: weak.end.beyond,
        off_dragon: dragon.end.offManifold,
        required_gain: moveThreshold,
      },
    ),
  ];
}

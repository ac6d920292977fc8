import { type Claim, type Curve, claim, lastPoint } from "../results.js";

/** Float64 rounding of Δ = (r1 + c) − (r2 + c) is ~1e-15; a real change of the curve is orders larger. */
export const invarianceTolerance = 1e-6;
/** A move of PPO's curve that counts: 0.05 reward units (the reward's std is 1). */
export const shiftEffect = 0.05;
/** Learning that counts: 0.3 reward units above the base policy. */
export const learningGain = 0.3;
/** "Matches" on the reward-KL frontier: within 0.02 reward units at the same KL. */
export const matchTolerance = 0.02;

const largestGap = (first: Curve | undefined, second: Curve | undefined, key: "gold" | "kl") =>
  (first?.points ?? []).reduce(
    (largest, point, at) =>
      Math.max(largest, Math.abs(point[key] - (second?.points[at]?.[key] ?? Number.NaN))),
    first && second && first.points.length === second.points.length ? 0 : Number.NaN,
  );

/**
 * The reward a curve has when its KL first reaches `kl` (linear between the two points around it):
 * the reward-KL frontier read at one KL, how Wu et al. compare methods. NaN if it never gets there.
 */
export function goldAtKl(curve: Curve | undefined, kl: number): number {
  const points = curve?.points ?? [];
  for (let at = 1; at < points.length; at++) {
    const before = points[at - 1] as Curve["points"][number];
    const after = points[at] as Curve["points"][number];
    if (after.kl >= kl && before.kl <= kl) {
      const span = after.kl - before.kl;
      return span === 0 ? after.gold : before.gold + ((kl - before.kl) / span) * (after.gold - before.gold);
    }
  }
  return Number.NaN;
}

/** The claims of Wu et al. (P3O) as the pairwise-ppo run tests them. */
export function pairwisePpoClaims(input: { curves: readonly Curve[]; klCoefficient: number }): Claim[] {
  const curve = (method: string) => input.curves.find((entry) => entry.method === method);
  const end = (method: string) => {
    const points = curve(method)?.points ?? [];
    return points.length > 0 ? lastPoint(points) : { gold: Number.NaN, kl: Number.NaN };
  };
  const p3oGap = Math.max(
    largestGap(curve("p3o_joint"), curve("p3o_joint_shifted"), "gold"),
    largestGap(curve("p3o_joint"), curve("p3o_joint_shifted"), "kl"),
    largestGap(curve("p3o_separate"), curve("p3o_separate_shifted"), "gold"),
    largestGap(curve("p3o_separate"), curve("p3o_separate_shifted"), "kl"),
  );
  const ppoGap = largestGap(curve("ppo_value"), curve("ppo_value_shifted"), "gold");
  // Both curves are read at the KL the less-moved of the two reached at the end.
  const frontier = (p3o: string, ppo: string) => {
    const kl = Math.min(end(p3o).kl, end(ppo).kl);
    return { kl, p3o: goldAtKl(curve(p3o), kl), ppo: goldAtKl(curve(ppo), kl) };
  };
  const joint = frontier("p3o_joint", "ppo_value");
  const separate = frontier("p3o_separate", "ppo_value");
  const shiftedJoint = frontier("p3o_joint", "ppo_value_shifted");
  return [
    claim(
      "Wu et al.: P3O is invariant to a reward shift that depends only on the prompt (both clip variants follow the same reward and KL curve with and without c(x))",
      p3oGap <= invarianceTolerance,
      { largest_curve_gap: p3oGap, tolerance: invarianceTolerance },
    ),
    claim(
      "Wu et al.: PPO with a learned value baseline is not — the same per-prompt shift moves its reward curve",
      ppoGap >= shiftEffect,
      { largest_gold_gap: ppoGap, required: shiftEffect },
    ),
    claim(
      "P3O learns: both clip variants end with more reward than the base policy",
      Math.min(end("p3o_joint").gold, end("p3o_separate").gold) >= learningGain,
      {
        p3o_joint_gain: end("p3o_joint").gold,
        p3o_separate_gain: end("p3o_separate").gold,
        required: learningGain,
      },
    ),
    claim(
      "Wu et al.: P3O matches or beats PPO on the reward-KL trade-off (reward at the same KL, both clip variants, original rewards)",
      joint.p3o >= joint.ppo - matchTolerance && separate.p3o >= separate.ppo - matchTolerance,
      {
        kl_joint: joint.kl,
        p3o_joint: joint.p3o,
        ppo_value_at_joint_kl: joint.ppo,
        kl_separate: separate.kl,
        p3o_separate: separate.p3o,
        ppo_value_at_separate_kl: separate.ppo,
        tolerance: matchTolerance,
      },
    ),
    claim(
      "With the per-prompt shift P3O (joint clip) matches or beats PPO at the same KL",
      shiftedJoint.p3o >= shiftedJoint.ppo - matchTolerance,
      {
        kl: shiftedJoint.kl,
        p3o_joint: shiftedJoint.p3o,
        ppo_value_shifted: shiftedJoint.ppo,
        tolerance: matchTolerance,
      },
    ),
  ];
}

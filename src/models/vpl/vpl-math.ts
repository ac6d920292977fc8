import { sigmoid } from "../../core/index.js";

/**
 * KL(q(z|context) ‖ N(0, I)) of one or more users' (mean, log-variance) rows. `code` is what
 * `WEIRDLabUW/vpl_llm` hidden_context/vae_utils.py computes, −Σ(1 + logvar − μ² − e^logvar) summed
 * over users and dimensions without the ½ (the default: the authors' code); `standard` is the
 * textbook −½Σ_d(...) averaged over users (the methods notes' form).
 */
export function vplKl(
  users: ReadonlyArray<{ mean: ArrayLike<number>; logVariance: ArrayLike<number> }>,
  form: "code" | "standard" = "code",
): number {
  let total = 0;
  for (const user of users) {
    let sum = 0;
    for (let dimension = 0; dimension < user.mean.length; dimension++) {
      const mean = user.mean[dimension] as number;
      const logVariance = user.logVariance[dimension] as number;
      sum += 1 + logVariance - mean * mean - Math.exp(logVariance);
    }
    total += form === "code" ? -sum : -0.5 * sum;
  }
  return form === "code" ? total : total / Math.max(1, users.length);
}

/**
 * The KL weight's cosine annealing (vae_utils.py `Annealer`, shape cosine, baseline b, period T,
 * cyclical): y = (cos(π(step/T − 1)) + 1)/2, slope = y(1 − b) + b; the step restarts at 0 after T.
 */
export function annealSlope(
  step: number,
  options: { period?: number; baseline?: number; cyclical?: boolean } = {},
): number {
  const period = options.period ?? 1e4;
  const baseline = options.baseline ?? 0.1;
  const position = options.cyclical === false ? Math.min(step, period) : step > period ? step % period : step;
  const y = (Math.cos(Math.PI * (position / period - 1)) + 1) / 2;
  return y * (1 - baseline) + baseline;
}

/** z scaled onto the sphere of radius √Z (F.normalize(z) · √Z). */
export function projectToSphere(z: ArrayLike<number>): Float64Array {
  const norm = Math.max(Math.hypot(...Array.from(z)), 1e-12);
  const radius = Math.sqrt(z.length);
  return Float64Array.from(z, (value) => (value / norm) * radius);
}

/**
 * VPL-SPO's reward scaling for RL (§2.3): r̃(s, z) = mean over a comparison set of
 * p(s ≻ s′ | z) = σ(r(s, z) − r(s′, z)), in [0, 1], so users' scales agree.
 */
export function scaledReward(reward: number, comparisonRewards: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < comparisonRewards.length; index++)
    total += sigmoid(reward - (comparisonRewards[index] as number));
  return total / comparisonRewards.length;
}

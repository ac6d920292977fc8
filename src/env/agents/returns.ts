/**
 * Discounted returns-to-go G_t = r_t + γ G_{t+1} of one episode, G_T = `bootstrap` (0 for a
 * terminated episode; a value estimate of the last observation for a truncated one).
 */
export function discountedReturns(rewards: readonly number[], discount: number, bootstrap = 0): Float64Array {
  const out = new Float64Array(rewards.length);
  let running = bootstrap;
  for (let index = rewards.length - 1; index >= 0; index--) {
    running = (rewards[index] as number) + discount * running;
    out[index] = running;
  }
  return out;
}

/**
 * Generalized advantage estimation (Schulman et al. 2016, eq. 16) over a buffer that may span
 * several episodes: δ_t = r_t + γ (1 − terminated_t) V(s'_t) − V(s_t) and
 * A_t = δ_t + γλ (1 − ended_t) A_{t+1}, where `ended` marks an episode's last step (terminated or
 * truncated). A truncated step still bootstraps from V(s'_t); the buffer's last step has A_{t+1} = 0.
 */
export function generalizedAdvantages(options: {
  rewards: ArrayLike<number>;
  values: ArrayLike<number>;
  nextValues: ArrayLike<number>;
  terminated: ArrayLike<boolean>;
  ended: ArrayLike<boolean>;
  discount: number;
  lambda: number;
}): Float64Array {
  const { rewards, values, nextValues, terminated, ended, discount, lambda } = options;
  const out = new Float64Array(rewards.length);
  let next = 0;
  for (let index = rewards.length - 1; index >= 0; index--) {
    const bootstrap = terminated[index] ? 0 : discount * (nextValues[index] as number);
    const delta = (rewards[index] as number) + bootstrap - (values[index] as number);
    next = delta + (ended[index] ? 0 : discount * lambda * next);
    out[index] = next;
  }
  return out;
}

/** (x − mean) / (std + 1e-8), with the unbiased std as torch's `.std()` (PPO's advantage normalization). */
export function standardizeAdvantages(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2) return new Float64Array(n);
  let mean = 0;
  for (const value of values) mean += value / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  return values.map((value) => (value - mean) / (std + 1e-8));
}

import type { LabRandom } from "../random.js";

/**
 * A tabular softmax policy π(a|s) ∝ exp θ[s, a] and its exact REINFORCE gradients, for the bi-level
 * (BARFI) and meta-gradient experiments, which need ∇_θ of several rewards on the same episodes.
 */
export class TabularPolicy {
  readonly theta: Float64Array;

  constructor(
    readonly states: number,
    readonly actions: number,
  ) {
    this.theta = new Float64Array(states * actions);
  }

  probabilities(state: number): Float64Array {
    const out = new Float64Array(this.actions);
    let max = Number.NEGATIVE_INFINITY;
    for (let action = 0; action < this.actions; action++) {
      max = Math.max(max, this.theta[state * this.actions + action] as number);
    }
    let total = 0;
    for (let action = 0; action < this.actions; action++) {
      const value = Math.exp((this.theta[state * this.actions + action] as number) - max);
      out[action] = value;
      total += value;
    }
    for (let action = 0; action < this.actions; action++) out[action] = (out[action] as number) / total;
    return out;
  }

  sample(state: number, random: LabRandom): number {
    return random.categorical(this.probabilities(state));
  }

  /** θ ← θ + step · direction. */
  ascend(direction: ArrayLike<number>, step: number): void {
    for (let index = 0; index < this.theta.length; index++) {
      this.theta[index] = (this.theta[index] as number) + step * (direction[index] as number);
    }
  }
}

/** One episode as a learner saw it: states, actions and one reward sequence per reward channel. */
export interface TabularEpisode {
  states: number[];
  actions: number[];
  /** rewards[channel][t]. */
  rewards: number[][];
}

/**
 * The REINFORCE gradient of one reward channel over a batch of episodes:
 * (1/N) Σ_episodes Σ_t ∇_θ log π(a_t|s_t) (G_t − b_t), with G_t the discounted reward-to-go and b_t
 * the batch's mean G at step t (a time-dependent baseline). ∇_θ log π(a|s) = e_a − π(·|s) on row s.
 */
export function reinforceGradient(
  policy: TabularPolicy,
  episodes: readonly TabularEpisode[],
  options: { channel: number; gamma: number },
): Float64Array {
  const gradient = new Float64Array(policy.theta.length);
  const returns = episodes.map((episode) => {
    const rewards = episode.rewards[options.channel] as number[];
    const out = new Array<number>(rewards.length);
    let total = 0;
    for (let t = rewards.length - 1; t >= 0; t--) {
      total = (rewards[t] as number) + options.gamma * total;
      out[t] = total;
    }
    return out;
  });
  const longest = Math.max(0, ...returns.map((values) => values.length));
  const baseline = new Float64Array(longest);
  const counts = new Float64Array(longest);
  for (const values of returns) {
    values.forEach((value, t) => {
      baseline[t] = (baseline[t] as number) + value;
      counts[t] = (counts[t] as number) + 1;
    });
  }
  for (let t = 0; t < longest; t++) baseline[t] = (baseline[t] as number) / Math.max(1, counts[t] as number);
  episodes.forEach((episode, index) => {
    const values = returns[index] as number[];
    episode.states.forEach((state, t) => {
      const advantage = ((values[t] as number) - (baseline[t] as number)) / episodes.length;
      if (advantage === 0) return;
      const probabilities = policy.probabilities(state);
      const offset = state * policy.actions;
      for (let action = 0; action < policy.actions; action++) {
        const indicator = action === episode.actions[t] ? 1 : 0;
        gradient[offset + action] =
          (gradient[offset + action] as number) + (indicator - (probabilities[action] as number)) * advantage;
      }
    });
  });
  return gradient;
}

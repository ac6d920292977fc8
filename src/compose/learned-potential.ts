/**
 * A potential learned from the trajectories a run has seen: Φ(s) ≈ V(s), the discounted outcome
 * still to come from s (rm-rl.md §18: "good default potential: Φ = V* estimate"). A tabular estimate
 * keyed by the step's state, updated by every-visit Monte Carlo or TD(0) (Sutton & Barto §5.1, §6.1).
 * Shaping with it keeps the optimal policy (it is still a potential) and turns an outcome reward into
 * dense per-step credit F_t = γΦ(s_{t+1}) − Φ(s_t).
 */

export interface PotentialLearning {
  /** α of V(s) ← V(s) + α (target − V(s)). */
  learningRate: number;
  /** monte_carlo: target γ^{T−1−t}·outcome; td: γ·V(s_{t+1}), the outcome at the last step. */
  target: "monte_carlo" | "td";
  gamma: number;
  /** V of a state never seen. */
  initial: number;
}

/** One trajectory as the learner sees it: the key of each step's state and the outcome after the last. */
export interface PotentialEpisode {
  keys: readonly string[];
  outcome: number;
}

/** Φ of each state key (unseen keys get `initial`). */
export function readPotentials(
  values: Readonly<Record<string, number>>,
  keys: readonly string[],
  initial: number,
): number[] {
  return keys.map((key) => values[key] ?? initial);
}

/**
 * The table after learning from `episodes` (in order); pure, so it can run inside a state store's
 * atomic update. Each episode's TD targets read the table as it was before that episode.
 * @example
 * updatePotentials({}, [{ keys: ["a", "b"], outcome: 1 }], { learningRate: 1, target: "monte_carlo", gamma: 0.9, initial: 0 })
 * // { a: 0.9, b: 1 }
 */
export function updatePotentials(
  values: Readonly<Record<string, number>>,
  episodes: readonly PotentialEpisode[],
  options: PotentialLearning,
): Record<string, number> {
  const table: Record<string, number> = { ...values };
  for (const { keys, outcome } of episodes) {
    const last = keys.length - 1;
    const before = readPotentials(table, keys, options.initial);
    keys.forEach((key, step) => {
      const target =
        options.target === "monte_carlo"
          ? options.gamma ** (last - step) * outcome
          : step === last
            ? outcome
            : options.gamma * (before[step + 1] as number);
      const current = table[key] ?? options.initial;
      table[key] = current + options.learningRate * (target - current);
    });
  }
  return table;
}

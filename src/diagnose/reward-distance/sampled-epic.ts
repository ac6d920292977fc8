import { pearsonDistance, weightedPearson } from "./epic.js";

/** One transition (s, a, s') of any state and action type. */
export interface Transition<State, Action> {
  state: State;
  action: Action;
  nextState: State;
}

/** A reward over a batch of transitions (a spec scoring rows, a model, a table lookup...). */
export type TransitionReward<State, Action> = (
  transitions: readonly Transition<State, Action>[],
) => ArrayLike<number> | Promise<ArrayLike<number>>;

export interface SampledEpicOptions<State, Action> {
  /** Transitions drawn from the coverage distribution D: where the rewards are compared. */
  coverage: readonly Transition<State, Action>[];
  /** Draws from D_S (the S and S' of the canonicalization). */
  states: readonly State[];
  /** Draws from D_A, paired in order with `states` to estimate E_{A,S'}[R(x, A, S')]. */
  actions: readonly Action[];
  gamma: number;
  /** Identifies equal states so each state's expectation is estimated once (default JSON). */
  stateKey?: (state: State) => string;
}

/**
 * EPIC's canonical reward estimated from samples (Gleave et al. 2020, their sample-based estimator;
 * rm-rl.md §15.1): C(R)(s,a,s') ≈ R(s,a,s') + γ·m̂(s') − m̂(s) − γ·M̂, with
 * m̂(x) = mean_j R(x, A_j, S'_j) over the paired draws (A_j, S'_j) and M̂ the mean of m̂ over the
 * state draws. With γ = 0 (a contextual bandit: one action, then the episode ends) only
 * R(s, a) − m̂(s) remains. The reward is asked once for every coverage transition and once for every
 * (distinct state × draw).
 */
export async function sampledEpicCanonical<State, Action>(
  reward: TransitionReward<State, Action>,
  options: SampledEpicOptions<State, Action>,
): Promise<Float64Array> {
  const draws = Math.min(options.states.length, options.actions.length);
  if (draws === 0) throw new RangeError("sampled EPIC needs at least one state and one action draw");
  const key = options.stateKey ?? ((state: State) => JSON.stringify(state));
  const distinct = new Map<string, State>();
  const remember = (state: State) => {
    const name = key(state);
    if (!distinct.has(name)) distinct.set(name, state);
  };
  for (const transition of options.coverage) {
    remember(transition.state);
    if (options.gamma !== 0) remember(transition.nextState);
  }
  if (options.gamma !== 0) for (const state of options.states) remember(state);
  const names = [...distinct.keys()];
  const batch: Transition<State, Action>[] = [...options.coverage];
  for (const name of names) {
    const state = distinct.get(name) as State;
    for (let draw = 0; draw < draws; draw++) {
      batch.push({
        state,
        action: options.actions[draw] as Action,
        nextState: options.states[draw] as State,
      });
    }
  }
  const values = await reward(batch);
  if (values.length !== batch.length) {
    throw new RangeError(`the reward returned ${values.length} values for ${batch.length} transitions`);
  }
  // Rewards that could not be computed (NaN) are left out of a state's mean; a state with none
  // left has no canonical value (NaN), and neither do coverage transitions that were NaN.
  const mean = new Map<string, number>();
  names.forEach((name, position) => {
    let total = 0;
    let count = 0;
    const start = options.coverage.length + position * draws;
    for (let draw = 0; draw < draws; draw++) {
      const value = values[start + draw] as number;
      if (Number.isFinite(value)) {
        total += value;
        count++;
      }
    }
    mean.set(name, count > 0 ? total / count : Number.NaN);
  });
  let overall = 0;
  if (options.gamma !== 0) {
    for (const state of options.states) overall += mean.get(key(state)) as number;
    overall /= options.states.length;
  }
  return Float64Array.from(options.coverage, (transition, index) => {
    const next = options.gamma === 0 ? 0 : (mean.get(key(transition.nextState)) as number);
    return (
      (values[index] as number) +
      options.gamma * next -
      (mean.get(key(transition.state)) as number) -
      options.gamma * overall
    );
  });
}

/**
 * D_EPIC from samples: the Pearson distance of both rewards' sampled canonical forms over the
 * coverage transitions where both are defined (`used` of them).
 */
export async function sampledEpicDistance<State, Action>(
  rewardA: TransitionReward<State, Action>,
  rewardB: TransitionReward<State, Action>,
  options: SampledEpicOptions<State, Action>,
): Promise<{ distance: number; correlation: number; used: number }> {
  const [a, b] = await Promise.all([
    sampledEpicCanonical(rewardA, options),
    sampledEpicCanonical(rewardB, options),
  ]);
  const usable = Array.from(a.keys()).filter(
    (index) => Number.isFinite(a[index] as number) && Number.isFinite(b[index] as number),
  );
  const correlation = weightedPearson(
    usable.map((index) => a[index] as number),
    usable.map((index) => b[index] as number),
  );
  return { distance: pearsonDistance(correlation), correlation, used: usable.length };
}

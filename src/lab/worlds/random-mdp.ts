import type { TabularMdp, TabularReward } from "../../diagnose/index.js";
import type { LabRandom } from "../random.js";

/**
 * A random finite MDP as STARC's experiments use them (Skalse et al. 2023, §6; sizes reconstructed):
 * every (s, a) moves to `branching` distinct next states with Dirichlet(1) probabilities.
 */
export function randomMdp(input: {
  states: number;
  actions: number;
  branching: number;
  gamma: number;
  random: LabRandom;
}): TabularMdp {
  const { states, actions, random } = input;
  const transitions = new Float64Array(states * actions * states);
  const branching = Math.min(input.branching, states);
  for (let sa = 0; sa < states * actions; sa++) {
    const order = Array.from({ length: states }, (_, index) => index);
    for (let index = states - 1; index > 0; index--) {
      const swap = random.int(index + 1);
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    // Dirichlet(1, ..., 1): normalized standard exponentials.
    const weights = order.slice(0, branching).map(() => -Math.log(1 - random.next()));
    const total = weights.reduce((sum, value) => sum + value, 0);
    order.slice(0, branching).forEach((next, at) => {
      transitions[sa * states + next] = (weights[at] as number) / total;
    });
  }
  return { states, actions, transitions, gamma: input.gamma };
}

/** R(s, a, s') with independent standard normal entries. */
export function randomReward(mdp: Pick<TabularMdp, "states" | "actions">, random: LabRandom): TabularReward {
  return Float64Array.from({ length: mdp.states * mdp.actions * mdp.states }, () => random.normal());
}

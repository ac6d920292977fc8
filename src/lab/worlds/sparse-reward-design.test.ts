import { describe, expect, it } from "vitest";
import { designedReward, designSparseReward, informativeness } from "./sparse-reward-design.js";
import { greedyActionSet, type TabularMdp, valueIteration } from "./tabular-mdp.js";

/** A corridor 0 → 1 → … → 5; action 0 steps right (reward 1 and the end at state 5), action 1 stays. */
function corridor(length: number): TabularMdp {
  const outcomes = [];
  for (let state = 0; state < length; state++) {
    const terminal = state === length - 1;
    outcomes.push([
      { next: Math.min(state + 1, length - 1), probability: 1, reward: terminal ? 1 : 0, terminal },
    ]);
    outcomes.push([{ next: state, probability: 1, reward: 0, terminal: false }]);
  }
  return { states: length, actions: 2, outcomes, start: 0 };
}

describe("sparse reward design from V* (EXPRD-style, reconstructed)", () => {
  const mdp = corridor(6);
  const gamma = 0.9;
  const expert = valueIteration(mdp, { gamma });
  const optimal = (state: number) => greedyActionSet(expert.q, state, mdp.actions);
  const weight = new Float64Array(6).fill(1);

  it("pays γΦ(s′) − Φ(s) on top of the original reward, Φ(terminal) = 0", () => {
    const potential = [0, 0, 0.5, 0, 0, 0];
    expect(designedReward({ potential, gamma, state: 1, next: 2, reward: 0, terminal: false })).toBeCloseTo(
      0.45,
    );
    expect(designedReward({ potential, gamma, state: 2, next: 3, reward: 0, terminal: false })).toBeCloseTo(
      -0.5,
    );
    expect(designedReward({ potential, gamma, state: 2, next: 2, reward: 0, terminal: false })).toBeCloseTo(
      -0.05,
    );
  });

  it("with a one-step lookahead the original reward teaches only the last state", () => {
    const none = informativeness({ mdp, potential: new Float64Array(6), gamma, horizon: 1, weight, optimal });
    expect(none).toBe(1); // state 5, whose step right ends the episode with reward 1
  });

  it("picks states that make more states informative and keeps the optimal policy", () => {
    const design = designSparseReward({
      mdp,
      optimalValues: expert.values,
      optimal,
      candidates: [0, 1, 2, 3, 4],
      budget: 2,
      gamma,
      horizon: 1,
      weight,
    });
    expect(design.states).toHaveLength(2);
    expect(design.informativeness).toBeGreaterThan(1);
    const planned = valueIteration(mdp, {
      gamma,
      reward: (state, _action, outcome) =>
        designedReward({ potential: design.potential, gamma, state, ...outcome }),
    });
    for (let state = 0; state < 6; state++)
      expect(greedyActionSet(planned.q, state, 2)).toEqual(optimal(state));
  });
});

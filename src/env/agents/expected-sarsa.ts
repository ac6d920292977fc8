import type { Experience } from "./agent.js";
import { defineAgent } from "./agent.js";
import { epsilonGreedyProbabilities } from "./epsilon-greedy.js";
import { TabularAgent, tabularOptions } from "./tabular-agent.js";

/**
 * Expected SARSA (van Seijen et al. 2009; Sutton & Barto eq. 6.9): target r + γ Σ_a π(a|s') Q(s', a)
 * with π the current ε-greedy policy — SARSA's expectation, without its sampling variance.
 */
export class ExpectedSarsaAgent<Observation> extends TabularAgent<Observation> {
  readonly kind = "expected-sarsa";

  observe(experience: Experience<Observation>): void {
    let target = experience.reward;
    if (!experience.terminated) {
      const next = this.values(this.key(experience.nextObservation));
      const policy = epsilonGreedyProbabilities(next, this.epsilon);
      let expected = 0;
      for (let action = 0; action < next.length; action++)
        expected += (policy[action] as number) * (next[action] as number);
      target += this.options.discount * expected;
    }
    this.update(this.key(experience.observation), experience.action, target);
    this.steps++;
  }
}

export const expectedSarsa = defineAgent({
  name: "expected-sarsa",
  summary: "Tabular expected SARSA: bootstraps on the ε-greedy policy's expected next value.",
  source: "Sutton & Barto (2018) §6.6",
  options: tabularOptions,
  create: (setup) => new ExpectedSarsaAgent(setup),
});

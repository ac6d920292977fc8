import type { Experience } from "./agent.js";
import { defineAgent } from "./agent.js";
import { TabularAgent, tabularOptions } from "./tabular-agent.js";

/** Q-learning (Watkins 1989; Sutton & Barto eq. 6.8): target r + γ max_a Q(s', a). Off-policy. */
export class QLearningAgent<Observation> extends TabularAgent<Observation> {
  readonly kind = "q-learning";

  observe(experience: Experience<Observation>): void {
    let target = experience.reward;
    if (!experience.terminated) {
      const next = this.values(this.key(experience.nextObservation));
      target += this.options.discount * Math.max(...next);
    }
    this.update(this.key(experience.observation), experience.action, target);
    this.steps++;
  }
}

export const qLearning = defineAgent({
  name: "q-learning",
  summary: "Tabular Q-learning with ε-greedy exploration: learns the greedy (optimal) policy off-policy.",
  source: "Sutton & Barto (2018) §6.5, Examples 6.5–6.6",
  options: tabularOptions,
  create: (setup) => new QLearningAgent(setup),
});

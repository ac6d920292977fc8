import type { Experience } from "./agent.js";
import { defineAgent } from "./agent.js";
import { epsilonGreedyAction } from "./epsilon-greedy.js";
import { TabularAgent, tabularOptions } from "./tabular-agent.js";

interface Pending {
  key: string;
  action: number;
  reward: number;
  nextKey: string;
}

/**
 * SARSA (Rummery & Niranjan 1994; Sutton & Barto eq. 6.7): target r + γ Q(s', a') with a' the
 * action actually taken next — on-policy, so it learns the value of its own ε-greedy behaviour.
 * The update of step t waits for step t+1's action; at a termination it happens at once, and at a
 * truncation a' is drawn from the ε-greedy policy (the action that would have come next).
 */
export class SarsaAgent<Observation> extends TabularAgent<Observation> {
  readonly kind = "sarsa";
  private pending: Pending | undefined;

  observe(experience: Experience<Observation>): void {
    const key = this.key(experience.observation);
    const nextKey = this.key(experience.nextObservation);
    if (this.pending) {
      // A pending step whose successor is not this step's state belongs to an episode that was left
      // without an end flag; it is settled as a truncation rather than with an unrelated action.
      if (this.pending.nextKey === key) this.settle(this.pending, experience.action);
      else this.settle(this.pending, this.nextAction(this.pending.nextKey));
      this.pending = undefined;
    }
    const current = { key, action: experience.action, reward: experience.reward, nextKey };
    if (experience.terminated) this.update(key, experience.action, experience.reward);
    else if (experience.truncated) this.settle(current, this.nextAction(nextKey));
    else this.pending = current;
    this.steps++;
  }

  private nextAction(key: string): number {
    return epsilonGreedyAction(this.values(key), this.epsilon, this.random);
  }

  private settle(step: Pending, nextAction: number): void {
    const next = this.values(step.nextKey)[nextAction] as number;
    this.update(step.key, step.action, step.reward + this.options.discount * next);
  }
}

export const sarsa = defineAgent({
  name: "sarsa",
  summary:
    "Tabular SARSA: on-policy TD control, learns the value of its ε-greedy behaviour (the safer path).",
  source: "Sutton & Barto (2018) §6.4, Examples 6.5–6.6",
  options: tabularOptions,
  create: (setup) => new SarsaAgent(setup),
});

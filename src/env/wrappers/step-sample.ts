import type { Message, RewardResult, Sample } from "../../core/index.js";
import { actionText } from "../action-text.js";
import type { Environment, Info, Transition } from "../environment.js";

/** What a spec reward sees as the prompt of a step: the observation, or the whole episode so far. */
export type StepPrompt = "observation" | "history";

/**
 * One environment step as a sample, so any spec node can score it (the sample is the step):
 * - `id`: `"<environment>/<episode>/<step>"` (`"<environment>[<i>]/<episode>/<step>"` for sub-environment i
 *   of a vector environment);
 * - `prompt`: the observation's text before the action (`observation`), or with `history` the
 *   episode so far as a chat — each earlier observation a `user` message, each action an `assistant`
 *   message — ending with the current observation;
 * - `completion`: the action as text (`actionText`: a discrete action's label, a text action itself);
 * - `meta`: `environment`, `environment_index` (vector environments), `episode`, `step` (0-based
 *   within the episode), `environment_reward`,
 *   `terminated`, `truncated`, `next_observation` (the text of what the action led to) and `info`
 *   (the environment's info for the step).
 * A rule can then reward the action text (`regex`, `tool_call`), the outcome (`field` on
 * `meta.info.event`, `meta.environment_reward`), or a judge can read prompt and completion.
 */
export function stepSample<Observation, Action>(input: {
  environment: Pick<Environment<Observation, Action>, "id" | "actionSpace" | "observationText">;
  observation: Observation;
  action: Action;
  transition: Transition<Observation>;
  episode: number;
  step: number;
  history?: Message[];
  /** The sub-environment's index in a vector environment. */
  environmentIndex?: number;
}): Sample {
  const { environment, transition } = input;
  const where =
    input.environmentIndex === undefined ? environment.id : `${environment.id}[${input.environmentIndex}]`;
  return {
    id: `${where}/${input.episode}/${input.step}`,
    prompt: input.history ?? environment.observationText(input.observation),
    completion: actionText(environment.actionSpace, input.action),
    meta: {
      environment: environment.id,
      ...(input.environmentIndex === undefined ? {} : { environment_index: input.environmentIndex }),
      episode: input.episode,
      step: input.step,
      environment_reward: transition.reward,
      terminated: transition.terminated,
      truncated: transition.truncated,
      next_observation: environment.observationText(transition.observation),
      info: transition.info,
    },
  };
}

/** How a spec's score becomes the step's reward. */
export interface SpecRewardMix {
  /** `replace`: reward = weight · score; `add`: reward = environment reward + weight · score. */
  mode: "replace" | "add";
  weight: number;
}

/**
 * Puts a spec's result into a transition: the new reward, and in `info` the parts —
 * `environment_reward`, `spec_reward` (the spec's score), `spec_components`, `spec_reason` and
 * `spec_error` (`{code, message}`, when the spec failed and scored its `on_error` value) where present.
 */
export function applySpecResult<Observation>(
  transition: Transition<Observation>,
  result: RewardResult,
  mix: SpecRewardMix,
): Transition<Observation> {
  const environmentReward = transition.reward;
  const info: Info = { ...transition.info, environment_reward: environmentReward, spec_reward: result.score };
  if (result.components) info.spec_components = result.components;
  if (result.reason !== undefined) info.spec_reason = result.reason;
  if (result.error) info.spec_error = { code: result.error.code, message: result.error.message };
  transition.info = info;
  transition.reward =
    mix.mode === "replace" ? mix.weight * result.score : environmentReward + mix.weight * result.score;
  return transition;
}

/** The chat of an episode so far, grown one step at a time (for `prompt: history`). */
export class EpisodeHistory {
  private messages: Message[] = [];

  start(observationText: string): void {
    this.messages = [{ role: "user", content: observationText }];
  }

  /** The conversation up to and including the current observation (a copy). */
  current(): Message[] {
    return this.messages.slice();
  }

  record(action: string, nextObservationText: string): void {
    this.messages.push(
      { role: "assistant", content: action },
      { role: "user", content: nextObservationText },
    );
  }
}

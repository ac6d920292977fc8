import { RewardkitError } from "../../core/index.js";
import { actionText } from "../action-text.js";
import type { AsyncEnvironment, Environment, Info } from "../environment.js";
import { readActionInput } from "./action-input.js";

/** What one tool call did to the episode. */
export interface ToolEpisodeStep {
  /** The observation the action led to, as text. */
  text: string;
  reward: number;
  /** The episode is over (terminated or truncated): no more calls. */
  finished: boolean;
  /** JSON-safe: `step` (1-based), `action` (as text), `terminated`, `truncated`, `episode_return`, `info`. */
  metadata: Record<string, unknown>;
}

/** A call's outcome, or why the call was refused (the agent is told and may call again). */
export type ToolEpisodeResult = { ok: true; step: ToolEpisodeStep } | { ok: false; message: string };

/**
 * One episode of an environment played through an action tool (`actionTool`), the way an LLM agent
 * plays it: `start(seed)` gives the first observation as text, each `act(input)` reads the tool's
 * input as an action, steps the environment and gives back the next observation as text with the
 * step's reward and whether the episode is over. A malformed or disallowed action (outside the
 * space, masked, refused by the environment) is refused without stepping, so it costs the agent a
 * call but not a step; a call after the end is refused too.
 */
export class ToolEpisode<Observation, Action> {
  readonly environment: Environment<Observation, Action> | AsyncEnvironment<Observation, Action>;
  #observation: Observation | undefined;
  #steps = 0;
  #return = 0;
  #finished = false;

  constructor(environment: Environment<Observation, Action> | AsyncEnvironment<Observation, Action>) {
    this.environment = environment;
  }

  /** Resets the environment with `seed`; returns the first observation as text. */
  start(seed: number): { text: string; info: Info } {
    const { observation, info } = this.environment.reset({ seed });
    this.#observation = observation;
    this.#steps = 0;
    this.#return = 0;
    this.#finished = false;
    return { text: this.environment.observationText(observation), info };
  }

  get finished(): boolean {
    return this.#finished;
  }

  get steps(): number {
    return this.#steps;
  }

  /** The sum of the rewards so far. */
  get episodeReturn(): number {
    return this.#return;
  }

  async act(input: unknown): Promise<ToolEpisodeResult> {
    const observation = this.#observation;
    if (observation === undefined) {
      throw new RewardkitError("STATE_ERROR", `${this.environment.id}: call start before act`);
    }
    if (this.#finished) {
      return { ok: false, message: "the episode has ended; start another episode (a new session)" };
    }
    const read = readActionInput(this.environment.actionSpace, input);
    if (!read.ok) return read;
    const action = read.action as Action;
    const mask = this.environment.actionMask?.(observation);
    if (mask && typeof action === "number" && mask[action] === 0) {
      return {
        ok: false,
        message: `"${this.#label(action)}" is not allowed here; allowed: ${this.#allowed(mask)}`,
      };
    }
    let transition: Awaited<ReturnType<typeof this.environment.step>>;
    try {
      transition = await this.environment.step(action);
    } catch (error) {
      if (RewardkitError.isInstance(error) && error.code === "INPUT_INVALID") {
        return { ok: false, message: error.message };
      }
      throw error;
    }
    this.#observation = transition.observation;
    this.#steps++;
    this.#return += transition.reward;
    this.#finished = transition.terminated || transition.truncated;
    return {
      ok: true,
      step: {
        text: this.environment.observationText(transition.observation),
        reward: transition.reward,
        finished: this.#finished,
        metadata: {
          step: this.#steps,
          action: this.#label(action),
          terminated: transition.terminated,
          truncated: transition.truncated,
          episode_return: this.#return,
          info: transition.info,
        },
      },
    };
  }

  #label(action: unknown): string {
    return actionText(this.environment.actionSpace, action);
  }

  #allowed(mask: Uint8Array): string {
    const allowed: string[] = [];
    mask.forEach((value, action) => {
      if (value !== 0) allowed.push(this.#label(action));
    });
    return allowed.join(", ");
  }
}

import { mulberry32 } from "../../core/random.js";
import type { Environment, EnvironmentFactory, Info } from "../environment.js";
import type { Agent } from "./agent.js";

/** What the `reward` hook sees for one step. */
export interface RewardStep<Observation> {
  observation: Observation;
  action: number;
  /** The environment's reward. */
  reward: number;
  nextObservation: Observation;
  terminated: boolean;
  truncated: boolean;
  info: Info;
  environment: Environment<Observation, number>;
  /** Episode index and step within it (from 0), and steps since training began (from 0). */
  episode: number;
  step: number;
  totalSteps: number;
}

/** One finished episode. */
export interface EpisodeSummary {
  episode: number;
  /** The seed of its reset (undefined: the environment continued its own stream). */
  seed: number | undefined;
  /** Sum of the environment's rewards (undiscounted). */
  episodeReturn: number;
  /** Sum of the rewards the learner was given (equal to `episodeReturn` without a `reward` hook). */
  learnerReturn: number;
  length: number;
  terminated: boolean;
  truncated: boolean;
  /** Steps since training began, this episode included. */
  totalSteps: number;
}

export interface TrainOptions<Observation> {
  agent: Agent<Observation>;
  /** One environment (seeded once, at the first reset) or a factory called with a fresh seed per episode. */
  environment: Environment<Observation, number> | EnvironmentFactory<Observation, number>;
  /** Stop after this many episodes... */
  episodes?: number;
  /** ...or after this many steps (the episode under way is cut off as truncated and not reported). */
  steps?: number;
  seed: number;
  /** Cut episodes off (truncated) after this many steps; required when the environment has no limit of its own. */
  maxEpisodeSteps?: number;
  /**
   * The reward the learner is given for a step (default: the environment's). Add intrinsic bonuses,
   * shaping or any reward here; `learnerReturns` records what the learner saw.
   */
  reward?: (step: RewardStep<Observation>) => number;
  onEpisode?: (summary: EpisodeSummary) => void;
}

export interface TrainResult {
  /** Per finished episode: the environment's return, the learner's return, the length. */
  returns: number[];
  learnerReturns: number[];
  lengths: number[];
  episodes: number;
  /** Steps taken, including those of an episode cut off by the `steps` budget. */
  steps: number;
}

/**
 * Runs the agent–environment loop: act (exploring), step, hand the learner its experience, until the
 * episode or step budget is spent. Deterministic for a seed given a seeded agent.
 *
 * @example
 * ```ts
 * const agent = createAgent({ agent: "q-learning", environment, seed: 1 });
 * const { returns } = train({ agent, environment, episodes: 500, seed: 1 });
 * ```
 */
export function train<Observation>(options: TrainOptions<Observation>): TrainResult {
  const { agent, episodes, steps: stepBudget } = options;
  if ((episodes === undefined) === (stepBudget === undefined))
    throw new RangeError("train: give exactly one of `episodes` and `steps`");
  const budget = (episodes ?? stepBudget) as number;
  if (!Number.isInteger(budget) || budget < 1)
    throw new RangeError(`train: the budget must be a positive integer, got ${budget}`);
  const factory = typeof options.environment === "function" ? options.environment : undefined;
  const single = typeof options.environment === "function" ? undefined : options.environment;
  const nextSeed = mulberry32(options.seed);
  const drawSeed = () => Math.floor(nextSeed() * 4294967296);
  const result: TrainResult = { returns: [], learnerReturns: [], lengths: [], episodes: 0, steps: 0 };

  for (let episode = 0; episodes === undefined ? result.steps < budget : episode < budget; episode++) {
    const seed = factory || episode === 0 ? drawSeed() : undefined;
    const environment = factory
      ? factory({ seed: seed as number })
      : (single as Environment<Observation, number>);
    const limit = episodeLimit(environment, options);
    let observation = environment.reset(seed === undefined ? {} : { seed }).observation;
    let episodeReturn = 0;
    let learnerReturn = 0;
    for (let step = 0; ; step++) {
      const action = agent.act(observation, { explore: true });
      const transition = environment.step(action);
      const cutOff = stepBudget !== undefined && result.steps + 1 >= stepBudget;
      const truncated = transition.truncated || step + 1 >= limit || cutOff;
      const reward = options.reward
        ? options.reward({
            ...transition,
            truncated,
            observation,
            action,
            nextObservation: transition.observation,
            environment,
            episode,
            step,
            totalSteps: result.steps,
          })
        : transition.reward;
      if (!Number.isFinite(reward))
        throw new RangeError(
          `train: episode ${episode} step ${step}: the learner's reward is ${reward}, not a finite number`,
        );
      agent.observe({
        observation,
        action,
        reward,
        nextObservation: transition.observation,
        terminated: transition.terminated,
        truncated: truncated && !transition.terminated,
      });
      result.steps++;
      episodeReturn += transition.reward;
      learnerReturn += reward;
      observation = transition.observation;
      if (!transition.terminated && !truncated) continue;
      if (cutOff && !transition.terminated && !transition.truncated && step + 1 < limit) return result;
      const summary: EpisodeSummary = {
        episode,
        seed,
        episodeReturn,
        learnerReturn,
        length: step + 1,
        terminated: transition.terminated,
        truncated: !transition.terminated,
        totalSteps: result.steps,
      };
      result.returns.push(episodeReturn);
      result.learnerReturns.push(learnerReturn);
      result.lengths.push(step + 1);
      result.episodes++;
      options.onEpisode?.(summary);
      break;
    }
  }
  return result;
}

function episodeLimit(
  environment: Environment<unknown, number>,
  options: Pick<TrainOptions<unknown>, "maxEpisodeSteps" | "episodes">,
): number {
  const limit = Math.min(
    options.maxEpisodeSteps ?? Number.POSITIVE_INFINITY,
    environment.maxEpisodeSteps ?? Number.POSITIVE_INFINITY,
  );
  if (limit === Number.POSITIVE_INFINITY && options.episodes !== undefined)
    throw new RangeError(
      `train: environment "${environment.id}" has no maxEpisodeSteps; pass maxEpisodeSteps so an episode budget cannot loop forever`,
    );
  return limit;
}

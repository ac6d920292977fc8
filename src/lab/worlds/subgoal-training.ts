import { deriveSeed, labRandom } from "../random.js";
import { independentLearners, monotonicMixer } from "./flat-learners.js";
import { type EpisodeSettings, flatEpisode, type GridEpisode, subgoalEpisode } from "./subgoal-episodes.js";
import { createSubgoalLearner } from "./subgoal-learner.js";

/** The three learners of the `subgoal-marl` experiment. */
export const subgoalMethods = ["independent", "mixer", "subgoals"] as const;
export type SubgoalMethod = (typeof subgoalMethods)[number];

/** A trained learner's learning curve (greedy episodes at each window) and final evaluation episodes. */
export interface SubgoalRun {
  method: SubgoalMethod;
  curve: { episode: number; team_return: number; success: number }[];
  evaluation: GridEpisode[];
}

/** γ^(steps − 1) when the episode pressed both buttons, else 0 (the team reward, discounted). */
export function teamReturn(episode: GridEpisode, discount: number): number {
  return episode.success ? discount ** (episode.steps - 1) : 0;
}

/**
 * Trains one learner for `episodes` ε-greedy episodes (ε from 1 down to `epsilonEnd` over
 * `explorationShare` of them), plays one greedy episode every `window`, and evaluates it on
 * `evaluationEpisodes` episodes in which each move is random with probability `actionNoise` (the
 * high level of the hierarchical learner stays greedy).
 */
export function trainSubgoalMethod(input: {
  method: SubgoalMethod;
  settings: EpisodeSettings;
  episodes: number;
  epsilonEnd: number;
  explorationShare: number;
  window: number;
  evaluationEpisodes: number;
  actionNoise: number;
  seed: number;
}): SubgoalRun {
  const { method, settings } = input;
  const random = labRandom(deriveSeed(input.seed, `subgoal-marl ${method}`));
  const flat =
    method === "independent"
      ? independentLearners({
          grid: settings.grid,
          learningRate: settings.learningRate,
          discount: settings.discount,
        })
      : monotonicMixer(settings);
  const hierarchy = createSubgoalLearner(settings.grid);
  const play = (epsilon: number, lowEpsilon: number, learn: boolean) =>
    method === "subgoals"
      ? subgoalEpisode({ settings, learner: hierarchy, epsilon, lowEpsilon, random, learn })
      : flatEpisode({ settings, learner: flat, epsilon: Math.max(epsilon, lowEpsilon), random, learn });
  const curve: SubgoalRun["curve"] = [];
  const decay = Math.max(1, Math.round(input.episodes * input.explorationShare));
  for (let episode = 0; episode < input.episodes; episode++) {
    const epsilon = Math.max(input.epsilonEnd, 1 - episode / decay);
    play(epsilon, Math.min(epsilon, 0.1), true);
    if ((episode + 1) % input.window === 0) {
      const greedy = play(0, 0, false);
      curve.push({
        episode: episode + 1,
        team_return: teamReturn(greedy, settings.discount),
        success: greedy.success ? 1 : 0,
      });
    }
  }
  const evaluation = Array.from({ length: input.evaluationEpisodes }, () =>
    play(0, input.actionNoise, false),
  );
  return { method, curve, evaluation };
}

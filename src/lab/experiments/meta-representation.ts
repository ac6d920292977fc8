import { z } from "zod";
import { metaRepresentationReport } from "../report/meta-representation-report.js";
import type { MeasuredCurve } from "../results.js";
import { sideActions, strategyModes } from "../worlds/crowd-game.js";
import { greedyAction } from "../worlds/latent-heads.js";
import { evaluateSize, mean } from "../worlds/meta-evaluation.js";
import { type CrowdSettings, trainPolicy } from "../worlds/meta-play.js";
import { defineExperiment } from "./experiment.js";
import { metaRepresentationClaims } from "./meta-representation-claims.js";

const sizes = z.array(z.number().int().min(2).max(64)).min(1);

const options = z.object({
  training_sizes: sizes
    .default([2, 3, 4, 6, 8, 10, 12])
    .describe("Population sizes (the learner included) trained on."),
  unseen_sizes: sizes
    .default([5, 7, 9])
    .describe(
      "Population sizes never trained on, inside the trained range (heads interpolate between sizes).",
    ),
  capacity: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe("A venue pays +1 when fewer than this many others chose it, else −1."),
  rounds: z.number().int().min(1).default(10).describe("Rounds per episode."),
  episodes: z.number().int().min(10).default(3000).describe("Training episodes per policy."),
  epsilon: z.number().min(0).max(1).default(0.2).describe("ε-greedy exploration while training."),
  evaluation_episodes: z
    .number()
    .int()
    .min(2)
    .default(6)
    .describe("Episodes played on each evaluated size and mode."),
  repeats: z.number().int().min(1).default(20).describe("Evaluations per size and mode."),
  adaptation_episodes: z
    .number()
    .int()
    .min(0)
    .default(2)
    .describe("k: episodes the latent policy may use to adapt on an unseen size."),
  tolerance: z.number().min(0).default(0.05).describe('"Near its best": within this mean payoff per round.'),
  margin: z.number().min(0).default(0.1).describe('"Earns more": by at least this mean payoff per round.'),
});

export const metaRepresentation = defineExperiment({
  name: "meta-representation",
  summary:
    "A choose-a-side game whose population size and strategy mode vary: a policy conditioned on a categorical latent (one head per mode, latent inferred from a few episodes) against a single policy, and adaptation to unseen sizes without retraining (reconstructed).",
  papers: [
    "Meta Representations for Multi-Agent Reinforcement Learning (reconstructed: no public code used)",
  ],
  options,
  quick: { episodes: 600, repeats: 4, evaluation_episodes: 4 },
  async run(settings, seed, progress) {
    const overlap = settings.unseen_sizes.filter((size) => settings.training_sizes.includes(size));
    if (overlap.length > 0)
      throw new RangeError(`unseen_sizes ${overlap.join(", ")} are also training sizes`);
    const game: CrowdSettings = {
      modes: strategyModes,
      capacity: settings.capacity,
      rounds: settings.rounds,
    };
    const window = Math.max(1, Math.round(settings.episodes / 30));
    const train = (latent: boolean) =>
      trainPolicy({
        game,
        sizes: settings.training_sizes,
        latent,
        episodes: settings.episodes,
        epsilon: settings.epsilon,
        window,
        seed,
      });
    progress?.("train latent-conditioned");
    const latent = train(true);
    progress?.("train single policy");
    const single = train(false);
    progress?.("evaluate");
    const evaluate = (size: number) =>
      evaluateSize({
        latent,
        single,
        game,
        size,
        episodes: settings.evaluation_episodes,
        repeats: settings.repeats,
        seed,
      });
    const training = settings.training_sizes.map(evaluate);
    const unseen = settings.unseen_sizes.map(evaluate);
    const claims = metaRepresentationClaims({
      training,
      unseen,
      settings: {
        adaptation: settings.adaptation_episodes,
        tolerance: settings.tolerance,
        margin: settings.margin,
      },
    });
    const trainingCurve = (method: string, values: number[]): MeasuredCurve => ({
      method,
      x: "training episode",
      y: `mean payoff per round (window of ${window} episodes, ε-greedy)`,
      points: values.map((value, index) => ({ x: (index + 1) * window, y: value })),
    });
    const adaptationCurve = (method: string, pick: (episode: number) => number): MeasuredCurve => ({
      method,
      x: "episode on the unseen sizes",
      y: "mean payoff per round",
      points: Array.from({ length: settings.evaluation_episodes }, (_, episode) => ({
        x: episode + 1,
        y: pick(episode),
      })),
    });
    const onUnseen = (key: "inferred" | "oracle" | "single", episode: number) =>
      mean(unseen.map((evaluation) => evaluation[key][episode] as number));
    const curves = [
      trainingCurve("latent-conditioned", latent.curve),
      trainingCurve("single policy", single.curve),
      adaptationCurve("latent-conditioned", (episode) => onUnseen("inferred", episode)),
      adaptationCurve("latent-conditioned, true latent", (episode) => onUnseen("oracle", episode)),
      adaptationCurve("single policy", (episode) => onUnseen("single", episode)),
      adaptationCurve("best response (exact)", () => mean(unseen.map((evaluation) => evaluation.best))),
    ];
    const after = settings.adaptation_episodes;
    const bySize = [...training, ...unseen]
      .sort((a, b) => a.size - b.size)
      .map((evaluation) => ({
        size: evaluation.size,
        unseen: settings.unseen_sizes.includes(evaluation.size),
        latent_conditioned: mean(evaluation.inferred.slice(after)),
        true_latent: mean(evaluation.oracle.slice(after)),
        single_policy: mean(evaluation.single.slice(after)),
        best_response: evaluation.best,
      }));
    const heads = [...settings.training_sizes, ...settings.unseen_sizes]
      .sort((a, b) => a - b)
      .map((size) => ({
        size,
        single_policy: sideActions[greedyAction(single.model, size, [1])] as string,
        ...Object.fromEntries(
          strategyModes.map((mode, index) => [
            mode.name,
            sideActions[
              greedyAction(
                latent.model,
                size,
                strategyModes.map((_, head) => (head === index ? 1 : 0)),
              )
            ] as string,
          ]),
        ),
      }));
    const results = {
      experiment: "meta-representation",
      seed,
      curves,
      claims,
      settings: { ...settings },
      modes: strategyModes.map((mode) => ({ name: mode.name, probabilities: [...mode.probabilities] })),
      by_size: bySize,
      greedy_actions: heads,
    };
    return { results, sections: metaRepresentationReport(results) };
  },
});

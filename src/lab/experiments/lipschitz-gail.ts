import { z } from "zod";
import { createEnvironment, type PointMass, pointMassExpertAction } from "../../env/index.js";
import type { LipschitzPenalty, Pessimism } from "../../models/discriminator/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { gailReport } from "../report/gail-report.js";
import type { MeasuredCurve } from "../results.js";
import { demonstrations, policyReturn, trainGail } from "../worlds/gail-training.js";
import { defineExperiment } from "./experiment.js";
import { type GailMethod, type GailRun, gailClaims } from "./lipschitz-gail-claims.js";

const options = z.object({
  steps: z.number().int().min(500).default(6000).describe("Environment steps per learner."),
  demonstrations: z.number().int().min(1).default(20).describe("Expert (PD controller) episodes."),
  penalty_coefficient: z
    .number()
    .positive()
    .default(10)
    .describe("λ of the gradient penalty (rm-rl.md §21)."),
  penalty_on: z
    .enum(["probability", "logit"])
    .default("probability")
    .describe("Penalize ‖∇D‖ (the methods doc) or ‖∇s‖ of the logit (the authors' code)."),
  penalty_target: z.number().positive().default(1).describe("k: the target gradient norm of D."),
  pessimism: z
    .enum(["lower-bound", "lipschitz-modulation"])
    .default("lower-bound")
    .describe(
      "Pessimistic preconditioning (reconstructed): the methods doc's first-order lower bound r − ε·‖∇r‖, or the authors' code's exp(−(‖∇s‖ − k)²) modulation.",
    ),
  pessimism_radius: z.number().positive().default(0.05).describe("ε of the lower bound."),
  discriminator_every: z
    .number()
    .int()
    .min(1)
    .default(8)
    .describe("Environment steps between discriminator updates."),
  discriminator_batch: z
    .number()
    .int()
    .min(2)
    .default(32)
    .describe("Expert and policy rows per discriminator update."),
  discriminator_learning_rate: z
    .number()
    .positive()
    .default(0.005)
    .describe("Adam step of the discriminator."),
  evaluate_every: z.number().int().min(100).default(750).describe("Steps between evaluations."),
  evaluation_episodes: z.number().int().min(1).default(5).describe("Greedy episodes per evaluation."),
});

export type LipschitzGailOptions = z.output<typeof options>;

const methods: readonly GailMethod[] = ["gail", "gail+gp", "gail+gp+pessimistic"];

export const lipschitzGail = defineExperiment({
  name: "lipschitz-gail",
  summary:
    "Off-policy adversarial imitation on a point mass (DQN learner, replayed rewards relabelled by the discriminator): with and without the Lipschitz gradient penalty on the discriminator, and with pessimistic reward preconditioning (reconstructed at small scale).",
  papers: [
    "Lipschitzness Is All You Need To Tame Off-policy Generative Adversarial Imitation Learning (Blondé, Strasser & Kalousis 2020): gradient penalty per rm-rl.md §21; DQN in place of TD3/SAC and the pessimism forms reconstructed",
  ],
  options,
  quick: { steps: 800, evaluate_every: 400, demonstrations: 2, evaluation_episodes: 2 },
  run(settings, seed, progress) {
    const make = () => createEnvironment("point-mass", {}) as unknown as PointMass;
    const evaluation = make();
    const expert = demonstrations(
      make(),
      settings.demonstrations,
      deriveSeed(seed, "demonstrations") % 1_000_000,
    );
    const { goal, physics } = evaluation.settings;
    const expertReturn = policyReturn(
      (state) => pointMassExpertAction({ state, goal, physics }),
      evaluation,
      settings.evaluation_episodes,
    );
    const randomActions = labRandom(deriveSeed(seed, "random-policy"));
    const randomReturn = policyReturn(() => randomActions.int(5), evaluation, settings.evaluation_episodes);
    const penalty: LipschitzPenalty = {
      coefficient: settings.penalty_coefficient,
      target: settings.penalty_target,
      on: settings.penalty_on,
    };
    const pessimism: Pessimism =
      settings.pessimism === "lower-bound"
        ? { kind: "lower-bound", radius: settings.pessimism_radius }
        : { kind: "lipschitz-modulation", target: settings.penalty_target, floor: 0.7 };
    const runs: GailRun[] = [];
    const curves: MeasuredCurve[] = [];
    for (const method of methods) {
      progress?.(method);
      const random = labRandom(deriveSeed(seed, `${method}-batches`));
      const trained = trainGail({
        environment: make(),
        evaluation,
        expert,
        seed: deriveSeed(seed, "learner") % 1_000_000,
        random: () => random.next(),
        settings: {
          steps: settings.steps,
          penalty: method === "gail" ? null : penalty,
          pessimism: method === "gail+gp+pessimistic" ? pessimism : null,
          discriminatorEvery: settings.discriminator_every,
          discriminatorBatch: settings.discriminator_batch,
          discriminatorLearningRate: settings.discriminator_learning_rate,
          evaluateEvery: settings.evaluate_every,
          evaluationEpisodes: settings.evaluation_episodes,
          dqn: {
            hidden_sizes: [32, 32],
            learning_starts: 500,
            buffer_size: 20_000,
            batch_size: 64,
            train_frequency: 4,
            target_update_interval: 200,
            learning_rate: 1e-3,
            discount: 0.95,
            epsilon: { start: 1, end: 0.05, steps: Math.round(settings.steps * 0.6) },
          },
        },
      });
      const normalized = trained.returns.map(
        (value) => (value - randomReturn) / (expertReturn - randomReturn),
      );
      runs.push({ method, normalized, slopes: trained.slopes });
      curves.push({
        method,
        x: "environment steps",
        y: "normalized return (expert 1, random 0)",
        points: normalized.map((value, index) => ({
          x: index * settings.evaluate_every,
          y: value,
          ...(index > 0 ? { logit_slope: trained.slopes[index - 1] as number } : {}),
        })),
      });
    }
    const claims = gailClaims(runs);
    const results = {
      experiment: "lipschitz-gail",
      seed,
      curves,
      claims,
      settings,
      expertReturn,
      randomReturn,
      runs,
    };
    evaluation.reset({ seed: 100_000 });
    return Promise.resolve({ results, sections: gailReport(results, { frame: evaluation.renderSvg() }) });
  },
});

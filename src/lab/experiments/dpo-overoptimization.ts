import { z } from "zod";
import { fitGaoForm } from "../../diagnose/index.js";
import { trainDpo } from "../optimizers/dpo.js";
import { policySummary } from "../optimizers/kl-regularized.js";
import { SoftmaxPolicy } from "../optimizers/softmax-policy.js";
import { deriveSeed, labRandom } from "../random.js";
import { dpoReport } from "../report/dpo-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { samplePreferences } from "../worlds/preferences.js";
import { defaultProxyTraining, representationTable, trainProxies } from "../worlds/proxy-models.js";
import { randomBackbone } from "../worlds/representation.js";
import { createRlhfWorld } from "../worlds/rlhf-world.js";
import { rlhfWorldFields, rlhfWorldOptions } from "../worlds/world-options.js";
import { dpoClaims } from "./dpo-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  ...rlhfWorldFields,
  pairs: z.number().int().min(10).default(2000).describe("Preference pairs (the DPO dataset)."),
  label_noise: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.25)
    .describe("Probability that a preference label is flipped."),
  betas: z
    .array(z.number().positive())
    .min(2)
    .default([0.01, 0.03, 0.1, 0.3, 1, 3])
    .describe("DPO β values swept (smaller β: larger KL budget)."),
  epochs: z.number().int().min(1).default(3).describe("Passes over the preference data."),
  batch_size: z.number().int().min(1).default(32).describe("Pairs per Adam step."),
  learning_rate: z.number().positive().default(0.01).describe("Adam learning rate."),
  evaluations_per_epoch: z.number().int().min(1).default(8).describe("Evaluations per epoch."),
  backbone_width: z
    .number()
    .int()
    .min(0)
    .default(32)
    .describe("Width of the policy's random-feature representation (its 'pretrained' features)."),
});

export const dpoOveroptimization = defineExperiment({
  name: "dpo-overoptimization",
  summary:
    "DPO on the over-optimization world across β (KL budgets): gold reward degrades at high KL, as it does for RLHF, and often within the first epoch.",
  papers: [
    "Scaling Laws for Reward Model Overoptimization in Direct Alignment Algorithms (Rafailov et al. 2024)",
  ],
  options,
  quick: {
    prompts: 12,
    candidates: 128,
    pairs: 600,
    betas: [0.01, 0.1, 1],
    epochs: 2,
    evaluations_per_epoch: 4,
  },
  run(settings, seed, progress) {
    progress?.("building the world, sampling pairs and training the reference RM");
    const world = createRlhfWorld(rlhfWorldOptions(settings, seed));
    const pairs = samplePreferences(world, {
      pairs: settings.pairs,
      labelNoise: settings.label_noise,
      random: labRandom(deriveSeed(seed, "pairs")),
    });
    // Not used by DPO: the RM an RLHF pipeline would train on the same pairs, to report a proxy.
    const [proxy] = trainProxies({ world, pairs, members: 1, seed, training: defaultProxyTraining });
    const backbone =
      settings.backbone_width > 0
        ? randomBackbone({
            pretrainSeed: deriveSeed(seed, "policy-backbone"),
            inputs: world.dimensions,
            width: settings.backbone_width,
            weightScale: defaultProxyTraining.backboneWeightScale,
            biasScale: defaultProxyTraining.backboneBiasScale,
          })
        : undefined;
    const representation = representationTable(world, backbone);
    const batchesPerEpoch = Math.ceil(pairs.length / settings.batch_size);
    const curves: Curve[] = settings.betas.map((beta, index) => {
      progress?.(`DPO at β = ${beta} (${index + 1} of ${settings.betas.length})`);
      const policy = new SoftmaxPolicy({
        prompts: world.prompts,
        candidates: world.candidates,
        baseLogProbabilities: world.baseLogProbabilities,
        parameterization: "shared",
        features: representation.table,
        dimensions: representation.width,
      });
      const points: CurvePoint[] = [];
      trainDpo(policy, pairs, {
        beta,
        epochs: settings.epochs,
        batchSize: settings.batch_size,
        learningRate: settings.learning_rate,
        random: labRandom(deriveSeed(seed, `dpo-${beta}`)),
        evaluateEvery: Math.max(1, Math.round(batchesPerEpoch / settings.evaluations_per_epoch)),
        evaluate(epochs) {
          const summary = policySummary(policy, { proxy: proxy as Float64Array, gold: world.gold });
          points.push({
            step: epochs,
            kl: summary.kl,
            proxy: summary.proxy as number,
            gold: summary.gold as number,
          });
        },
      });
      return { method: `beta_${beta}`, optimizer: "dpo", points };
    });
    const finals = curves.map((curve, index) => ({
      beta: settings.betas[index] as number,
      point: curve.points.at(-1) as CurvePoint,
    }));
    const frontier: Curve = {
      method: "end_of_training",
      optimizer: "dpo",
      points: [...finals].sort((a, b) => a.point.kl - b.point.kl).map((entry) => entry.point),
    };
    const fit = fitGaoForm(
      "rl",
      frontier.points.map((point) => ({ d: Math.sqrt(point.kl), gold: point.gold })),
    );
    const claims = dpoClaims({ curves, betas: settings.betas, fit });
    const results = {
      experiment: "dpo-overoptimization",
      seed,
      curves: [...curves, frontier],
      claims,
      settings,
      fit,
      epoch_unit: "step is in epochs (fractions of a pass over the pairs)",
    };
    return Promise.resolve({ results, sections: dpoReport(results) });
  },
});

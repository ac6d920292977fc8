import { z } from "zod";
import { FairForest, type FairnessNotion } from "../../models/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { fairForestReport } from "../report/fair-forest-report.js";
import type { MeasuredCurve } from "../results.js";
import {
  type FairExample,
  fairnessStream,
  fairnessWeights,
  positiveRateGap,
} from "../worlds/fairness-stream.js";
import { defineExperiment } from "./experiment.js";
import { type FairSummary, fairForestClaims } from "./fair-forest-claims.js";

const options = z.object({
  stream: z.number().int().min(100).default(6000).describe("Examples arriving one at a time."),
  test: z
    .number()
    .int()
    .min(100)
    .default(2000)
    .describe("Held-out examples the final forests are judged on."),
  dimensions: z.number().int().min(2).default(6).describe("Features per example."),
  shifted: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe("Features shifted for group 1 (the source of unfairness)."),
  shift: z.number().default(1.5).describe("How far group 1's shifted features move."),
  shifted_weight: z
    .number()
    .min(0)
    .default(0.4)
    .describe("Weight of the shifted features in the hidden labelling rule (others: 1)."),
  group_share: z.number().min(0.05).max(0.95).default(0.4).describe("Share of group 1."),
  label_noise: z.number().min(0).default(0.3).describe("Noise of the hidden labelling rule."),
  trees: z.number().int().min(1).default(3).describe("Trees in the forest (the code's default 3)."),
  depth: z.number().int().min(2).default(4).describe("Tree depth (the code's default 4)."),
  learning_rate: z
    .number()
    .positive()
    .default(0.01)
    .describe("Adam's learning rate (the code: 0.002 over much longer streams)."),
  lambdas: z
    .array(z.number().min(0))
    .min(2)
    .default([0, 0.2, 0.5, 1, 3])
    .describe("λ values swept (0: the unconstrained online forest)."),
  checkpoints: z.number().int().min(2).default(10).describe("Points of the online curves."),
});

export const fairForest = defineExperiment({
  name: "fair-forest",
  summary:
    "An online stream with a sensitive attribute: Aranyani's oblique forest with aggregate-statistics fairness gradients shrinks the demographic-parity (or equalized-odds) gap at little accuracy cost compared with the same forest unconstrained.",
  papers: [
    "Enhancing Group Fairness in Online Settings Using Oblique Decision Forests (Aranyani, Basu Roy Chowdhury et al., ICLR 2024)",
  ],
  options,
  quick: { stream: 1500, test: 500, lambdas: [0, 1], checkpoints: 3 },
  run(settings, seed) {
    const worldRandom = labRandom(deriveSeed(seed, "world"));
    const weights = fairnessWeights(
      settings.dimensions,
      settings.shifted,
      settings.shifted_weight,
      worldRandom,
    );
    const draw = (count: number, part: string) =>
      fairnessStream({
        ...settings,
        count,
        groupShare: settings.group_share,
        labelNoise: settings.label_noise,
        random: labRandom(deriveSeed(seed, part)),
        weights,
      });
    const stream = draw(settings.stream, "stream");
    const test = draw(settings.test, "test");
    const summaries: FairSummary[] = [];
    const curves: MeasuredCurve[] = [];
    const every = Math.max(1, Math.floor(settings.stream / settings.checkpoints));
    for (const notion of [
      "demographic_parity",
      "equalized_odds",
    ] as const satisfies readonly FairnessNotion[]) {
      for (const lambda of settings.lambdas) {
        if (notion === "equalized_odds" && lambda === 0) continue; // the same run as demographic parity's λ = 0
        const random = labRandom(deriveSeed(seed, "forest"));
        const forest = new FairForest({
          dimensions: settings.dimensions,
          trees: settings.trees,
          depth: settings.depth,
          fairness: lambda,
          notion,
          learningRate: settings.learning_rate,
          random: { next: random.next, int: random.int, normal: random.normal },
        });
        const online: number[] = [];
        const points: { x: number; y: number; accuracy: number }[] = [];
        let correct = 0;
        stream.forEach((example, index) => {
          const prediction = forest.step(example.x, example.label, example.group);
          const predicted = (prediction[1] as number) > 0.5 ? 1 : 0;
          online.push(predicted);
          if (predicted === example.label) correct++;
          if ((index + 1) % every === 0) {
            const seen = stream.slice(0, index + 1);
            points.push({ x: index + 1, y: positiveRateGap(seen, online), accuracy: correct / (index + 1) });
          }
        });
        const predictions = test.map((example: FairExample) =>
          (forest.predict(example.x)[1] as number) > 0.5 ? 1 : 0,
        );
        const accuracy =
          test.filter((example, index) => predictions[index] === example.label).length / test.length;
        const method = lambda === 0 ? "unconstrained" : `${notion}_lambda_${lambda}`;
        summaries.push({
          method,
          notion: lambda === 0 ? "none" : notion,
          lambda,
          accuracy,
          parityGap: positiveRateGap(test, predictions),
          oddsGap: Math.max(positiveRateGap(test, predictions, 0), positiveRateGap(test, predictions, 1)),
        });
        curves.push({
          method,
          x: "examples seen",
          y: "demographic-parity gap of the online predictions so far",
          points,
        });
      }
    }
    const claims = fairForestClaims(summaries);
    const results = { experiment: "fair-forest", seed, curves, claims, settings, forests: summaries };
    return Promise.resolve({ results, sections: fairForestReport(results) });
  },
});

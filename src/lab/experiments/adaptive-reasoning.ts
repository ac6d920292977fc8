import { z } from "zod";
import { builtinEstimators } from "../../advantage/estimators.js";
import { compileAdvantage } from "../../core/index.js";
import { longProbability, type ModeVariant, modeStep } from "../optimizers/mode-policy.js";
import { deriveSeed, labRandom } from "../random.js";
import { adaptiveReport } from "../report/adaptive-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { createReasoningWorld, defaultReasoningWorld } from "../worlds/reasoning-world.js";
import { adaptiveClaims } from "./adaptive-claims.js";
import { defineExperiment } from "./experiment.js";
import { bernoulliKl, type ModeSummary, summarize, summarizeFixed } from "./mode-summary.js";

const options = z.object({
  train_prompts: z.number().int().min(2).default(512).describe("Training prompts of varied difficulty."),
  eval_prompts: z.number().int().min(2).default(256).describe("Held-out prompts the policy is evaluated on."),
  steps: z.number().int().min(1).default(300).describe("Training steps."),
  batch_prompts: z.number().int().min(1).default(32).describe("Prompts per step."),
  group_size: z
    .number()
    .int()
    .min(2)
    .multipleOf(2)
    .default(8)
    .describe(
      "Samples per prompt: half in long mode, half in short mode (the paper's mode-controlled rollouts).",
    ),
  learning_rate: z.number().positive().default(0.5).describe("Step size on the mode logit's weights."),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("τ: short-mode group accuracy at which a prompt counts as easy (reconstructed)."),
  delta: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("δ: the adaptive reward's bonus/cut for the preferred/other mode (reconstructed)."),
  switch_weight: z
    .number()
    .min(0)
    .default(0.1)
    .describe("α: weight of the first-token mode-switching hinge loss (reconstructed)."),
  switch_margin: z.number().min(0).default(1).describe("m: the hinge's logit margin (reconstructed)."),
  length_penalty: z
    .number()
    .min(0)
    .default(0.1)
    .describe("Per token-unit penalty of the 'correctness − length penalty' baseline."),
  evaluate_every: z.number().int().min(1).default(10).describe("Steps between evaluations."),
});

export type AdaptiveOptions = z.output<typeof options>;

export type { ModeSummary };

export const adaptiveReasoning = defineExperiment({
  name: "adaptive-reasoning",
  summary:
    "Prompts of varied difficulty with short and long reasoning modes: the adaptive long/short group reward (reconstructed) learns short on easy and long on hard prompts; correctness alone does not save tokens.",
  papers: [
    "Adaptive Deep Reasoning: Triggering Deep Thinking When Needed (Wang et al. 2025), reward reconstructed",
  ],
  options,
  quick: { train_prompts: 256, eval_prompts: 128, steps: 150 },
  run(settings, seed, progress) {
    const world = createReasoningWorld({
      ...defaultReasoningWorld,
      seed,
      prompts: settings.train_prompts + settings.eval_prompts,
    });
    const evalPrompts = Array.from({ length: settings.eval_prompts }, (_, at) => settings.train_prompts + at);
    const maxCost = world.costs.long;
    const variants: ModeVariant[] = [
      {
        method: "adaptive",
        estimator: compileAdvantage(
          {
            type: "adaptive_mode",
            reconstructed: true,
            threshold: settings.threshold,
            delta: settings.delta,
          },
          builtinEstimators,
          "advantage",
        ),
        reward: (correct) => correct,
        switchLoss: true,
      },
      {
        method: "correctness",
        estimator: compileAdvantage({ type: "grpo" }, builtinEstimators, "advantage"),
        reward: (correct) => correct,
        switchLoss: false,
      },
      {
        method: "length_penalty",
        estimator: compileAdvantage({ type: "grpo" }, builtinEstimators, "advantage"),
        reward: (correct, long) =>
          correct - (settings.length_penalty * (long ? world.costs.long : world.costs.short)) / maxCost,
        switchLoss: false,
      },
    ];
    const curves: Curve[] = [];
    const summaries: ModeSummary[] = [];
    for (const [index, variant] of variants.entries()) {
      progress?.(`training: ${variant.method} (${index + 1} of ${variants.length})`);
      const weights = new Float64Array(2);
      const random = labRandom(deriveSeed(seed, `adaptive-${variant.method}`));
      const batches = labRandom(deriveSeed(seed, "adaptive-batches"));
      const points: CurvePoint[] = [];
      let rewardSum = 0;
      let rewardCount = 0;
      const evaluate = (step: number) => {
        const summary = summarize(world, weights, evalPrompts, variant.method);
        const kl =
          evalPrompts.reduce(
            (total, prompt) => total + bernoulliKl(longProbability(world, weights, prompt), 0.5),
            0,
          ) / evalPrompts.length;
        points.push({ step, kl, proxy: rewardCount ? rewardSum / rewardCount : 0, gold: summary.accuracy });
        rewardSum = 0;
        rewardCount = 0;
      };
      evaluate(0);
      for (let step = 1; step <= settings.steps; step++) {
        const prompts = Array.from({ length: settings.batch_prompts }, () =>
          batches.int(settings.train_prompts),
        );
        const result = modeStep({ world, weights, prompts, variant, settings, random });
        rewardSum += result.rewardSum;
        rewardCount += result.count;
        if (step % settings.evaluate_every === 0 || step === settings.steps) evaluate(step);
      }
      curves.push({ method: variant.method, optimizer: "grpo_mode_token", points });
      summaries.push(summarize(world, weights, evalPrompts, variant.method));
    }
    for (const [method, long] of [
      ["always_short", 0],
      ["always_long", 1],
    ] as const) {
      summaries.push(summarizeFixed(world, evalPrompts, method, long));
    }
    const claims = adaptiveClaims(summaries);
    const results = { experiment: "adaptive-reasoning", seed, curves, claims, settings, modes: summaries };
    return Promise.resolve({ results, sections: adaptiveReport(results) });
  },
});

import { z } from "zod";
import { builtinEstimators } from "../../advantage/estimators.js";
import { compileAdvantage } from "../../core/index.js";
import { grpoStep } from "../optimizers/grpo-training.js";
import { SoftmaxPolicy } from "../optimizers/softmax-policy.js";
import { deriveSeed, labRandom } from "../random.js";
import { unlikelinessReport } from "../report/unlikeliness-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { klRows } from "../softmax.js";
import {
  meanOver,
  type PassAtNSeries,
  passCurve,
  type RankUplift,
  rankUplift,
} from "../worlds/pass-metrics.js";
import { createVerifierWorld, defaultVerifierWorld, passAtN } from "../worlds/verifier-world.js";
import { defineExperiment } from "./experiment.js";
import { unlikelinessClaims } from "./unlikeliness-claims.js";

const options = z.object({
  train_prompts: z
    .number()
    .int()
    .min(2)
    .default(1024)
    .describe(
      "Training prompts (problems), sampled in batches: each is seen a few times, as in one epoch over a dataset.",
    ),
  eval_prompts: z.number().int().min(1).default(128).describe("Held-out prompts pass@N is measured on."),
  batch_prompts: z.number().int().min(1).default(32).describe("Prompts per GRPO step."),
  candidates: z
    .number()
    .int()
    .min(8)
    .default(defaultVerifierWorld.candidates)
    .describe("Candidate solutions per prompt."),
  steps: z.number().int().min(1).default(200).describe("GRPO steps (batches)."),
  group_size: z.number().int().min(2).default(16).describe("G: samples per prompt per step (grpo.sh: 32)."),
  rank_penalty: z
    .number()
    .min(0)
    .max(1)
    .default(0.25)
    .describe("β_rank of the unlikeliness reward (grpo.sh: 0.25)."),
  more_epochs: z
    .number()
    .int()
    .min(2)
    .default(2)
    .describe("PPO epochs of the 'more epochs' runs (the paper's revised recipe: 2)."),
  clip: z.number().positive().default(0.2).describe("PPO clip ε."),
  learning_rate: z
    .number()
    .positive()
    .default(0.05)
    .describe(
      "Policy step size: a sampled response's logit moves by about learning_rate·K·A/G per epoch. At 0.1 the unclipped two-epoch ablation is sometimes unstable (docs/lab.md), unlike PPO at the paper's lr 1e-6.",
    ),
  kl_coefficient: z
    .number()
    .min(0)
    .default(0.1)
    .describe("β of a KL(π ‖ π_base) loss added each epoch (grpo.sh: kl_loss_coef 0.1)."),
  parameterization: z
    .enum(["shared", "both", "tabular"])
    .default("both")
    .describe(
      "The policy's logits: shared weights over candidate features (what is learnt moves every prompt), plus per-candidate logits (`both`), or per-candidate logits only (`tabular`: no transfer to held-out prompts).",
    ),
  shared_step: z
    .number()
    .positive()
    .default(1)
    .describe(
      "Step of the shared weights relative to a per-candidate logit's (divided by the prompts per batch).",
    ),
  typical_share: z
    .number()
    .min(0)
    .max(1)
    .default(defaultVerifierWorld.typicalShare)
    .describe("Share of prompts whose correct answers lean typical (the rest need rare, atypical answers)."),
  evaluate_every: z.number().int().min(1).default(10).describe("Steps between evaluations."),
  max_n: z.number().int().min(2).default(256).describe("Largest N of pass@N (powers of 2)."),
});

export type { PassAtNSeries, RankUplift };

export const unlikeliness = defineExperiment({
  name: "unlikeliness",
  summary:
    "GRPO on a verifier world sharpens the policy (pass@1 up, pass@N at large N down); the unlikeliness reward and more PPO epochs per batch keep pass@N.",
  papers: ["Rewarding the Unlikely: Lifting GRPO Beyond Distribution Sharpening (He, Fried, Welleck 2025)"],
  options,
  quick: {
    train_prompts: 128,
    eval_prompts: 32,
    batch_prompts: 16,
    candidates: 32,
    steps: 60,
    group_size: 8,
  },
  run(settings, seed, progress) {
    progress?.("building the verifier world");
    // Training prompts first, then as many held-out prompts (the paper trains on one set of theorems
    // and evaluates pass@N on another): only the policy's shared weights carry over to them.
    const verifier = createVerifierWorld({
      ...defaultVerifierWorld,
      seed,
      prompts: settings.train_prompts + settings.eval_prompts,
      candidates: settings.candidates,
      typicalShare: settings.typical_share,
    });
    const { world } = verifier;
    const heldOut = Array.from(
      { length: settings.eval_prompts },
      (_, prompt) => settings.train_prompts + prompt,
    );
    // pass@1 on (up to) as many training prompts as held-out ones: the training reward, exactly.
    const trainPrompts = Array.from(
      { length: Math.min(settings.train_prompts, settings.eval_prompts) },
      (_, prompt) => prompt,
    );
    const ns: number[] = [];
    for (let n = 1; n <= settings.max_n; n *= 2) ns.push(n);
    const methods: { method: string; estimator: Record<string, unknown>; epochs: number; clip?: number }[] = [
      { method: "grpo", estimator: { type: "grpo" }, epochs: 1 },
      {
        method: "unlikeliness",
        estimator: { type: "unlikeliness", rank_penalty: settings.rank_penalty },
        epochs: 1,
      },
      {
        method: `grpo_${settings.more_epochs}ep`,
        estimator: { type: "grpo" },
        epochs: settings.more_epochs,
      },
      // Ablation: the same epochs without PPO's clip, to see whether clipping is what helps.
      {
        method: `grpo_${settings.more_epochs}ep_no_clip`,
        estimator: { type: "grpo" },
        epochs: settings.more_epochs,
        clip: Number.POSITIVE_INFINITY,
      },
      {
        method: `unlikeliness_${settings.more_epochs}ep`,
        estimator: { type: "unlikeliness", rank_penalty: settings.rank_penalty },
        epochs: settings.more_epochs,
      },
    ];
    const curves: Curve[] = [];
    const passCurves: PassAtNSeries[] = [
      {
        method: "base",
        points: passCurve({ world, probabilities: world.baseProbabilities, prompts: heldOut, ns }),
      },
    ];
    const trainPassCurves: PassAtNSeries[] = [
      {
        method: "base",
        points: passCurve({ world, probabilities: world.baseProbabilities, prompts: trainPrompts, ns }),
      },
    ];
    const uplift: RankUplift[] = [];
    const clipping: {
      method: string;
      mean_clipped_fraction: number;
      likely_clipped_fraction?: number;
      rare_clipped_fraction?: number;
    }[] = [];
    const largeN = settings.max_n;
    const passByStep: {
      method: string;
      points: { step: number; pass_at_1: number; pass_at_large_n: number }[];
    }[] = [];
    for (const [index, entry] of methods.entries()) {
      progress?.(`GRPO training: ${entry.method} (${index + 1} of ${methods.length})`);
      const policy = new SoftmaxPolicy({
        prompts: world.prompts,
        candidates: world.candidates,
        baseLogProbabilities: world.baseLogProbabilities,
        parameterization: settings.parameterization,
        features: world.features,
        dimensions: world.dimensions,
        sharedStepScale: settings.shared_step / settings.batch_prompts,
      });
      const estimator = compileAdvantage(entry.estimator, builtinEstimators, "advantage");
      const random = labRandom(deriveSeed(seed, `grpo-${entry.method}`));
      // The same batches of prompts for every method.
      const batches = labRandom(deriveSeed(seed, "batches"));
      const points: CurvePoint[] = [];
      const byStep: { step: number; pass_at_1: number; pass_at_large_n: number }[] = [];
      const evaluate = (step: number) => {
        const probabilities = policy.probabilities();
        const passOne = passAtN(probabilities, world.gold, world.candidates, 1);
        const kl = klRows(policy.logProbabilities(), world.baseLogProbabilities, world.candidates);
        points.push({
          step,
          kl: meanOver(kl, trainPrompts),
          proxy: meanOver(passOne, trainPrompts),
          gold: meanOver(passOne, heldOut),
        });
        byStep.push({
          step,
          pass_at_1: meanOver(passOne, heldOut),
          pass_at_large_n: meanOver(passAtN(probabilities, world.gold, world.candidates, largeN), heldOut),
        });
      };
      evaluate(0);
      let clippedTotal = 0;
      const byLikelihood = { likely: 0, likelyMoved: 0, rare: 0, rareMoved: 0 };
      for (let step = 1; step <= settings.steps; step++) {
        const result = grpoStep(policy, (index) => world.gold[index] as number, {
          estimator,
          groupSize: settings.group_size,
          epochs: entry.epochs,
          clip: entry.clip ?? settings.clip,
          learningRate: settings.learning_rate,
          klCoefficient: settings.kl_coefficient,
          random,
          prompts: Array.from({ length: settings.batch_prompts }, () => batches.int(settings.train_prompts)),
        });
        clippedTotal += result.clippedFraction;
        byLikelihood.likely += result.clipByLikelihood.likely;
        byLikelihood.likelyMoved += result.clipByLikelihood.likelyMoved;
        byLikelihood.rare += result.clipByLikelihood.rare;
        byLikelihood.rareMoved += result.clipByLikelihood.rareMoved;
        if (step % settings.evaluate_every === 0 || step === settings.steps) evaluate(step);
      }
      curves.push({ method: entry.method, optimizer: "grpo", points });
      passCurves.push({
        method: entry.method,
        points: passCurve({ world, probabilities: policy.probabilities(), prompts: heldOut, ns }),
      });
      trainPassCurves.push({
        method: entry.method,
        points: passCurve({ world, probabilities: policy.probabilities(), prompts: trainPrompts, ns }),
      });
      passByStep.push({ method: entry.method, points: byStep });
      uplift.push({ method: entry.method, quartiles: rankUplift(world, policy.logProbabilities(), heldOut) });
      clipping.push({
        method: entry.method,
        mean_clipped_fraction: clippedTotal / settings.steps,
        // Only runs with a second epoch can clip; their clipped share among the likelier and rarer
        // half of each group (He et al.'s mechanism: likely samples hit the clip first).
        ...(byLikelihood.likelyMoved > 0 && byLikelihood.rareMoved > 0
          ? {
              likely_clipped_fraction: byLikelihood.likely / byLikelihood.likelyMoved,
              rare_clipped_fraction: byLikelihood.rare / byLikelihood.rareMoved,
            }
          : {}),
      });
    }
    const claims = unlikelinessClaims({
      passCurves,
      uplift,
      clipping,
      largeN,
      moreEpochs: settings.more_epochs,
    });
    const results = {
      experiment: "unlikeliness",
      seed,
      curves,
      claims,
      settings,
      pass_at_n: passCurves,
      pass_at_n_train: trainPassCurves,
      pass_by_step: passByStep,
      rank_uplift: uplift,
      clipping,
    };
    return Promise.resolve({ results, sections: unlikelinessReport(results) });
  },
});

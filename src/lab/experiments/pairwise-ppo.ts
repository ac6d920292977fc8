import { z } from "zod";
import { p3oStep, ppoValueStep } from "../optimizers/pairwise-training.js";
import { SoftmaxPolicy } from "../optimizers/softmax-policy.js";
import { deriveSeed, labRandom } from "../random.js";
import { pairwisePpoReport } from "../report/pairwise-ppo-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { average, expectationRows, klRows, logSoftmaxRows } from "../softmax.js";
import { defineExperiment } from "./experiment.js";
import { pairwisePpoClaims } from "./pairwise-ppo-claims.js";

const options = z.object({
  prompts: z.number().int().min(2).default(32).describe("Prompts (contexts of the bandit)."),
  candidates: z.number().int().min(2).default(8).describe("Responses a prompt can get."),
  steps: z.number().int().min(2).default(120).describe("Optimizer steps, one pair per prompt each."),
  eval_every: z.number().int().min(1).default(10).describe("Steps between two points of a curve."),
  epochs: z.number().int().min(1).default(2).describe("Passes of the clipped objective over a batch."),
  clip: z.number().positive().default(0.2).describe("ε of the clip (P3O and PPO alike)."),
  learning_rate: z.number().positive().default(0.05).describe("Step on the policy's logits."),
  kl_coefficient: z
    .number()
    .nonnegative()
    .default(0.05)
    .describe("β: R = r − β·log(π_old/π_base), folded into every method's reward."),
  value_learning_rate: z
    .number()
    .positive()
    .max(1)
    .default(0.1)
    .describe("PPO's critic: V(x) moves this fraction toward the prompt's mean reward each step."),
  shift_scale: z
    .number()
    .positive()
    .default(3)
    .describe("The per-prompt reward shift c(x) ~ N(0, shift_scale²) added in the shifted runs."),
});

type Method = "p3o_joint" | "p3o_separate" | "ppo_value";

export const pairwisePpo = defineExperiment({
  name: "pairwise-ppo",
  summary:
    "P3O (pairwise PPO, clipped trajectory-wise objectives) against PPO with a learned value baseline on a contextual bandit: adding a per-prompt constant to the reward leaves P3O's learning unchanged and moves PPO's; both learn, compared on the KL-penalized reward.",
  papers: [
    "Pairwise Proximal Policy Optimization: Harnessing Relative Feedback for LLM Alignment (Wu et al. 2023)",
  ],
  options,
  quick: { prompts: 12, steps: 40, eval_every: 10 },
  async run(settings, seed) {
    const { prompts, candidates } = settings;
    const worldRandom = labRandom(deriveSeed(seed, "world"));
    const baseLogits = Float64Array.from({ length: prompts * candidates }, () => worldRandom.normal());
    const baseLogProbabilities = logSoftmaxRows(baseLogits, candidates);
    const rewards = Float64Array.from({ length: prompts * candidates }, () => worldRandom.normal());
    const shifts = Float64Array.from({ length: prompts }, () => settings.shift_scale * worldRandom.normal());
    const baseValue = average(
      expectationRows(Array.from(baseLogProbabilities, Math.exp), rewards, candidates),
    );

    const train = (method: Method, shifted: boolean): Curve => {
      const policy = new SoftmaxPolicy({
        prompts,
        candidates,
        baseLogProbabilities,
        parameterization: "tabular",
      });
      // The same sampling stream with and without the shift: any difference comes from the shift.
      const random = labRandom(deriveSeed(seed, `samples-${method}`));
      const reward = (index: number) =>
        (rewards[index] as number) + (shifted ? (shifts[Math.floor(index / candidates)] as number) : 0);
      const step = {
        epochs: settings.epochs,
        clip: settings.clip,
        learningRate: settings.learning_rate,
        klCoefficient: settings.kl_coefficient,
        random,
      };
      const values = new Float64Array(prompts);
      const points: CurvePoint[] = [evaluate(policy, 0)];
      for (let index = 1; index <= settings.steps; index++) {
        if (method === "ppo_value")
          ppoValueStep(policy, reward, { ...step, values, valueLearningRate: settings.value_learning_rate });
        else p3oStep(policy, reward, { ...step, variant: method === "p3o_joint" ? "joint" : "separate" });
        if (index % settings.eval_every === 0 || index === settings.steps)
          points.push(evaluate(policy, index));
      }
      return {
        method: shifted ? `${method}_shifted` : method,
        optimizer: method.startsWith("p3o") ? "p3o" : "ppo",
        points,
      };
    };
    const evaluate = (policy: SoftmaxPolicy, step: number): CurvePoint => {
      const gold = average(expectationRows(policy.probabilities(), rewards, candidates)) - baseValue;
      return {
        step,
        kl: average(klRows(policy.logProbabilities(), baseLogProbabilities, candidates)),
        proxy: gold,
        gold,
      };
    };
    const methods: Method[] = ["p3o_joint", "p3o_separate", "ppo_value"];
    const curves = methods.flatMap((method) => [train(method, false), train(method, true)]);
    const claims = pairwisePpoClaims({ curves, klCoefficient: settings.kl_coefficient });
    const results = {
      experiment: "pairwise-ppo",
      seed,
      curves,
      claims,
      settings,
      shift_spread: Math.sqrt(average(shifts.map((shift) => shift * shift))),
    };
    return { results, sections: pairwisePpoReport(results) };
  },
});

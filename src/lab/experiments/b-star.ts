import { z } from "zod";
import { createContext } from "../../core/index.js";
import { bstarRound, passAtK, requestSeed, type ScoredRow } from "../../select/index.js";
import { moneyQuestion, textReward } from "../language/text-reward.js";
import { TinyGenerator } from "../language/tiny-generator.js";
import { sftEpoch, type TinyPolicy, type TinyText } from "../language/tiny-policy.js";
import { deriveSeed } from "../random.js";
import { bstarReport } from "../report/b-star-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { questionWorld, questionWorldOptions } from "../worlds/language-world.js";
import { bstarClaims } from "./b-star-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  ...questionWorldOptions({
    prompts: 32,
    promptsText: "Training prompts (the first words of held-out questions).",
  }),
  k: z.number().int().min(2).default(8).describe("Samples per prompt per round."),
  rounds: z.number().int().min(1).default(5).describe("Self-improvement rounds."),
  temperatures: z
    .array(z.number().positive())
    .default([0.5, 0.75, 1, 1.25])
    .describe("B-STaR's candidate temperatures."),
  thresholds: z
    .array(z.number())
    .default([0, 1, 2, 3])
    .describe("B-STaR's candidate reward thresholds (responses with a reward above one are kept)."),
  fixed: z
    .array(z.object({ temperature: z.number().positive(), threshold: z.number() }))
    .default([
      { temperature: 0.75, threshold: 0 },
      { temperature: 1, threshold: 0 },
      { temperature: 1, threshold: 1 },
    ])
    .describe("The fixed (temperature, threshold) settings compared (STaR/RFT without B-STaR)."),
  n_star: z.number().int().min(1).default(4).describe("n*: distinct correct responses a prompt needs."),
  probe_prompts: z.number().int().min(0).default(16).describe("Prompts the configuration search samples."),
  learning_rate: z.number().positive().default(0.5).describe("SFT step on the policy's logit offsets."),
  max_chars: z.number().int().min(8).default(60).describe("Characters per sample at most."),
  eval_k: z
    .number()
    .int()
    .min(2)
    .default(16)
    .describe("Samples per prompt when a policy is evaluated (pass@1, pass@k, distinct correct)."),
  pass_k: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe("The k of pass@k (estimated without bias from eval_k samples; ≤ eval_k)."),
});

type Settings = z.output<typeof options>;

/** The verifier: the model finished the question (it drew END right after "?"). */
function correct(text: TinyText): boolean {
  return text.finished && text.text.endsWith("?");
}

function textOf(row: ScoredRow): TinyText {
  return { text: row.completion, finished: row.meta?.truncated !== true };
}

export interface BstarEvaluation {
  step: number;
  /** Mean over prompts of the share of correct samples (temperature 1). */
  pass_at_1: number;
  /** Mean over prompts of pass@k, k = pass_k, from eval_k samples (exploration). */
  pass_at_k: number;
  /** Mean over prompts of distinct correct samples (exploration). */
  distinct_correct: number;
  reward: number;
  /** Mean over samples of KL(π ‖ π_base) along them (exact per character), nats. */
  kl: number;
}

export const bStar = defineExperiment({
  name: "b-star",
  summary:
    "B-STaR's self-improvement on a tiny character model of GSM8K questions: each round the balance score picks the sampling temperature and the reward threshold; against fixed settings, on accuracy (pass@1) and exploration (pass@k, distinct correct answers).",
  papers: [
    "B-STaR: Monitoring and Balancing Exploration and Exploitation in Self-Taught Reasoners (Zeng et al. 2025)",
  ],
  options,
  quick: { questions: 600, prompts: 10, k: 4, rounds: 2, probe_prompts: 5, eval_k: 4, max_chars: 40 },
  async run(settings: Settings, seed) {
    const world = questionWorld({
      questions: settings.questions,
      order: settings.order,
      prompts: settings.prompts,
      promptWords: settings.prompt_words,
      seed,
    });
    const base = world.basePolicy();
    const reward = textReward("money_question", (text, sample) =>
      moneyQuestion(text, sample.meta?.truncated !== true),
    );
    const evaluate = async (policy: TinyPolicy, step: number, label: string): Promise<BstarEvaluation> => {
      const generator = new TinyGenerator(() => policy);
      let passOne = 0;
      let passK = 0;
      let distinct = 0;
      let total = 0;
      let kl = 0;
      for (const prompt of world.prompts) {
        const texts = await generator.sample({
          prompt: prompt.prompt,
          n: settings.eval_k,
          settings: { temperature: 1, maxTokens: settings.max_chars },
          seed: requestSeed(deriveSeed(seed, `evaluate-${label}`), step, prompt.id),
        });
        const right = texts.filter(correct);
        passOne += right.length / texts.length;
        passK += passAtK(texts.length, right.length, Math.min(settings.pass_k, texts.length));
        distinct += new Set(right.map((text) => text.text)).size;
        total += texts.reduce((sum, text) => sum + moneyQuestion(text.text, text.finished), 0) / texts.length;
        kl +=
          texts.reduce((sum, text) => sum + policy.klAlong(prompt.prompt as string, text, base), 0) /
          texts.length;
      }
      const count = world.prompts.length;
      return {
        step,
        pass_at_1: passOne / count,
        pass_at_k: passK / count,
        distinct_correct: distinct / count,
        reward: total / count,
        kl: kl / count,
      };
    };
    const start = await evaluate(base, 0, "base");
    const methods = [
      { method: "b_star", temperatures: settings.temperatures, thresholds: settings.thresholds },
      ...settings.fixed.map((entry) => ({
        method: `fixed_t${entry.temperature}_r${entry.threshold}`,
        temperatures: [entry.temperature],
        thresholds: [entry.threshold],
      })),
    ];
    const evaluations: { method: string; points: BstarEvaluation[] }[] = [];
    const chosen: {
      method: string;
      rounds: { round: number; temperature: number; threshold: number; balance: number; selected: number }[];
    }[] = [];
    for (const entry of methods) {
      const policy = base.clone();
      const generator = new TinyGenerator(() => policy);
      const context = createContext({ runId: `b-star-${entry.method}-${seed}` });
      const points = [start];
      const rounds = [];
      for (let round = 1; round <= settings.rounds; round++) {
        const result = await bstarRound({
          generator,
          reward,
          context,
          prompts: world.prompts,
          k: settings.k,
          temperatures: entry.temperatures,
          thresholds: entry.thresholds,
          nStar: settings.n_star,
          probePrompts: settings.probe_prompts,
          correct: (row) => correct(textOf(row)),
          settings: { maxTokens: settings.max_chars },
          seed: deriveSeed(seed, `b-star-${entry.method}`),
          round,
        });
        rounds.push({
          round,
          temperature: result.temperature,
          threshold: result.threshold,
          balance: result.balance,
          selected: result.selected.length,
        });
        sftEpoch(
          policy,
          result.selected.map((row) => ({ prompt: row.prompt as string, completion: textOf(row) })),
          settings.learning_rate,
        );
        points.push(await evaluate(policy, round, entry.method));
      }
      evaluations.push({ method: entry.method, points });
      chosen.push({ method: entry.method, rounds });
    }
    const curves: Curve[] = evaluations.map((entry) => ({
      method: entry.method,
      optimizer: "self_improvement",
      points: entry.points.map(
        (point): CurvePoint => ({
          kl: point.kl,
          proxy: point.reward,
          gold: point.pass_at_1,
          step: point.step,
        }),
      ),
    }));
    const claims = bstarClaims({ evaluations });
    const results = {
      experiment: "b-star",
      seed,
      curves,
      claims,
      settings,
      corpus: world.corpus.source,
      evaluations,
      chosen,
    };
    return { results, sections: bstarReport(results) };
  },
});

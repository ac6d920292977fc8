import { z } from "zod";
import { createContext } from "../../core/index.js";
import { bestOfNKl, requestSeed, unbiasedBestOfNCurve, vasDecode } from "../../select/index.js";
import { moneyQuestion, textReward } from "../language/text-reward.js";
import { TinyGenerator } from "../language/tiny-generator.js";
import { ValueHead } from "../language/value-head.js";
import { deriveSeed } from "../random.js";
import { vasReport } from "../report/vas-report.js";
import type { Curve } from "../results.js";
import { questionWorld, questionWorldOptions } from "../worlds/language-world.js";
import { defineExperiment } from "./experiment.js";
import { vasClaims } from "./vas-claims.js";

const options = z.object({
  ...questionWorldOptions({ prompts: 24 }),
  max_chars: z.number().int().min(8).default(48).describe("Characters per text at most."),
  betas: z
    .array(z.number().min(0))
    .default([0, 0.5, 1, 2, 4, 8])
    .describe("VAS strengths β (0 is the base model)."),
  top_k: z.number().int().min(1).default(10).describe("Next tokens reweighted (TRL's VAS default 10)."),
  samples: z.number().int().min(1).default(4).describe("VAS texts per prompt and β."),
  best_of: z
    .array(z.number().int().min(1))
    .default([1, 2, 4, 8, 16, 32])
    .describe("Best-of-n's n (estimated without bias from 32 samples a prompt)."),
  value_samples: z
    .number()
    .int()
    .min(1)
    .default(16)
    .describe("Base samples a prompt the value head is fit on."),
  td_lambda: z.number().min(0).max(1).default(0.95).describe("λ of the value head's TD(λ) targets."),
});

export const vas = defineExperiment({
  name: "vas",
  summary:
    "Value Augmented Sampling on a tiny character model: reward against KL across β, beside best-of-n across n, with a value head fit by TD(λ) on the frozen model's samples.",
  papers: ["Value Augmented Sampling for Language Model Alignment and Personalization (Han et al. 2024)"],
  options,
  quick: {
    questions: 600,
    prompts: 8,
    betas: [0, 2, 8],
    samples: 2,
    best_of: [1, 4, 16],
    value_samples: 8,
    max_chars: 32,
  },
  async run(settings, seed) {
    const world = questionWorld({
      questions: settings.questions,
      order: settings.order,
      prompts: settings.prompts,
      promptWords: settings.prompt_words,
      seed,
    });
    const policy = world.basePolicy();
    const generator = new TinyGenerator(() => policy);
    const score = (text: { text: string; finished: boolean }) => moneyQuestion(text.text, text.finished);
    // The value head: TD(λ) on prefixes of base samples scored at their end.
    const head = new ValueHead(world.model, settings.max_chars);
    const training = [];
    for (const prompt of world.prompts) {
      const texts = await generator.sample({
        prompt: prompt.prompt,
        n: settings.value_samples,
        settings: { temperature: 1, maxTokens: settings.max_chars },
        seed: requestSeed(deriveSeed(seed, "value"), prompt.id),
      });
      training.push(...texts.map((text) => ({ text: text.text, reward: score(text) })));
    }
    head.fit({ texts: training, lambda: settings.td_lambda, iterations: 3, ridge: 1e-2 });
    const value = textReward("value", (text) => head.value(text));
    const context = createContext({ runId: `vas-${seed}` });
    const byBeta: { beta: number; reward: number; kl: number; outside: number }[] = [];
    for (const beta of settings.betas) {
      let reward = 0;
      let kl = 0;
      let outside = 0;
      for (const prompt of world.prompts) {
        for (let sample = 0; sample < settings.samples; sample++) {
          const result = await vasDecode({
            generator,
            value,
            context,
            prompt,
            topK: settings.top_k,
            beta,
            maxTokens: settings.max_chars,
            seed: deriveSeed(seed, "vas"),
            sample,
          });
          reward += score(result);
          kl += result.kl;
          outside += result.outside;
        }
      }
      const count = world.prompts.length * settings.samples;
      byBeta.push({ beta, reward: reward / count, kl: kl / count, outside });
    }
    const pool = Math.max(32, ...settings.best_of);
    const bestOf = settings.best_of.map(() => 0);
    for (const prompt of world.prompts) {
      const texts = await generator.sample({
        prompt: prompt.prompt,
        n: pool,
        settings: { temperature: 1, maxTokens: settings.max_chars },
        seed: requestSeed(deriveSeed(seed, "best-of-n"), prompt.id),
      });
      unbiasedBestOfNCurve({ scores: texts.map(score), ns: settings.best_of }).forEach((estimate, index) => {
        bestOf[index] = (bestOf[index] as number) + estimate / world.prompts.length;
      });
    }
    const curves: Curve[] = [
      {
        method: "vas",
        optimizer: "vas",
        points: byBeta.map((entry) => ({ kl: entry.kl, proxy: entry.reward, gold: entry.reward })),
      },
      {
        method: "best_of_n",
        optimizer: "best_of_n",
        points: settings.best_of.map((n, index) => ({
          kl: bestOfNKl(n),
          proxy: bestOf[index] as number,
          gold: bestOf[index] as number,
          n,
        })),
      },
    ];
    const claims = vasClaims({
      byBeta,
      bestOf: settings.best_of.map((n, index) => ({ n, kl: bestOfNKl(n), reward: bestOf[index] as number })),
    });
    const results = {
      experiment: "vas",
      seed,
      curves,
      claims,
      settings,
      corpus: world.corpus.source,
      vas: byBeta,
    };
    return { results, sections: vasReport(results) };
  },
});

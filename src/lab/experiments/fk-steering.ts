import { z } from "zod";
import { createContext } from "../../core/index.js";
import { bestOfNKl, type FkPotential, fkSteer, requestSeed } from "../../select/index.js";
import { occurrences, textReward } from "../language/text-reward.js";
import { TinyGenerator } from "../language/tiny-generator.js";
import { deriveSeed } from "../random.js";
import { fkReport } from "../report/fk-report.js";
import type { Curve } from "../results.js";
import { questionWorld, questionWorldOptions } from "../worlds/language-world.js";
import { defineExperiment } from "./experiment.js";
import { fkClaims } from "./fk-claims.js";

const options = z.object({
  ...questionWorldOptions({ prompts: 48 }),
  particles: z
    .number()
    .int()
    .min(2)
    .default(8)
    .describe("k: the particle count the claims compare at (best-of-n uses n = k)."),
  particle_counts: z
    .array(z.number().int().min(1))
    .default([1, 2, 4, 8, 16])
    .describe("Particle counts of the sweep."),
  chunk_chars: z
    .number()
    .int()
    .min(1)
    .default(8)
    .describe("Characters each particle grows between resampling points."),
  chunks: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe("Chunks: texts are at most chunk_chars × chunks characters."),
  potential: z
    .enum(["diff", "max", "sum", "current"])
    .default("diff")
    .describe("The potential (the authors' default: diff)."),
  lambda: z.number().positive().default(10).describe("λ of the potentials (the authors' default 10)."),
  attribute: z
    .string()
    .min(1)
    .default("$")
    .describe("The attribute: the reward counts its occurrences (a money amount: `$`)."),
});

export const fkSteering = defineExperiment({
  name: "fk-steering",
  summary:
    "Feynman-Kac steering of a tiny character model toward a rare attribute (money amounts): at equal particle count it reaches more reward than best-of-n and than sampling.",
  papers: [
    "A General Framework for Inference-time Scaling and Steering of Diffusion Models (Singhal et al. 2025)",
  ],
  options,
  quick: { questions: 600, prompts: 12, particle_counts: [1, 4, 8], chunks: 4 },
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
    const count = (text: string) => occurrences(text, settings.attribute);
    const reward = textReward("attribute", count);
    const context = createContext({ runId: `fk-${seed}` });
    const maxChars = settings.chunk_chars * settings.chunks;
    const counts = [...new Set([...settings.particle_counts, settings.particles])].sort((a, b) => a - b);
    const sweep: { particles: number; sampling: number; best_of_n: number; fk: number; fk_errors: number }[] =
      [];
    const byPotential: { potential: FkPotential; reward: number; resampled_steps: number }[] = [];
    let attributeRate = 0;
    const examples: { prompt: string; best_of_n: string; fk: string }[] = [];
    for (const particles of counts) {
      let sampling = 0;
      let bestOfN = 0;
      let steered = 0;
      let errors = 0;
      for (const prompt of world.prompts) {
        const texts = await generator.sample({
          prompt: prompt.prompt,
          n: particles,
          settings: { temperature: 1, maxTokens: maxChars },
          seed: requestSeed(deriveSeed(seed, "best-of-n"), particles, prompt.id),
        });
        const rewards = texts.map((text) => count(text.text));
        sampling += rewards[0] as number;
        bestOfN += Math.max(...rewards);
        if (particles === settings.particles)
          attributeRate += rewards.filter((value) => value > 0).length / rewards.length;
        const result = await fkSteer({
          generator,
          reward,
          context,
          prompt,
          particles,
          chunkTokens: settings.chunk_chars,
          maxChunks: settings.chunks,
          potential: settings.potential,
          lambda: settings.lambda,
          adaptive: false,
          resampleEvery: 1,
          rewardMinValue: 0,
          settings: { temperature: 1 },
          seed: deriveSeed(seed, `fk-${particles}`),
        });
        steered += result.reward;
        errors += result.errored;
        if (particles === settings.particles && examples.length < 4) {
          const best = texts[rewards.indexOf(Math.max(...rewards))];
          examples.push({ prompt: prompt.prompt as string, best_of_n: best?.text ?? "", fk: result.text });
        }
      }
      const size = world.prompts.length;
      sweep.push({
        particles,
        sampling: sampling / size,
        best_of_n: bestOfN / size,
        fk: steered / size,
        fk_errors: errors,
      });
    }
    for (const potential of ["diff", "max", "sum", "current"] as const) {
      let total = 0;
      let resampled = 0;
      for (const prompt of world.prompts) {
        const result = await fkSteer({
          generator,
          reward,
          context,
          prompt,
          particles: settings.particles,
          chunkTokens: settings.chunk_chars,
          maxChunks: settings.chunks,
          potential,
          lambda: settings.lambda,
          adaptive: false,
          resampleEvery: 1,
          rewardMinValue: 0,
          settings: { temperature: 1 },
          seed: deriveSeed(seed, `fk-${potential}`),
        });
        total += result.reward;
        resampled += result.steps.filter((step) => step.resampled).length;
      }
      byPotential.push({ potential, reward: total / world.prompts.length, resampled_steps: resampled });
    }
    // Sampling and best-of-n have exact KLs (0, log n − (n − 1)/n); FK's output distribution has none
    // that can be computed, so FK is reported against the particle count only.
    const curves: Curve[] = [
      {
        method: "best_of_n",
        optimizer: "best_of_n",
        points: sweep.map((entry) => ({
          kl: bestOfNKl(entry.particles),
          proxy: entry.best_of_n,
          gold: entry.best_of_n,
          n: entry.particles,
        })),
      },
      {
        method: "sampling",
        optimizer: "sampling",
        points: sweep.map((entry) => ({
          kl: 0,
          proxy: entry.sampling,
          gold: entry.sampling,
          n: entry.particles,
        })),
      },
    ];
    const claims = fkClaims({ sweep, particles: settings.particles });
    const results = {
      experiment: "fk-steering",
      seed,
      curves,
      claims,
      settings,
      corpus: world.corpus.source,
      attribute_rate: attributeRate / world.prompts.length,
      sweep,
      potentials: byPotential,
      examples,
    };
    return { results, sections: fkReport(results) };
  },
});

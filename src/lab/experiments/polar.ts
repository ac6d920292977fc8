import { z } from "zod";
import { trainBradleyTerry, trainPolar } from "../../models/index.js";
import { deriveSeed, type LabRandom, labRandom } from "../random.js";
import { polarReport } from "../report/polar-report.js";
import type { MeasuredCurve } from "../results.js";
import { spearman } from "../statistics/rank-correlation.js";
import { createPolicyWorld, type PolicyWorld, randomStyle, respond, styleAt } from "../worlds/policy-pool.js";
import { defineExperiment } from "./experiment.js";
import { polarClaims } from "./polar-claims.js";

const options = z.object({
  dimensions: z.number().int().min(2).default(8).describe("Dimensions of a response vector."),
  prompts: z
    .number()
    .int()
    .min(1)
    .default(16)
    .describe("Prompts (each shifts every policy's responses alike)."),
  pool: z.number().int().min(3).default(24).describe("Policies in the pre-training pool."),
  noise: z.number().positive().default(1).describe("Std of a policy's responses around its style."),
  style_scale: z.number().positive().default(1.5).describe("Std of policy styles."),
  budget: z
    .number()
    .int()
    .min(50)
    .default(3000)
    .describe("Labelled comparisons for each reward model (POLAR triplets, or BT preference pairs)."),
  targets: z
    .number()
    .int()
    .min(2)
    .default(12)
    .describe("Held-out target policies the rewards are asked about."),
  candidates: z
    .number()
    .int()
    .min(3)
    .default(8)
    .describe("Candidate policies per target, at growing distance from it."),
  max_distance: z
    .number()
    .positive()
    .default(4)
    .describe("The farthest candidate's style distance from the target."),
  references: z.number().int().min(1).default(8).describe("Reference responses per prompt from the target."),
  rft_steps: z
    .number()
    .int()
    .min(1)
    .default(150)
    .describe("Policy-gradient steps of the reinforcement fine-tuning run."),
  rft_batch: z.number().int().min(2).default(64).describe("Responses per RFT step."),
  rft_learning_rate: z.number().positive().default(0.05).describe("Step size on the policy's style."),
  features: z
    .enum(["distance", "product-and-distance"])
    .default("distance")
    .describe(
      "POLAR's comparison features: (ref − cand)², or also ref ⊙ cand (which can reward overshooting the reference).",
    ),
});

type Settings = z.output<typeof options>;

/** The BT baseline sees the response and its squares: the same quadratic capacity POLAR's head has. */
function absoluteFeatures(response: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: 2 * response.length }, (_, index) =>
    index < response.length
      ? (response[index] as number)
      : (response[index - response.length] as number) ** 2,
  );
}

type Reward = (reference: Float64Array, candidate: Float64Array) => number;

/** A policy's mean reward: references from the target, responses from the candidate, every prompt. */
function policyReward(input: {
  world: PolicyWorld;
  reward: Reward;
  target: Float64Array;
  candidate: Float64Array;
  references: number;
  random: LabRandom;
}): number {
  let total = 0;
  let count = 0;
  for (let prompt = 0; prompt < input.world.prompts.length; prompt++) {
    for (let draw = 0; draw < input.references; draw++) {
      total += input.reward(
        respond(input.world, input.target, prompt, input.random),
        respond(input.world, input.candidate, prompt, input.random),
      );
      count++;
    }
  }
  return total / count;
}

export const polar = defineExperiment({
  name: "polar",
  summary:
    "Synthetic policies: POLAR's discriminator, pre-trained to tell same-policy from other-policy responses, ranks unseen policies by closeness to any reference policy and steers RFT toward it; a Bradley–Terry RM with the same labelling budget only knows the one target its labels came from.",
  papers: ["POLAR: Pre-trained Policy Discriminators are General Reward Models (Dou et al. 2025)"],
  options,
  quick: {
    pool: 8,
    budget: 400,
    targets: 3,
    candidates: 5,
    prompts: 4,
    references: 2,
    rft_steps: 30,
    rft_batch: 16,
  },
  run(settings, seed) {
    const random = labRandom(deriveSeed(seed, "polar-world"));
    const world = createPolicyWorld({ ...settings, styleScale: settings.style_scale, random });
    const pool = Array.from({ length: settings.pool }, () => randomStyle(world, random));
    const polarModel = trainPolar({
      triplets: pretrainingTriplets(world, pool, settings.budget, random),
      features: settings.features,
      seed,
    });
    // The BT RM's labels: annotators who prefer responses of one policy (T0) to any other pool policy's.
    const labelTarget = pool[0] as Float64Array;
    const bt = trainBradleyTerry({
      ...preferencePairs({ world, pool, target: labelTarget, budget: settings.budget, random }),
      epochs: 10,
      seed,
    });
    const rewards: Record<"polar" | "bradley_terry", Reward> = {
      polar: (reference, candidate) => polarModel.score(reference, candidate),
      bradley_terry: (_reference, candidate) => bt.scoreVector(absoluteFeatures(candidate)),
    };
    const distances = Array.from(
      { length: settings.candidates },
      (_, index) => (settings.max_distance * index) / (settings.candidates - 1),
    );
    const rankings = ranking({ settings, world, rewards, distances, seed });
    const btHeldOut = heldOutAccuracy(
      bt,
      preferencePairs({
        world,
        pool,
        target: labelTarget,
        budget: 400,
        random: labRandom(deriveSeed(seed, "bt-held-out")),
      }),
    );
    const ownTarget = rankingFor({
      settings,
      world,
      reward: rewards.bradley_terry,
      target: labelTarget,
      distances,
      random: labRandom(deriveSeed(seed, "own-target")),
    });
    const sanity = identicalSanity(world, pool, polarModel.score, labRandom(deriveSeed(seed, "sanity")));
    const rft = reinforcementFineTuning({ settings, world, rewards, labelTarget, seed });
    const curves: MeasuredCurve[] = [
      ...(["polar", "bradley_terry"] as const).map((method) => ({
        method: `${method}_reward_by_distance`,
        x: "candidate's style distance from the target",
        y: "mean reward (standardized per target)",
        points: distances.map((distance, at) => ({
          x: distance,
          y: rankings[method].meanStandardized[at] as number,
        })),
      })),
      ...rft.curves,
    ];
    const claims = polarClaims({
      rho: { polar: rankings.polar.meanRho, bradleyTerry: rankings.bradley_terry.meanRho },
      btHeldOutAccuracy: btHeldOut,
      btOwnTargetRho: ownTarget.rho,
      identical: sanity,
      rft: rft.final,
    });
    const results = {
      experiment: "polar",
      seed,
      curves,
      claims,
      settings,
      spearman_by_target: { polar: rankings.polar.rhos, bradley_terry: rankings.bradley_terry.rhos },
      rft: rft.final,
    };
    return Promise.resolve({ results, sections: polarReport(results) });
  },
});

function heldOutAccuracy(
  model: { scoreVector(vector: ArrayLike<number>): number },
  data: { features: Float64Array[]; pairs: { chosen: number; rejected: number }[] },
): number {
  const correct = data.pairs.filter(
    (pair) =>
      model.scoreVector(data.features[pair.chosen] as Float64Array) >
      model.scoreVector(data.features[pair.rejected] as Float64Array),
  ).length;
  return correct / data.pairs.length;
}

function pretrainingTriplets(
  world: PolicyWorld,
  pool: readonly Float64Array[],
  budget: number,
  random: LabRandom,
) {
  return Array.from({ length: budget }, () => {
    const prompt = random.int(world.prompts.length);
    const a = random.int(pool.length);
    let b = random.int(pool.length - 1);
    if (b >= a) b++;
    const styleA = pool[a] as Float64Array;
    return {
      reference: respond(world, styleA, prompt, random),
      chosen: respond(world, styleA, prompt, random),
      rejected: respond(world, pool[b] as Float64Array, prompt, random),
    };
  });
}

function preferencePairs(input: {
  world: PolicyWorld;
  pool: readonly Float64Array[];
  target: Float64Array;
  budget: number;
  random: LabRandom;
}) {
  const { world, pool, target, budget, random } = input;
  const features: Float64Array[] = [];
  const pairs = Array.from({ length: budget }, () => {
    const prompt = random.int(world.prompts.length);
    const other = pool[1 + random.int(pool.length - 1)] as Float64Array;
    features.push(absoluteFeatures(respond(world, target, prompt, random)));
    features.push(absoluteFeatures(respond(world, other, prompt, random)));
    return { chosen: features.length - 2, rejected: features.length - 1 };
  });
  return { features, pairs };
}

function rankingFor(input: {
  settings: Settings;
  world: PolicyWorld;
  reward: Reward;
  target: Float64Array;
  distances: readonly number[];
  random: LabRandom;
}): { rho: number; values: number[] } {
  const { settings, world, reward, target, distances, random } = input;
  const values = distances.map((distance) =>
    policyReward({
      world,
      reward,
      target,
      candidate: styleAt(target, distance, random),
      references: settings.references,
      random,
    }),
  );
  return {
    rho: spearman(
      values,
      distances.map((distance) => -distance),
    ),
    values,
  };
}

function ranking(input: {
  settings: Settings;
  world: PolicyWorld;
  rewards: Record<"polar" | "bradley_terry", Reward>;
  distances: readonly number[];
  seed: number;
}) {
  const { settings, world, rewards, distances, seed } = input;
  const out = {} as Record<
    "polar" | "bradley_terry",
    { rhos: number[]; meanRho: number; meanStandardized: number[] }
  >;
  for (const method of ["polar", "bradley_terry"] as const) {
    // The same held-out targets and candidate draws for both rewards.
    const random = labRandom(deriveSeed(seed, "held-out-targets"));
    const rhos: number[] = [];
    const sums = new Array<number>(distances.length).fill(0);
    for (let target = 0; target < settings.targets; target++) {
      const style = randomStyle(world, random);
      const { rho, values } = rankingFor({
        settings,
        world,
        reward: rewards[method],
        target: style,
        distances,
        random,
      });
      rhos.push(rho);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const std = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) || 1;
      values.forEach((value, at) => {
        sums[at] = (sums[at] as number) + (value - mean) / std / settings.targets;
      });
    }
    out[method] = {
      rhos,
      meanRho: rhos.reduce((sum, value) => sum + value, 0) / rhos.length,
      meanStandardized: sums,
    };
  }
  return out;
}

/** The README's sanity check: an output identical to the reference outscores another policy's output. */
function identicalSanity(
  world: PolicyWorld,
  pool: readonly Float64Array[],
  score: Reward,
  random: LabRandom,
): number {
  let wins = 0;
  const trials = 200;
  for (let trial = 0; trial < trials; trial++) {
    const prompt = random.int(world.prompts.length);
    const reference = respond(world, pool[random.int(pool.length)] as Float64Array, prompt, random);
    const other = respond(world, randomStyle(world, random), prompt, random);
    if (score(reference, reference) > score(reference, other)) wins++;
  }
  return wins / trials;
}

/**
 * RFT with each reward (POLAR's recipe: the reference is a response of the target policy for the
 * same prompt): a Gaussian policy over responses whose style is moved by REINFORCE with a batch
 * mean baseline, toward a held-out target neither reward model was trained on.
 */
function reinforcementFineTuning(input: {
  settings: Settings;
  world: PolicyWorld;
  rewards: Record<"polar" | "bradley_terry", Reward>;
  labelTarget: Float64Array;
  seed: number;
}) {
  const { settings, world, rewards, labelTarget, seed } = input;
  const setup = labRandom(deriveSeed(seed, "rft-target"));
  const target = randomStyle(world, setup);
  const start = randomStyle(world, setup);
  const distance = (style: ArrayLike<number>, to: ArrayLike<number>) =>
    Math.hypot(...Array.from(style, (value, index) => value - (to[index] as number)));
  const curves: MeasuredCurve[] = [];
  const final: Record<string, number> = { start_distance: distance(start, target) };
  for (const method of ["polar", "bradley_terry"] as const) {
    const random = labRandom(deriveSeed(seed, `rft-${method}`));
    const style = start.slice();
    const points = [{ x: 0, y: distance(style, target) }];
    for (let step = 1; step <= settings.rft_steps; step++) {
      const batch = Array.from({ length: settings.rft_batch }, () => {
        const prompt = random.int(world.prompts.length);
        const response = respond(world, style, prompt, random);
        return {
          response,
          prompt,
          reward: rewards[method](respond(world, target, prompt, random), response),
        };
      });
      const baseline = batch.reduce((sum, item) => sum + item.reward, 0) / batch.length;
      const gradient = new Float64Array(world.dimensions);
      for (const item of batch) {
        const offset = world.prompts[item.prompt] as Float64Array;
        for (let index = 0; index < world.dimensions; index++) {
          // ∇_μ log N(y; ν + μ, σ²) = (y − ν − μ)/σ².
          const score =
            ((item.response[index] as number) - (offset[index] as number) - (style[index] as number)) /
            world.noise ** 2;
          gradient[index] = (gradient[index] as number) + ((item.reward - baseline) * score) / batch.length;
        }
      }
      for (let index = 0; index < world.dimensions; index++) {
        style[index] = (style[index] as number) + settings.rft_learning_rate * (gradient[index] as number);
      }
      if (step % Math.max(1, Math.floor(settings.rft_steps / 10)) === 0)
        points.push({ x: step, y: distance(style, target) });
    }
    curves.push({
      method: `rft_${method}`,
      x: "RFT step",
      y: "distance of the policy's style to the target",
      points,
    });
    final[`${method}_distance_to_target`] = distance(style, target);
    final[`${method}_distance_to_label_target`] = distance(style, labelTarget);
  }
  return { curves, final };
}

import { z } from "zod";
import { trainBradleyTerry } from "../../models/index.js";
import {
  fitLearningCurve,
  type LearningCurve,
  minimaxAllocation,
  predictError,
  proportionalAllocation,
  uniformAllocation,
} from "../../preference/index.js";
import { deriveSeed, type LabRandom, labRandom } from "../random.js";
import { equitableReport } from "../report/equitable-report.js";
import type { MeasuredCurve } from "../results.js";
import {
  createGroupWorld,
  drawGroupPairs,
  type GroupPair,
  type GroupWorld,
} from "../worlds/group-preferences.js";
import { equitableClaims } from "./equitable-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  dimensions: z.number().int().min(2).default(20).describe("Response features."),
  shares: z
    .array(z.number().positive())
    .min(2)
    .default([0.7, 0.2, 0.1])
    .describe("Each group's share of the population."),
  complexity: z
    .array(z.number().int().positive())
    .min(2)
    .default([3, 8, 20])
    .describe("How many feature directions each group's taste spreads over (more: harder to learn)."),
  sharpness: z.number().positive().default(10).describe("The labellers' Bradley–Terry sharpness."),
  budget: z.number().int().min(10).default(600).describe("Comparisons to collect in total (all groups)."),
  pilot: z
    .number()
    .int()
    .min(4)
    .default(20)
    .describe("Comparisons per group collected before any allocation."),
  round: z
    .number()
    .int()
    .min(1)
    .default(40)
    .describe("Comparisons allocated per round by the adaptive strategy."),
  test_pairs: z
    .number()
    .int()
    .min(50)
    .default(1000)
    .describe("Held-out comparisons per group (gold labels) for the errors."),
  repeats: z.number().int().min(1).default(3).describe("Independent data draws averaged over."),
  splits: z.number().int().min(1).default(2).describe("Random splits per learning-curve point."),
  explore: z
    .number()
    .min(0)
    .max(1)
    .default(0.25)
    .describe("Share of each adaptive round spread evenly over the groups."),
});

type Settings = z.output<typeof options>;
const strategies = ["adaptive", "uniform", "proportional", "known_rates"] as const;
type Strategy = (typeof strategies)[number];

/** A per-group Bradley–Terry RM trained on the comparisons' collected labels. */
function trainGroupModel(pairs: readonly GroupPair[], seed: number) {
  const features: Float64Array[] = [];
  const training = pairs.map((pair) => {
    features.push(pair.a, pair.b);
    return pair.preferA
      ? { chosen: features.length - 2, rejected: features.length - 1 }
      : { chosen: features.length - 1, rejected: features.length - 2 };
  });
  return trainBradleyTerry({ features, pairs: training, epochs: 30, learningRate: 0.05, seed });
}

/** Gold error of a per-group RM trained on `pairs` (chance with no data). */
function groupError(pairs: readonly GroupPair[], test: readonly GroupPair[], seed: number): number {
  if (pairs.length === 0) return 0.5;
  const model = trainGroupModel(pairs, seed);
  return (
    test.filter((pair) => model.scoreVector(pair.a) > model.scoreVector(pair.b) !== pair.goldA).length /
    test.length
  );
}

/**
 * One point of a group's learning curve from what was collected: an RM trained on `size` of the
 * comparisons, its error on the rest (their noisy labels), averaged over `splits` random splits.
 */
function subsampleError(input: {
  pairs: readonly GroupPair[];
  size: number;
  splits: number;
  random: LabRandom;
  seed: number;
}): number {
  const { pairs, size, splits, random, seed } = input;
  let wrong = 0;
  let asked = 0;
  for (let split = 0; split < splits; split++) {
    const order = pairs.map((_, index) => index);
    for (let index = order.length - 1; index > 0; index--) {
      const swap = random.int(index + 1);
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    const model = trainGroupModel(
      order.slice(0, size).map((index) => pairs[index] as GroupPair),
      seed + split,
    );
    const held = order.slice(size).map((index) => pairs[index] as GroupPair);
    wrong += held.filter(
      (pair) => model.scoreVector(pair.a) > model.scoreVector(pair.b) !== pair.preferA,
    ).length;
    asked += held.length;
  }
  return wrong / Math.max(1, asked);
}

/** The sampling run of one strategy: counts per group after each round, and the fitted curves. */
function collect(input: {
  settings: Settings;
  world: GroupWorld;
  strategy: Strategy;
  random: LabRandom;
  seed: number;
}) {
  const { settings, world } = input;
  const groups = world.groups.length;
  const collected: GroupPair[][] = world.groups.map((_, group) =>
    drawGroupPairs(world, group, settings.pilot, input.random),
  );
  const history: { n: number; error: number }[][] = world.groups.map(() => []);
  let curves: LearningCurve[] = [];
  const checkpoints: number[][] = [collected.map((pairs) => pairs.length)];
  // The budget level reached so far. It advances by a whole round each time, even when a baseline's
  // pilot already holds more than its target for some group (then it buys less than the round):
  // advancing by what was bought instead never ends when a round buys nothing.
  let level = settings.pilot * groups;
  while (level < settings.budget) {
    const step = Math.min(settings.round, settings.budget - level);
    let extra: number[];
    if (input.strategy === "adaptive") {
      // New points of each group's learning curve: RMs on 1/4, 1/2 and 3/4 of what it has so far.
      collected.forEach((pairs, group) => {
        for (const fraction of [0.25, 0.5, 0.75]) {
          const size = Math.max(2, Math.round(fraction * pairs.length));
          const error = subsampleError({
            pairs,
            size,
            splits: settings.splits,
            random: input.random,
            seed: input.seed + 31 * group + pairs.length,
          });
          (history[group] as { n: number; error: number }[]).push({ n: size, error: Math.max(1e-3, error) });
        }
      });
      curves = history.map((points) => fitLearningCurve(points));
      // A share of every round is spread evenly (reconstructed: a misfitted curve cannot starve a group).
      const spread = Math.floor(settings.explore * step);
      const even = uniformAllocation(groups, spread);
      const current = collected.map((pairs, group) => pairs.length + (even[group] as number));
      const targeted = minimaxAllocation({ curves, current, budget: step - spread });
      extra = targeted.map((count, group) => count + (even[group] as number));
    } else {
      // The baselines' target counts at this budget, minus what they already hold. known_rates is
      // the allocation that knows this world's learning curves (error ∝ d_g/n_g, so n_g ∝ d_g
      // equalizes them): what the adaptive strategy must find without knowing them.
      const target =
        input.strategy === "uniform"
          ? uniformAllocation(groups, level + step)
          : proportionalAllocation(
              input.strategy === "proportional" ? settings.shares : world.groups.map((group) => group.active),
              level + step,
            );
      extra = target.map((count, group) => Math.max(0, count - (collected[group] as GroupPair[]).length));
    }
    extra.forEach((count, group) => {
      if (count > 0)
        (collected[group] as GroupPair[]).push(...drawGroupPairs(world, group, count, input.random));
    });
    level += step;
    checkpoints.push(collected.map((pairs) => pairs.length));
  }
  return { collected, checkpoints, curves };
}

export const equitableSampling = defineExperiment({
  name: "equitable-sampling",
  summary:
    "Groups whose preferences are harder to learn: fitting each group's learning curve as data arrives and allocating the budget to minimize the worst group's error beats uniform and proportional allocation on the worst group.",
  papers: [
    "Adaptive Sampling Strategies to Construct Equitable Training Datasets (Cai, Gaebler et al. 2023), reconstructed",
  ],
  options,
  quick: { budget: 180, round: 30, test_pairs: 200, repeats: 1, dimensions: 10, complexity: [2, 5, 10] },
  run(settings, seed) {
    if (settings.shares.length !== settings.complexity.length) {
      throw new RangeError(
        `shares (${settings.shares.length}) and complexity (${settings.complexity.length}) must name the same groups`,
      );
    }
    const world = createGroupWorld({ ...settings, random: labRandom(deriveSeed(seed, "groups")) });
    const groups = world.groups.length;
    const testRandom = labRandom(deriveSeed(seed, "test"));
    const tests = world.groups.map((_, group) =>
      drawGroupPairs(world, group, settings.test_pairs, testRandom),
    );
    const finals = Object.fromEntries(
      strategies.map((name) => [name, new Array<number>(groups).fill(0)]),
    ) as Record<Strategy, number[]>;
    const counts = Object.fromEntries(
      strategies.map((name) => [name, new Array<number>(groups).fill(0)]),
    ) as Record<Strategy, number[]>;
    const worstByBudget = Object.fromEntries(
      strategies.map((name) => [name, [] as { x: number; y: number }[]]),
    ) as Record<Strategy, { x: number; y: number }[]>;
    const predicted = new Array<number>(groups).fill(0);
    for (let repeat = 0; repeat < settings.repeats; repeat++) {
      for (const strategy of strategies) {
        const random = labRandom(deriveSeed(seed, `draws-${repeat}-${strategy}`));
        const run = collect({ settings, world, strategy, random, seed: deriveSeed(seed, `fit-${repeat}`) });
        // Worst-group error along the way (every other checkpoint, to keep the run short).
        run.checkpoints.forEach((sizes, at) => {
          if (at % 2 !== 0 && at !== run.checkpoints.length - 1) return;
          const errors = sizes.map((size, group) =>
            groupError(
              (run.collected[group] as GroupPair[]).slice(0, size),
              tests[group] as GroupPair[],
              seed + group,
            ),
          );
          const x = sizes.reduce((sum, value) => sum + value, 0);
          const points = worstByBudget[strategy];
          const existing = points.find((point) => point.x === x);
          if (existing) existing.y += Math.max(...errors) / settings.repeats;
          else points.push({ x, y: Math.max(...errors) / settings.repeats });
          if (at === run.checkpoints.length - 1) {
            errors.forEach((error, group) => {
              finals[strategy][group] = (finals[strategy][group] as number) + error / settings.repeats;
              counts[strategy][group] =
                (counts[strategy][group] as number) + (sizes[group] as number) / settings.repeats;
            });
            if (strategy === "adaptive") {
              run.curves.forEach((curve, group) => {
                predicted[group] =
                  (predicted[group] as number) +
                  predictError(curve, sizes[group] as number) / settings.repeats;
              });
            }
          }
        });
      }
    }
    const curves: MeasuredCurve[] = strategies.map((name) => ({
      method: name,
      x: "comparisons collected",
      y: "worst-group error (gold, mean over repeats)",
      points: worstByBudget[name].filter((point) => Number.isFinite(point.y)),
    }));
    const claims = equitableClaims({ finals, shares: settings.shares, predicted });
    const results = {
      experiment: "equitable-sampling",
      seed,
      curves,
      claims,
      settings,
      group_errors: finals,
      group_counts: counts,
      predicted_adaptive_errors: predicted,
    };
    return Promise.resolve({ results, sections: equitableReport(results) });
  },
});

import { existsSync } from "node:fs";
import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { denseRow } from "../../models/index.js";
import {
  type ActivePoint,
  densityScores,
  learnSelectionPolicy,
  pairDifferences,
  type QueryStrategy,
  runActiveLearning,
} from "../../preference/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { activeReport } from "../report/active-report.js";
import type { MeasuredCurve } from "../results.js";
import {
  filePreferencePool,
  type PreferencePool,
  syntheticPreferencePool,
} from "../worlds/preference-pool.js";
import { activeClaims, labelsToReach } from "./active-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  data: z
    .string()
    .default("")
    .describe(
      "Preference pairs to learn from, e.g. ../shared/data/hh-rlhf/helpful-base/test.jsonl.gz (the held label is the labeller); empty: the synthetic pool.",
    ),
  synthetic_pairs: z.number().int().min(100).default(2000).describe("Synthetic pool: comparisons."),
  dimensions: z.number().int().min(2).default(16).describe("Synthetic pool: response features."),
  sharpness: z
    .number()
    .positive()
    .default(2)
    .describe("Synthetic pool: the labeller's Bradley–Terry sharpness."),
  test_pairs: z.number().int().min(20).default(600).describe("Held-out comparisons the RM is scored on."),
  initial: z.number().int().min(2).default(10).describe("Labels bought at random first."),
  batch: z.number().int().min(1).default(10).describe("Labels bought per round."),
  budget: z.number().int().min(4).default(150).describe("Total labels."),
  repeats: z.number().int().min(1).default(6).describe("Splits (test set, pool, seeds) averaged over."),
  members: z.number().int().min(2).default(3).describe("Bootstrap ensemble members for disagreement."),
  policy_candidates: z
    .number()
    .int()
    .min(4)
    .default(8)
    .describe("Candidate policies the robust training chooses among."),
  policy_budget: z
    .number()
    .int()
    .min(4)
    .default(40)
    .describe("Label budget of the simulated problems the policy is trained on."),
});

const strategies = ["random", "uncertainty", "disagreement", "learned"] as const;

export const activePreferences = defineExperiment({
  name: "active-preferences",
  summary:
    "Which comparisons to ask for under a tiny budget: uncertainty, ensemble disagreement and a learned (robust) selection policy against random, on held-label preference pairs (HH-RLHF with --option data=PATH, else a synthetic pool).",
  papers: [
    "Learning to Actively Learn: A Robust Approach (Zhang, Jain & Jamieson 2020), policy reconstructed",
  ],
  options,
  quick: {
    synthetic_pairs: 400,
    test_pairs: 100,
    budget: 40,
    repeats: 1,
    policy_candidates: 4,
    policy_budget: 20,
  },
  async run(settings, seed) {
    const random = labRandom(deriveSeed(seed, "pool"));
    if (settings.data !== "" && !existsSync(settings.data)) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `active-preferences: data file ${settings.data} does not exist (the shared HH-RLHF pairs live in ../shared/data/hh-rlhf/; leave data empty for the synthetic pool)`,
        { path: "data" },
      );
    }
    const pool: PreferencePool =
      settings.data === ""
        ? syntheticPreferencePool({
            pairs: settings.synthetic_pairs,
            dimensions: settings.dimensions,
            sharpness: settings.sharpness,
            random,
          })
        : await filePreferencePool(settings.data, random);
    if (pool.pairs.length < settings.test_pairs + settings.budget) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `active-preferences: ${pool.pairs.length} pairs cannot hold ${settings.test_pairs} test pairs and a pool of ${settings.budget}`,
        { path: "test_pairs" },
      );
    }
    const rowVectors = Array.from({ length: pool.features.rows }, (_, row) =>
      Float64Array.from(denseRow(pool.features, row)),
    );
    const sums = Object.fromEntries(strategies.map((name) => [name, [] as number[]])) as Record<
      (typeof strategies)[number],
      number[]
    >;
    let labelsAxis: number[] = [];
    let learned: ReturnType<typeof learnSelectionPolicy> | undefined;
    for (let repeat = 0; repeat < settings.repeats; repeat++) {
      const split = labRandom(deriveSeed(seed, `split-${repeat}`));
      const order = pool.pairs.map((_, index) => index);
      for (let index = order.length - 1; index > 0; index--) {
        const swap = split.int(index + 1);
        [order[index], order[swap]] = [order[swap] as number, order[index] as number];
      }
      const test = order
        .slice(0, settings.test_pairs)
        .map((index) => pool.pairs[index] as PreferencePool["pairs"][number]);
      const candidates = order
        .slice(settings.test_pairs)
        .map((index) => pool.pairs[index] as PreferencePool["pairs"][number]);
      const density = densityScores(pairDifferences(pool.features, candidates), { seed: split.next });
      // The selection policy is trained once, on simulated labels over the first pool's features only.
      learned ??= learnSelectionPolicy({
        features: pool.features,
        pool: candidates,
        rowVectors,
        candidates: settings.policy_candidates,
        initial: settings.initial,
        batch: settings.batch,
        budget: settings.policy_budget,
        members: settings.members,
        density,
        seed: deriveSeed(seed, "policy"),
      });
      const evaluate = (_labels: number, model: { score(features: typeof pool.features): Float32Array }) => {
        const rewards = model.score(pool.features);
        return (
          test.filter(
            (pair) => (rewards[pair.a] as number) > (rewards[pair.b] as number) === (pair.truth === 1),
          ).length / test.length
        );
      };
      for (const name of strategies) {
        const strategy: QueryStrategy =
          name === "learned" ? { kind: "policy", weights: learned.weights } : { kind: name };
        const curve: ActivePoint[] = runActiveLearning({
          features: pool.features,
          pool: candidates,
          label: (pair) => (candidates[pair] as { truth: 1 | -1 }).truth,
          strategy,
          initial: settings.initial,
          batch: settings.batch,
          budget: settings.budget,
          members: settings.members,
          density,
          seed: deriveSeed(seed, `run-${repeat}`),
          evaluate,
        });
        labelsAxis = curve.map((point) => point.labels);
        curve.forEach((point, at) => {
          sums[name][at] = (sums[name][at] ?? 0) + point.accuracy / settings.repeats;
        });
      }
    }
    const curves: MeasuredCurve[] = strategies.map((name) => ({
      method: name,
      x: "labels bought",
      y: "held-out accuracy against the gold preference (mean over repeats)",
      points: labelsAxis.map((labels, at) => ({ x: labels, y: sums[name][at] as number })),
    }));
    const target = sums.random.at(-1) as number;
    const needed = Object.fromEntries(
      strategies.map((name) => [name, labelsToReach(labelsAxis, sums[name], target)]),
    );
    const policy = learned as ReturnType<typeof learnSelectionPolicy>;
    const area = (name: (typeof strategies)[number]) =>
      sums[name].reduce((sum, value) => sum + value, 0) / sums[name].length;
    const claims = activeClaims({
      target,
      needed,
      budget: settings.budget,
      areas: Object.fromEntries(strategies.map((name) => [name, area(name)])),
      finals: Object.fromEntries(strategies.map((name) => [name, sums[name].at(-1) as number])),
      policyRegret: policy.worstRegret,
    });
    const results = {
      experiment: "active-preferences",
      seed,
      curves,
      claims,
      settings,
      world: pool.source,
      pairs: pool.pairs.length,
      target_accuracy: target,
      labels_to_reach_target: needed,
      learned_policy: {
        weights: policy.weights,
        worst_regret: policy.worstRegret,
        area_by_class: policy.areaByClass,
      },
    };
    return { results, sections: activeReport(results) };
  },
});

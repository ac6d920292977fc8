import { z } from "zod";
import { mean, uwo, worstCase } from "../../compose/index.js";
import { fitGaoForm, type GaoFit } from "../../diagnose/index.js";
import { type BestOfNPoint, bestOfNCurve } from "../optimizers/best-of-n-curve.js";
import {
  averageCurves,
  defaultCheckpointFractions,
  type PolicyGradientSettings,
  policyGradientCurve,
} from "../optimizers/curves.js";
import { exactBestOfNCurve } from "../optimizers/exact-best-of-n-curve.js";
import { deriveSeed, labRandom } from "../random.js";
import { overoptimizationReport } from "../report/overoptimization-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { aggregateMembers, recenterUnderBase } from "../tables.js";
import { parShapedTable } from "../worlds/par-references.js";
import { samplePreferences } from "../worlds/preferences.js";
import { defaultProxyTraining, trainProxies } from "../worlds/proxy-models.js";
import { createRlhfWorld } from "../worlds/rlhf-world.js";
import { rlhfWorldFields, rlhfWorldOptions } from "../worlds/world-options.js";
import { defineExperiment } from "./experiment.js";
import { inContinuousRegime, overoptimizationClaims } from "./overoptimization-claims.js";

const options = z.object({
  ...rlhfWorldFields,
  pairs: z.number().int().min(10).default(2000).describe("Preference pairs the proxy RMs are trained on."),
  label_noise: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.25)
    .describe("Probability that a preference label is flipped (Coste et al.'s noisy setting: 0.25)."),
  members: z.number().int().min(2).default(5).describe("Ensemble members (Coste et al.: 5)."),
  epochs: z.number().int().min(1).default(defaultProxyTraining.epochs).describe("Proxy RM training epochs."),
  uwo_lambda_bon: z
    .number()
    .min(0)
    .default(0.5)
    .describe("UWO's λ for best-of-n (Coste's BoN default 0.5, population variance)."),
  uwo_lambda_pg: z
    .number()
    .min(0)
    .default(0.5)
    .describe(
      "UWO's λ for policy gradient, unbiased variance. Coste's PPO value is 0.1 in their reward units; the lab's members are z-scored, where 0.1 barely moves the policy (docs/lab.md).",
    ),
  best_of_n: z
    .enum(["exact", "unbiased"])
    .default("exact")
    .describe(
      "How best-of-n is evaluated: exactly on the finite candidate sets (no samples, any n), or Gao's unbiased estimator over `bon_samples` base samples per prompt (n ≤ bon_samples).",
    ),
  bon_samples: z
    .number()
    .int()
    .min(2)
    .default(4096)
    .describe("N: samples per prompt the unbiased best-of-n estimator draws from the base policy."),
  max_n: z
    .number()
    .int()
    .min(2)
    .default(2 ** 20)
    .describe(
      "Largest n (powers of 2 up to it). The exact evaluation reaches the KL where Gao et al. see best-of-n over-optimize.",
    ),
  kl_coefficient: z.number().min(0).default(0.05).describe("β of the KL penalty in policy gradient."),
  steps: z.number().int().min(1).default(400).describe("Policy-gradient steps."),
  learning_rate: z.number().positive().default(0.1).describe("Policy-gradient step size."),
  gradient: z
    .enum(["natural", "exact"])
    .default("natural")
    .describe("Natural policy gradient (the trust-region step PPO approximates) or the plain gradient."),
  par_references: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("PAR's M: reference (base-policy) responses per prompt."),
  par_k: z.number().positive().default(1).describe("PAR's sigmoid slope k."),
});

export type OveroptimizationOptions = z.output<typeof options>;

export const overoptimization = defineExperiment({
  name: "overoptimization",
  summary:
    "Proxy vs gold reward against √KL for best-of-n and KL-regularized policy gradient: a single proxy RM, mean / WCO (min) / UWO ensembles, PAR shaping; Gao's functional forms fitted.",
  papers: [
    "Scaling Laws for Reward Model Overoptimization (Gao et al. 2022)",
    "Reward Model Ensembles Help Mitigate Overoptimization (Coste et al. 2024)",
    "Helping or Herding? Reward Model Ensembles Mitigate but do not Eliminate Reward Hacking (Eisenstein et al. 2023)",
    "Reward Shaping to Mitigate Reward Hacking in RLHF (PAR, Fu et al. 2025)",
  ],
  options,
  quick: {
    prompts: 12,
    candidates: 128,
    pairs: 600,
    members: 3,
    epochs: 4,
    bon_samples: 256,
    max_n: 4096,
    steps: 100,
    learning_rate: 0.4,
  },
  run(settings, seed, progress) {
    progress?.("building the world and sampling preference pairs");
    const world = createRlhfWorld(rlhfWorldOptions(settings, seed));
    const pairs = samplePreferences(world, {
      pairs: settings.pairs,
      labelNoise: settings.label_noise,
      random: labRandom(deriveSeed(seed, "pairs")),
    });
    const training = { ...defaultProxyTraining, epochs: settings.epochs };
    progress?.(`training ${settings.members} proxy reward models`);
    const members = trainProxies({ world, pairs, members: settings.members, seed, training });
    // Eisenstein's fine-tune-seed ensembles: members share one pretrained backbone and differ by
    // their fine-tuning seed. As in the paper (which fine-tunes an ensemble from each pretrained
    // model), one is built on each backbone of the pretrain-seed ensemble and their curves are
    // averaged, so the comparison is between kinds of ensemble, not one lucky or unlucky backbone.
    const sharedBackbones = Array.from({ length: settings.members }, (_, backbone) => {
      progress?.(
        `training ${settings.members} proxy reward models on shared backbone ${backbone + 1} of ${settings.members}`,
      );
      return trainProxies({
        world,
        pairs,
        members: settings.members,
        seed,
        training: { ...training, pretrainSeeds: "shared", sharedBackbone: backbone },
      });
    });
    const recenter = (table: Float64Array) =>
      recenterUnderBase(table, world.baseProbabilities, world.prompts);
    const ensembles = {
      mean: recenter(aggregateMembers(members, mean)),
      min: recenter(aggregateMembers(members, worstCase)),
      uwoBestOfN: recenter(
        aggregateMembers(members, (scores) =>
          uwo(scores, { lambda: settings.uwo_lambda_bon, variance: "population" }),
        ),
      ),
      uwoPolicyGradient: recenter(
        aggregateMembers(members, (scores) =>
          uwo(scores, { lambda: settings.uwo_lambda_pg, variance: "unbiased" }),
        ),
      ),
      sharedMeans: sharedBackbones.map((ensemble) => recenter(aggregateMembers(ensemble, mean))),
    };

    const exact = settings.best_of_n === "exact";
    const ns = powersOfTwo(exact ? settings.max_n : Math.min(settings.max_n, settings.bon_samples));
    const bestOfNPoints = (reward: Float64Array): BestOfNPoint[] =>
      exact
        ? exactBestOfNCurve({ world, reward, ns })
        : bestOfNCurve({
            world,
            reward,
            ns,
            samplesPerPrompt: settings.bon_samples,
            random: labRandom(deriveSeed(seed, "best-of-n")),
          });
    const bestOfN = (reward: Float64Array, method: string): CurvePoint[] => {
      progress?.(`best-of-n: ${method}`);
      return bestOfNPoints(reward).map(toCurvePoint);
    };
    const bonCurves: Curve[] = [
      {
        method: "single",
        optimizer: "best_of_n",
        points: averageCurves(
          members.map((member, index) => bestOfN(member, `single RM ${index + 1} of ${members.length}`)),
        ),
      },
      { method: "mean", optimizer: "best_of_n", points: bestOfN(ensembles.mean, "mean") },
      { method: "wco_min", optimizer: "best_of_n", points: bestOfN(ensembles.min, "wco_min") },
      { method: "uwo", optimizer: "best_of_n", points: bestOfN(ensembles.uwoBestOfN, "uwo") },
      {
        method: "shared_backbone",
        optimizer: "best_of_n",
        points: averageCurves(
          ensembles.sharedMeans.map((table, index) =>
            bestOfN(table, `shared backbone ${index + 1} of ${ensembles.sharedMeans.length}`),
          ),
        ),
      },
    ];

    const pg: PolicyGradientSettings = {
      klCoefficient: settings.kl_coefficient,
      steps: settings.steps,
      learningRate: settings.learning_rate,
      gradient: settings.gradient,
      checkpoints: defaultCheckpointFractions,
    };
    const policyGradient = (method: string, reward: Float64Array, reportedProxy?: Float64Array) => {
      progress?.(`policy gradient: ${method}`);
      return policyGradientCurve({
        world,
        reward,
        settings: pg,
        ...(reportedProxy ? { reportedProxy } : {}),
      });
    };
    const parTables = members.map((member, index) =>
      parShapedTable(world, member, {
        seed: deriveSeed(seed, `par-${index}`),
        references: settings.par_references,
        k: settings.par_k,
      }),
    );
    const pgCurves: Curve[] = [
      {
        method: "single",
        optimizer: "policy_gradient",
        points: averageCurves(
          members.map((member, index) =>
            policyGradient(`single RM ${index + 1} of ${members.length}`, member),
          ),
        ),
      },
      { method: "mean", optimizer: "policy_gradient", points: policyGradient("mean", ensembles.mean) },
      { method: "wco_min", optimizer: "policy_gradient", points: policyGradient("wco_min", ensembles.min) },
      {
        method: "uwo",
        optimizer: "policy_gradient",
        points: policyGradient("uwo", ensembles.uwoPolicyGradient),
      },
      {
        method: "par",
        optimizer: "policy_gradient",
        points: averageCurves(
          members.map((member, index) =>
            policyGradient(
              `PAR on RM ${index + 1} of ${members.length}`,
              parTables[index] as Float64Array,
              member,
            ),
          ),
        ),
      },
      {
        method: "shared_backbone",
        optimizer: "policy_gradient",
        // One fine-tune ensemble (on the first backbone), not the average: no claim reads this curve,
        // and four more policy-gradient runs would cost a seventh of the run's time.
        points: policyGradient("shared_backbone", ensembles.sharedMeans[0] as Float64Array),
      },
    ];

    progress?.("fitting Gao et al.'s forms");
    const fits = [
      ...bonCurves.map((curve) => fitCurve(curve, "best_of_n")),
      ...pgCurves.map((curve) => fitCurve(curve, "rl")),
    ];
    const curves = [...bonCurves, ...pgCurves];
    const exactKl = bestOfNPoints(members[0] as Float64Array).map((point) => ({
      n: point.n,
      formula: point.formulaKl,
      exact: point.exactKl,
    }));
    const claims = overoptimizationClaims({ curves, fits });
    const results = {
      experiment: "overoptimization",
      seed,
      curves,
      claims,
      settings,
      fits,
      best_of_n_kl: exactKl,
      flipped_labels: pairs.filter((pair) => pair.flipped).length / pairs.length,
    };
    return Promise.resolve({ results, sections: overoptimizationReport(results) });
  },
});

function toCurvePoint(point: BestOfNPoint): CurvePoint {
  return { n: point.n, kl: point.kl, proxy: point.proxy, gold: point.gold };
}

function powersOfTwo(limit: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= limit; n *= 2) out.push(n);
  return out;
}

export interface CurveFit extends GaoFit {
  method: string;
  optimizer: string;
}

function fitCurve(curve: Curve, form: "best_of_n" | "rl"): CurveFit {
  // Gao's best-of-n form assumes the continuous setting; see inContinuousRegime.
  const points = form === "best_of_n" ? curve.points.filter(inContinuousRegime) : curve.points;
  const fit = fitGaoForm(
    form,
    points.map((point) => ({ d: Math.sqrt(point.kl), gold: point.gold })),
  );
  return { method: curve.method, optimizer: curve.optimizer, ...fit };
}

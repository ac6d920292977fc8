import { z } from "zod";
import { type DriftNetwork, lpoObjective } from "../../env/index.js";
import { type BanditPpoSettings, sampleBanditTask } from "../optimizers/bandit-ppo.js";
import { finalReturn, metaTrainDrift } from "../optimizers/lpo-meta-training.js";
import { deriveSeed, labRandom } from "../random.js";
import { learnedObjectiveReport } from "../report/learned-objective-report.js";
import type { MeasuredCurve } from "../results.js";
import { defineExperiment } from "./experiment.js";
import {
  type HorizonScores,
  learnedObjectiveClaims,
  type ObjectiveMethod,
} from "./learned-objective-claims.js";

const options = z.object({
  arms: z
    .number()
    .int()
    .min(2)
    .max(20)
    .default(5)
    .describe("Arms of each bandit task (means drawn from N(0, 1))."),
  train_updates: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("Inner PPO updates per run during meta-training (the training horizon N)."),
  held_out_updates: z
    .array(z.number().int().min(1))
    .min(1)
    .default([3, 5, 20, 40])
    .describe("Horizons (inner updates) never seen in meta-training, evaluated after it."),
  batch: z.number().int().min(2).default(8).describe("Arm pulls per inner update."),
  epochs: z.number().int().min(1).default(2).describe("Gradient steps per inner update (PPO's epochs)."),
  inner_step: z.number().positive().default(2).describe("Gradient-descent step on the policy's logits."),
  hidden: z.number().int().min(1).default(4).describe("Tanh units of the drift network."),
  generations: z.number().int().min(1).default(40).describe("OpenAI-ES generations."),
  population: z
    .number()
    .int()
    .min(2)
    .multipleOf(2)
    .default(16)
    .describe("OpenAI-ES members per generation (antithetic pairs)."),
  sigma: z.number().positive().default(0.1).describe("OpenAI-ES perturbation scale."),
  es_step: z.number().positive().default(0.05).describe("Adam's step on the ES mean."),
  meta_tasks: z.number().int().min(1).default(8).describe("Bandit tasks per ES fitness evaluation."),
  evaluation_tasks: z
    .number()
    .int()
    .min(1)
    .default(128)
    .describe("Fresh bandit tasks each method is evaluated on, per horizon."),
});

export type LearnedObjectiveOptions = z.output<typeof options>;

const methods: readonly ObjectiveMethod[] = ["PPO", "LPO", "TA-LPO"];

/** f(ρ, A = 1) over ρ: the objective each method's policy loss maximizes (for the report). */
function objectiveShape(network: DriftNetwork | undefined, progress: number) {
  const objective = network
    ? lpoObjective({ network, progress: () => progress })
    : lpoObjective({ network: { hidden: 1, temporal: false, parameters: new Float64Array(9) } });
  return Array.from({ length: 31 }, (_, index) => {
    const ratio = 0.5 + index / 30;
    return { x: ratio, y: objective(ratio, 1).value };
  });
}

export const learnedObjective = defineExperiment({
  name: "learned-objective",
  summary:
    "LPO's drift function meta-learned by OpenAI-ES on PPO runs in small bandits, with (TA-LPO) and without (LPO) the training-progress input, against PPO's clipped objective at held-out training horizons.",
  papers: [
    "Discovered Policy Optimisation (Lu et al. 2022, LPO): drift inputs and PPO initialization as in the authors' code",
    "Temporally-Aware Reinforcement Learning Algorithms (Jackson et al. 2024, TA-LPO): progress n/N as input; bandit task, network size and ES budget reconstructed",
  ],
  options,
  quick: { generations: 3, population: 4, meta_tasks: 2, evaluation_tasks: 8, held_out_updates: [3, 20] },
  run(settings, seed, progress) {
    const inner = (updates: number): BanditPpoSettings => ({
      updates,
      batch: settings.batch,
      epochs: settings.epochs,
      step: settings.inner_step,
    });
    const training = {
      hidden: settings.hidden,
      generations: settings.generations,
      tasks: settings.meta_tasks,
      arms: settings.arms,
      es: { population: settings.population, sigma: settings.sigma, learningRate: settings.es_step },
      settings: inner(settings.train_updates),
      seed: deriveSeed(seed, "meta-training"),
    };
    progress?.("meta-training LPO");
    const lpo = metaTrainDrift({ ...training, temporal: false });
    progress?.("meta-training TA-LPO");
    const temporal = metaTrainDrift({ ...training, temporal: true });
    const networks: Record<ObjectiveMethod, DriftNetwork | undefined> = {
      PPO: undefined,
      LPO: lpo.network,
      "TA-LPO": temporal.network,
    };
    const taskRandom = labRandom(deriveSeed(seed, "evaluation-tasks"));
    const tasks = Array.from({ length: settings.evaluation_tasks }, () =>
      sampleBanditTask(settings.arms, taskRandom),
    );
    const horizons = [...new Set([settings.train_updates, ...settings.held_out_updates])].sort(
      (a, b) => a - b,
    );
    const longest = horizons.at(-1) as number;
    const scores: HorizonScores[] = [];
    const learning: { method: ObjectiveMethod; updates: number; returns: number[] }[] = [];
    for (const method of methods) {
      progress?.(`evaluating ${method}`);
      const result: HorizonScores = { method, horizons, scores: [] };
      for (const horizon of horizons) {
        const mean = new Array<number>(horizon + 1).fill(0);
        tasks.forEach((task, index) => {
          // The same pull seeds for every method: paired comparisons.
          const curve = finalReturn({
            task,
            settings: inner(horizon),
            network: networks[method],
            seed: deriveSeed(seed, `evaluation-${horizon}-${index}`),
          });
          curve.forEach((value, update) => {
            mean[update] = (mean[update] as number) + value / tasks.length;
          });
        });
        result.scores.push(mean.at(-1) as number);
        if (horizon === longest) learning.push({ method, updates: horizon, returns: mean });
      }
      scores.push(result);
    }
    const heldOut = horizons.filter((horizon) => horizon !== settings.train_updates);
    const claims = learnedObjectiveClaims({ scores, trainUpdates: settings.train_updates, heldOut });
    const curves: MeasuredCurve[] = scores.map((score) => ({
      method: score.method,
      x: "inner PPO updates (training horizon)",
      y: "mean final normalized return (uniform policy 0, best arm 1)",
      points: score.horizons.map((horizon, index) => ({ x: horizon, y: score.scores[index] as number })),
    }));
    const results = {
      experiment: "learned-objective",
      seed,
      curves,
      claims,
      settings,
      held_out_updates: heldOut,
      meta_training: { LPO: lpo.populationFitness, "TA-LPO": temporal.populationFitness },
      learning_curves: learning,
      objective_shapes: [
        { name: "PPO", points: objectiveShape(undefined, 0) },
        { name: "LPO", points: objectiveShape(lpo.network, 0) },
        { name: "TA-LPO", points: objectiveShape(temporal.network, 0) },
        { name: "TA-LPO at n/N = 1", points: objectiveShape(temporal.network, 1) },
      ],
      drift_parameters: {
        LPO: Array.from(lpo.network.parameters),
        "TA-LPO": Array.from(temporal.network.parameters),
      },
    };
    return Promise.resolve({ results, sections: learnedObjectiveReport(results) });
  },
});

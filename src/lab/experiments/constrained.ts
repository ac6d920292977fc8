import { z } from "zod";
import { nelderMead, randomSimplex, seededRandom } from "../../compose/index.js";
import {
  type CompositeObjective,
  CompositeRun,
  type CompositeSnapshot,
} from "../optimizers/composite-training.js";
import { deriveSeed } from "../random.js";
import { constrainedReport } from "../report/constrained-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { createCompositeWorld, defaultCompositeWorld } from "../worlds/composite-world.js";
import { constrainedClaims } from "./constrained-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  prompts: z.number().int().min(2).default(defaultCompositeWorld.prompts).describe("Prompts in the world."),
  candidates: z
    .number()
    .int()
    .min(8)
    .default(defaultCompositeWorld.candidates)
    .describe("Candidate responses per prompt."),
  correlation: z
    .number()
    .min(-1)
    .max(1)
    .default(defaultCompositeWorld.correlation)
    .describe("Correlation of the two component reward models' underlying scores."),
  weights: z
    .tuple([z.number(), z.number()])
    .default([1, 1])
    .describe("The fixed-weight baseline's weights on the two components."),
  kl_coefficient: z.number().min(0).default(0.02).describe("β of the KL reward −β·log π/π₀."),
  steps: z.number().int().min(1).default(300).describe("Training steps of each run."),
  learning_rate: z.number().positive().default(0.3).describe("Natural-gradient step size."),
  multiplier_learning_rate: z
    .number()
    .positive()
    .default(0.1)
    .describe("`lagrange_lr` of the multipliers (the paper's configs: 0.1)."),
  evaluate_every: z.number().int().min(1).default(10).describe("Steps between evaluations."),
  nm_max_iterations: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("Nelder–Mead iterations (the code's max_iters: 10)."),
  nm_steps_per_evaluation: z
    .number()
    .int()
    .min(1)
    .default(30)
    .describe("Training steps per threshold evaluation at most (the code: n_iters // 10)."),
});

export type ConstrainedOptions = z.output<typeof options>;

export interface ComponentSeries {
  method: string;
  points: { step: number; values: number[]; multipliers: number[] }[];
}

export const constrained = defineExperiment({
  name: "constrained",
  summary:
    "A composite of two correlated component RMs, each good only up to its proxy point: fixed weights vs Lagrangian constraints (ξ-PPO equality, μ-PPO inequality) vs Nelder–Mead threshold search (NM-PPO).",
  papers: ["Confronting Reward Model Overoptimization with Constrained RLHF (Moskovitz et al. 2024)"],
  options,
  quick: { prompts: 8, candidates: 64, steps: 120, nm_max_iterations: 4, nm_steps_per_evaluation: 15 },
  async run(settings, seed, progress) {
    const composite = createCompositeWorld({
      ...defaultCompositeWorld,
      seed,
      prompts: settings.prompts,
      candidates: settings.candidates,
      correlation: settings.correlation,
    });
    const training = {
      klCoefficient: settings.kl_coefficient,
      learningRate: settings.learning_rate,
      multiplierLearningRate: settings.multiplier_learning_rate,
    };
    const newRun = () => new CompositeRun(composite, training);
    const train = (objective: CompositeObjective) => {
      const run = newRun();
      const snapshots = [run.snapshot(objective)];
      while (run.step < settings.steps) {
        run.trainStep(objective);
        if (run.step % settings.evaluate_every === 0 || run.step === settings.steps)
          snapshots.push(run.snapshot(objective));
      }
      return snapshots;
    };

    const fixedObjective: CompositeObjective = { kind: "fixed", weights: settings.weights };
    progress?.("fixed weights");
    const fixed = train(fixedObjective);
    // The proxy points: each component's expected value where the fixed-weight run's gold peaks.
    const peak = fixed.reduce((best, snapshot) => (snapshot.gold > best.gold ? snapshot : best));
    const thresholds = peak.values;
    progress?.("ξ-PPO (equality constraints)");
    const xi = train({ kind: "lagrangian", constraint: "equality", thresholds });
    progress?.("μ-PPO (inequality constraints)");
    const mu = train({ kind: "lagrangian", constraint: "inequality", thresholds });

    // NM-PPO: thresholds searched by Nelder–Mead on −gold, every evaluation continuing one run.
    const nmRun = newRun();
    const nmSnapshots: CompositeSnapshot[] = [nmRun.snapshot()];
    const trace: { thresholds: number[]; gold: number; steps: number }[] = [];
    const start = fixed[0] as CompositeSnapshot;
    const high = start.values.map((_, component) =>
      Math.max(...fixed.map((snapshot) => snapshot.values[component] as number)),
    );
    progress?.("NM-PPO: searching thresholds");
    const search = await nelderMead({
      simplex: randomSimplex(start.values, high, seededRandom(deriveSeed(seed, "simplex"))),
      maxIterations: settings.nm_max_iterations,
      objective(point) {
        const objective: CompositeObjective = {
          kind: "lagrangian",
          constraint: "equality",
          thresholds: point,
        };
        for (let step = 0; step < settings.nm_steps_per_evaluation; step++) {
          const values = nmRun.trainStep(objective);
          if (nmRun.step % settings.evaluate_every === 0) nmSnapshots.push(nmRun.snapshot(objective));
          const reached = values.every(
            (value, index) =>
              value >= 0.95 * (point[index] as number) && value <= 1.05 * (point[index] as number),
          );
          if (reached) break;
        }
        const gold = nmRun.snapshot(objective).gold;
        trace.push({ thresholds: [...point], gold, steps: nmRun.step });
        progress?.(`NM-PPO: ${trace.length} evaluations, ${nmRun.step} steps`);
        return -gold;
      },
    });
    nmSnapshots.push(nmRun.snapshot());

    const toCurve = (method: string, snapshots: readonly CompositeSnapshot[]): Curve => ({
      method,
      optimizer: "policy_gradient",
      points: snapshots.map(
        (snapshot): CurvePoint => ({
          step: snapshot.step,
          kl: snapshot.kl,
          proxy: snapshot.values.reduce(
            (total, value, index) => total + (settings.weights[index] as number) * value,
            0,
          ),
          gold: snapshot.gold,
        }),
      ),
    });
    const curves = [
      toCurve("fixed_weights", fixed),
      toCurve("xi_ppo", xi),
      toCurve("mu_ppo", mu),
      toCurve("nm_ppo", nmSnapshots),
    ];
    const components: ComponentSeries[] = [
      ["fixed_weights", fixed],
      ["xi_ppo", xi],
      ["mu_ppo", mu],
      ["nm_ppo", nmSnapshots],
    ].map(([method, snapshots]) => ({
      method: method as string,
      points: (snapshots as CompositeSnapshot[]).map((snapshot) => ({
        step: snapshot.step,
        values: snapshot.values,
        multipliers: snapshot.multipliers,
      })),
    }));
    const nelder = {
      best_thresholds: search.best,
      best_gold: -search.value,
      evaluations: search.evaluations,
      iterations: search.iteration,
      steps: nmRun.step,
      trace,
    };
    const claims = constrainedClaims({ curves, components, thresholds, nelderMead: nelder });
    const results = {
      experiment: "constrained",
      seed,
      curves,
      claims,
      settings,
      proxy_points: thresholds,
      components,
      nelder_mead: nelder,
    };
    return { results, sections: constrainedReport(results) };
  },
});

import { z } from "zod";
import { createEnvironment } from "../../env/index.js";
import { gflownetReport } from "../report/gflownet-report.js";
import type { MeasuredCurve } from "../results.js";
import { type SamplerMethod, type SamplerTraining, trainSampler } from "../worlds/gflownet-training.js";
import { defineExperiment } from "./experiment.js";
import { adaptationClaims, adaptationCurves, runAdaptation } from "./gflownet-adaptation.js";
import { coveredModes, gflownetClaims } from "./gflownet-claims.js";

const options = z.object({
  dimension: z.number().int().min(2).max(4).default(2).describe("D, the hypergrid's number of coordinates."),
  side: z.number().int().min(4).max(16).default(8).describe("H, the hypergrid's side."),
  r0: z.number().positive().default(0.1).describe("R0, the reward floor (Bengio et al.'s 0.1 to 0.001)."),
  steps: z.number().int().min(10).default(2000).describe("Training steps (batches) per method."),
  batch: z.number().int().min(1).default(16).describe("Trajectories per training step (torchgfn's 16)."),
  learning_rate: z
    .number()
    .positive()
    .default(0.05)
    .describe("Adam's learning rate for the policy's logits."),
  log_z_learning_rate: z.number().positive().default(0.1).describe("Adam's learning rate for TB's log Z."),
  window: z
    .number()
    .int()
    .min(16)
    .default(2000)
    .describe("The empirical distribution is over the last this many sampled terminal states."),
  evaluate_every: z.number().int().min(1).default(100).describe("Steps between checkpoints."),
  pretrain_steps: z
    .number()
    .int()
    .min(1)
    .default(3000)
    .describe("Reward-free pre-training steps of the outcome-conditioned GFlowNet."),
  outcome_floor: z
    .number()
    .positive()
    .max(1)
    .default(1e-5)
    .describe("OC-GFN pre-training reward of a trajectory that misses its outcome (1 when it reaches it)."),
  adapt_steps: z
    .number()
    .int()
    .min(10)
    .default(200)
    .describe("Training steps on the new reward, for the adapted OC-GFN and for TB from scratch."),
  adapt_evaluate_every: z.number().int().min(1).default(10).describe("Steps between adaptation checkpoints."),
});

const methods: readonly SamplerMethod[] = ["tb", "reinforce"];
const methodNames: Record<SamplerMethod, string> = { tb: "trajectory balance", reinforce: "REINFORCE" };

export const gflownet = defineExperiment({
  name: "gflownet",
  summary:
    "Trajectory-balance GFlowNets on the hypergrid sample in proportion to reward (L1 to R(x)/Z falls, modes found grow) while REINFORCE on the terminal reward, same tabular policy, collapses onto one mode.",
  papers: [
    "Flow Network based Generative Models for Non-Iterative Diverse Candidate Generation (Bengio et al. 2021)",
    "Trajectory Balance: Improved Credit Assignment in GFlowNets (Malkin et al. 2022)",
    "Pre-Training and Fine-Tuning Generative Flow Networks (Pan et al. 2024)",
  ],
  options,
  quick: { steps: 300, evaluate_every: 50, pretrain_steps: 500, adapt_steps: 60 },
  run(settings, seed, progress) {
    const shape = { dimension: settings.dimension, side: settings.side, r0: settings.r0, r1: 0.5, r2: 2 };
    const runs = {} as Record<SamplerMethod, SamplerTraining>;
    methods.forEach((method, index) => {
      progress?.(`${methodNames[method]} (${index + 1} of ${methods.length})`);
      runs[method] = trainSampler({
        shape,
        method,
        steps: settings.steps,
        batch: settings.batch,
        learningRate: settings.learning_rate,
        logPartitionRate: settings.log_z_learning_rate,
        window: settings.window,
        evaluateEvery: settings.evaluate_every,
        seed,
      });
    });
    progress?.("outcome-conditioned pre-training and adaptation");
    const adaptation = runAdaptation({ shape, settings, seed });
    const curve = (
      method: SamplerMethod,
      y: string,
      value: (point: SamplerTraining["checkpoints"][number]) => number,
    ) => ({
      method: methodNames[method],
      x: "training step",
      y,
      points: runs[method].checkpoints.map((point) => ({
        x: point.step,
        y: value(point),
        exact_l1: point.exactL1,
        modes_found: point.modesFound,
        mean_reward: point.meanReward,
      })),
    });
    const curves: MeasuredCurve[] = [
      ...methods.map((method) => curve(method, "empirical L1 to R(x)/Z", (point) => point.empiricalL1)),
      ...adaptationCurves(adaptation),
    ];
    const results = {
      experiment: "gflownet",
      seed,
      curves,
      claims: [...gflownetClaims(runs.tb, runs.reinforce), ...adaptationClaims(adaptation)],
      settings,
      summary: methods.map((method) => ({
        method: methodNames[method],
        final_l1: runs[method].checkpoints.at(-1)?.empiricalL1 ?? null,
        modes_found: runs[method].checkpoints.at(-1)?.modesFound ?? null,
        covered_modes: coveredModes(runs[method]),
        top_state_probability: Math.max(...runs[method].distribution),
      })),
      outcome_reach_probability: adaptation.reachProbability,
      target: [...runs.tb.target],
      distributions: methods.map((method) => ({
        method: methodNames[method],
        probabilities: [...runs[method].distribution],
      })),
    };
    const grid = createEnvironment("hypergrid", {
      dimension: settings.dimension,
      side: settings.side,
      r0: settings.r0,
    });
    grid.reset();
    return Promise.resolve({
      results,
      sections: gflownetReport(results, { frame: grid.renderSvg(), side: settings.side }),
    });
  },
});

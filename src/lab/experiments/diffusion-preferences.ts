import { z } from "zod";
import { uncertaintyRegularized } from "../../compose/index.js";
import {
  type AccumulatingAdam,
  accumulatingAdam,
  pathKl,
  samplePaths,
  trainFlowMatching,
  VelocityNetwork,
} from "../../models/index.js";
import { rewardWeights } from "../../preference/index.js";
import {
  branchCompletions,
  d3poRound,
  flowDpoStep,
  type SamplerSettings,
  weightedFlowStep,
} from "../optimizers/diffusion-training.js";
import { leaveOneOutFrechet } from "../optimizers/dragon-reward.js";
import { deriveSeed, labRandom } from "../random.js";
import { diffusionReport } from "../report/diffusion-report.js";
import type { Curve, CurvePoint } from "../results.js";
import {
  createModeWorld,
  type ModeMetrics,
  modelRandom,
  modeMetrics,
  rulePreference,
  sampleModes,
} from "../worlds/mode-world.js";
import { randomFourierEncoder } from "../worlds/random-features.js";
import { diffusionClaims, type MethodSummary, summarizeRun } from "./diffusion-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  hidden: z.number().int().min(4).default(32).describe("Width of the velocity network's two hidden layers."),
  base_steps: z
    .number()
    .int()
    .min(10)
    .default(1000)
    .describe("Flow-matching steps that train the base model."),
  batch_size: z.number().int().min(8).default(128).describe("Samples per training step."),
  sampler_steps: z.number().int().min(2).default(20).describe("Denoising steps of the sampler."),
  sampler_noise: z.number().min(0.05).default(0.7).describe("a: the SDE's noise, g(t)² = a²·t."),
  rounds: z.number().int().min(1).default(16).describe("DRAGON's online rounds."),
  d3po_rounds: z
    .number()
    .int()
    .min(1)
    .default(20)
    .describe("D3PO's online rounds (sample, compare, update every step)."),
  pairs_per_round: z.number().int().min(4).default(96).describe("D3PO: trajectory pairs sampled per round."),
  d3po_beta: z.number().positive().default(0.1).describe("D3PO's β (train_d3po.py: 0.1)."),
  d3po_epsilon: z.number().min(0).max(0.99).default(0.1).describe("D3PO's ratio clip ε: ρ ∈ [1 − ε, 1 + ε]."),
  dataset_pairs: z
    .number()
    .int()
    .min(16)
    .default(1024)
    .describe("Flow-DPO / Flow-RWR: offline pairs (or samples) from the base model."),
  offline_steps: z.number().int().min(1).default(200).describe("Flow-DPO / Flow-RWR: optimizer steps."),
  flow_dpo_betas: z
    .array(z.number().positive())
    .length(2)
    .default([5, 0.5])
    .describe("Flow-DPO's β: a strong and a weak KL anchor."),
  rwr_temperature: z.number().positive().default(0.5).describe("τ of the reward weights exp(r/τ)."),
  steep_reward: z
    .number()
    .min(0)
    .default(5)
    .describe(
      "κ of the over-confident reward model r(x) = x + κ·(x − r_mode)₊² that online RWR and Ctrl-U optimize.",
    ),
  ctrl_u_regularization: z.number().min(0).default(0.1).describe("Ctrl-U's u_scale (its depth runs: 0.1)."),
  ctrl_u_branch: z
    .number()
    .min(0.05)
    .max(0.95)
    .default(0.5)
    .describe("Ctrl-U: the t at which two generations branch."),
  dragon_beta: z
    .number()
    .positive()
    .default(1)
    .describe("DRAGON: β of the Flow-DPO loss between its positive and negative sets."),
  learning_rate: z
    .number()
    .positive()
    .default(0.002)
    .describe("Adam's learning rate of the fine-tuning methods but D3PO."),
  d3po_learning_rate: z
    .number()
    .positive()
    .default(0.001)
    .describe("D3PO's Adam learning rate (its per-step ratios are sharp: small moves reach the clip)."),
  eval_samples: z.number().int().min(64).default(512).describe("Samples per evaluation."),
  evaluations: z.number().int().min(2).default(4).describe("Evaluations per method (after training starts)."),
});

type Settings = z.output<typeof options>;

const radius = 1.5;

export const diffusionPreferences = defineExperiment({
  name: "diffusion-preferences",
  summary:
    "A tiny 2-D flow model on four modes, aligned to 'prefer the right' without a reward model (D3PO, Flow-DPO), by reward-weighted regression (Flow-RWR), with Ctrl-U's uncertainty weighting and DRAGON's distribution-level reward: all move mass to the preferred modes; weak anchors and over-confident rewards push it off the data.",
  papers: [
    "D3PO: Using Human Feedback to Fine-tune Diffusion Models without Any Reward Model (Yang et al. 2024)",
    "Improving Video Generation with Human Feedback: Flow-DPO, Flow-RWR (Liu et al. 2025)",
    "Ctrl-U: uncertainty-aware reward regularization (Zhang et al. 2024)",
    "DRAGON: Distributional Rewards Optimize Diffusion Generative Models (Bai et al. 2025)",
  ],
  options,
  quick: {
    hidden: 16,
    base_steps: 300,
    batch_size: 64,
    sampler_steps: 10,
    rounds: 4,
    d3po_rounds: 4,
    pairs_per_round: 32,
    dataset_pairs: 256,
    offline_steps: 40,
    eval_samples: 128,
    evaluations: 2,
  },
  run(settings, seed) {
    const world = createModeWorld({ radius, spread: 0.25 });
    const random = modelRandom(labRandom(deriveSeed(seed, "base")));
    const base = new VelocityNetwork({ hidden: settings.hidden, random });
    trainFlowMatching({
      network: base,
      sampleData: (count, draw) => sampleModes(world, count, draw),
      steps: settings.base_steps,
      batchSize: settings.batch_size,
      learningRate: 0.005,
      random,
    });
    const sampler: SamplerSettings = { steps: settings.sampler_steps, noise: settings.sampler_noise };
    const evaluate = (network: VelocityNetwork, step: number): CurvePoint & ModeMetrics => {
      const draw = modelRandom(labRandom(deriveSeed(seed, `eval-${step}`)));
      const paths = samplePaths(network, {
        rows: settings.eval_samples,
        steps: sampler.steps,
        noise: sampler.noise,
        random: draw,
      });
      const metrics = modeMetrics(world, paths.states[paths.steps] as Float64Array);
      const kl = network === base ? 0 : pathKl(network, base, paths, sampler.noise);
      return { step, kl, proxy: metrics.ruleMean, gold: metrics.preferredOnMode, ...metrics };
    };
    const baseline = evaluate(base, 0);
    const summaries: MethodSummary[] = [];
    const curves: Curve[] = [];
    const record = (method: string, optimizer: string, points: (CurvePoint & ModeMetrics)[]) => {
      curves.push({
        method,
        optimizer,
        points: points.map(({ step, kl, proxy, gold }) => ({ step: step ?? 0, kl, proxy, gold })),
      });
      summaries.push(summarizeRun(method, points.slice(1)));
    };
    for (const run of methodRuns({ settings, seed, world, base, sampler })) {
      const network = base.clone();
      const optimizer = accumulatingAdam(network.parameters, {
        learningRate: run.method === "d3po" ? settings.d3po_learning_rate : settings.learning_rate,
        maxGradientNorm: 1,
      });
      const points = [{ ...baseline }];
      const every = Math.max(1, Math.floor(run.steps / settings.evaluations));
      for (let step = 1; step <= run.steps; step++) {
        run.step({ network, optimizer, step });
        if (step % every === 0 || step === run.steps) points.push(evaluate(network, step));
      }
      record(run.method, run.optimizer, points);
    }
    const claims = diffusionClaims({ base: baseline, summaries, betas: settings.flow_dpo_betas });
    const results = {
      experiment: "diffusion-preferences",
      seed,
      curves,
      claims,
      settings,
      base: {
        preferredOnMode: baseline.preferredOnMode,
        offManifold: baseline.offManifold,
        ruleMean: baseline.ruleMean,
        beyond: baseline.beyond,
      },
      methods: summaries,
    };
    return Promise.resolve({ results, sections: diffusionReport(results) });
  },
});

interface MethodRun {
  method: string;
  optimizer: string;
  steps: number;
  step(state: { network: VelocityNetwork; optimizer: AccumulatingAdam; step: number }): void;
}

/** Every method as a number of steps and what one step does. */
export function methodRuns(input: {
  settings: Settings;
  seed: number;
  world: ReturnType<typeof createModeWorld>;
  base: VelocityNetwork;
  sampler: SamplerSettings;
}): MethodRun[] {
  const { settings, seed, world, base, sampler } = input;
  const draw = (part: string) => modelRandom(labRandom(deriveSeed(seed, part)));
  // Offline data from the base model: pairs labelled by the rule (Flow-DPO) and scored samples (Flow-RWR).
  const dataRandom = draw("offline-data");
  const offline = samplePaths(base, {
    rows: 2 * settings.dataset_pairs,
    steps: sampler.steps,
    noise: sampler.noise,
    random: dataRandom,
  });
  const offlineFinal = offline.states[offline.steps] as Float64Array;
  const winners = new Float64Array(2 * settings.dataset_pairs);
  const losers = new Float64Array(2 * settings.dataset_pairs);
  for (let pair = 0; pair < settings.dataset_pairs; pair++) {
    const preferFirst = rulePreference(offlineFinal, 2 * pair, 2 * pair + 1) >= 0;
    const [w, l] = preferFirst ? [2 * pair, 2 * pair + 1] : [2 * pair + 1, 2 * pair];
    winners.set(offlineFinal.subarray(2 * w, 2 * w + 2), 2 * pair);
    losers.set(offlineFinal.subarray(2 * l, 2 * l + 2), 2 * pair);
  }
  const batchOf = (source: Float64Array[], random: ReturnType<typeof draw>, size: number, pool: number) => {
    const picks = Array.from({ length: size }, () => random.int(pool));
    return source.map((values) => {
      const out = new Float64Array(2 * size);
      for (const [at, pick] of picks.entries()) out.set(values.subarray(2 * pick, 2 * pick + 2), 2 * at);
      return out;
    });
  };
  const overconfident = (x: number) => x + settings.steep_reward * Math.max(0, x - radius) ** 2;
  const exemplars = sampleModes(
    { ...world, centers: world.centers.filter((_, index) => world.preferred[index]) },
    256,
    draw("exemplars"),
  );
  const encode = randomFourierEncoder({
    features: 16,
    lengthScale: 0.75,
    random: labRandom(deriveSeed(seed, "encoder")),
  });
  const exemplarFeatures = encode(exemplars);
  const onlineSamples = settings.batch_size;
  const onlineSteps = 8;
  const runs: MethodRun[] = [];
  const d3poRandom = draw("d3po");
  runs.push({
    method: "d3po",
    optimizer: "d3po_online",
    steps: settings.d3po_rounds,
    step: ({ network, optimizer }) =>
      d3poRound({
        network,
        reference: base,
        optimizer,
        pairs: settings.pairs_per_round,
        sampler,
        beta: settings.d3po_beta,
        clip: [1 - settings.d3po_epsilon, 1 + settings.d3po_epsilon],
        prefer: rulePreference,
        random: d3poRandom,
      }),
  });
  settings.flow_dpo_betas.forEach((beta, index) => {
    const random = draw(`flow-dpo-${index}`);
    runs.push({
      method: `flow_dpo_beta_${beta}`,
      optimizer: "flow_dpo_offline",
      steps: settings.offline_steps,
      step: ({ network, optimizer }) => {
        const [w, l] = batchOf([winners, losers], random, settings.batch_size, settings.dataset_pairs) as [
          Float64Array,
          Float64Array,
        ];
        flowDpoStep({
          network,
          reference: base,
          optimizer,
          winners: w,
          losers: l,
          beta,
          schedule: "constant",
          random,
        });
      },
    });
  });
  const offlineRwr = (method: string, rewards: Float64Array, random: ReturnType<typeof draw>): MethodRun => ({
    method,
    optimizer: "rwr_offline",
    steps: settings.offline_steps,
    step: ({ network, optimizer }) => {
      const picks = Array.from({ length: settings.batch_size }, () => random.int(offline.rows));
      const samples = new Float64Array(2 * picks.length);
      for (const [at, pick] of picks.entries())
        samples.set(offlineFinal.subarray(2 * pick, 2 * pick + 2), 2 * at);
      const weights = rewardWeights(
        picks.map((pick) => rewards[pick] as number),
        settings.rwr_temperature,
      );
      weightedFlowStep({ network, optimizer, samples, weights, random });
    },
  });
  runs.push(
    offlineRwr(
      "flow_rwr",
      Float64Array.from({ length: offline.rows }, (_, row) => offlineFinal[2 * row] as number),
      draw("flow-rwr"),
    ),
  );
  // An over-confident reward model on the same base samples, and Ctrl-U's disagreement between two
  // generations that share the path up to t = ctrl_u_branch (rlhf.md §14): U = |f(x₁) − f(x₂)|.
  const branch = Math.min(sampler.steps - 1, Math.round((1 - settings.ctrl_u_branch) * sampler.steps));
  const offlineSecond = branchCompletions({
    network: base,
    paths: offline,
    branch,
    sampler,
    random: draw("ctrl-u-branch"),
  });
  const confident = Float64Array.from({ length: offline.rows }, (_, row) =>
    overconfident(offlineFinal[2 * row] as number),
  );
  const uncertaintyOf = Float64Array.from({ length: offline.rows }, (_, row) =>
    Math.abs((confident[row] as number) - overconfident(offlineSecond[2 * row] as number)),
  );
  for (const uncertainty of [false, true]) {
    const random = draw(uncertainty ? "ctrl-u" : "rwr-overconfident");
    // Ctrl-U shapes the reward as r·exp(−U) − u_scale·U (the compose room's `uncertainty_weighted`).
    const rewards = uncertainty
      ? confident.map((reward, row) =>
          uncertaintyRegularized(reward, uncertaintyOf[row] as number, settings.ctrl_u_regularization),
        )
      : confident;
    runs.push(offlineRwr(uncertainty ? "ctrl_u_rwr" : "rwr_overconfident", rewards, random));
  }
  const dragonRandom = draw("dragon");
  runs.push({
    method: "dragon",
    optimizer: "dragon_online",
    steps: settings.rounds,
    step: ({ network, optimizer }) => {
      const paths = samplePaths(network, {
        rows: onlineSamples,
        steps: sampler.steps,
        noise: sampler.noise,
        random: dragonRandom,
      });
      const final = paths.states[paths.steps] as Float64Array;
      const credit = leaveOneOutFrechet(encode(final), exemplarFeatures);
      const order = Array.from({ length: onlineSamples }, (_, row) => row).sort(
        (a, b) => (credit[b] as number) - (credit[a] as number),
      );
      const half = Math.floor(onlineSamples / 2);
      const w = new Float64Array(2 * half);
      const l = new Float64Array(2 * half);
      for (let at = 0; at < half; at++) {
        const good = order[at] as number;
        const bad = order[onlineSamples - 1 - at] as number;
        w.set(final.subarray(2 * good, 2 * good + 2), 2 * at);
        l.set(final.subarray(2 * bad, 2 * bad + 2), 2 * at);
      }
      const beta = settings.dragon_beta;
      for (let inner = 0; inner < onlineSteps; inner++) {
        flowDpoStep({
          network,
          reference: base,
          optimizer,
          winners: w,
          losers: l,
          beta,
          schedule: "constant",
          random: dragonRandom,
        });
      }
    },
  });
  return runs;
}

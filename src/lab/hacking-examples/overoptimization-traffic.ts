import {
  defaultObserveOptions,
  emptyStepAggregate,
  type Observation,
  observeBatch,
  type StepAggregate,
} from "../../diagnose/index.js";
import { optimizeKlRegularized, policySummary } from "../optimizers/kl-regularized.js";
import { SoftmaxPolicy } from "../optimizers/softmax-policy.js";
import { deriveSeed, labRandom } from "../random.js";
import { recenterUnderBase } from "../tables.js";
import { samplePreferences } from "../worlds/preferences.js";
import { defaultProxyTraining, trainProxies } from "../worlds/proxy-models.js";
import { createRlhfWorld, defaultRlhfWorld } from "../worlds/rlhf-world.js";

export interface OveroptimizationTrafficOptions {
  seed: number;
  /**
   * The world's gold penalty past the hack threshold (rlhf-world.ts, default 1): with 0 the
   * proxy's favourite feature never turns against the gold, so there is nothing to find (the control).
   */
  hackPenalty?: number;
  steps?: number;
  samplesPerStep?: number;
  /** Fraction of samples the gold probe scores (as the server's `diagnostics.rate`). */
  goldRate?: number;
  learningRate?: number;
}

export interface OveroptimizationTraffic {
  aggregates: StepAggregate[];
  /** The policy's exact expected gold and proxy at each step (what the probe estimates). */
  exact: Array<{ step: number; gold: number; proxy: number; kl: number }>;
}

/**
 * Training traffic from the lab's over-optimization world (worlds/rlhf-world.ts, Gao et al.'s
 * setting): a KL-regularized softmax policy optimizes one learned proxy RM, and at every step
 * `samplesPerStep` responses are drawn from the current policy, scored by the proxy (the reward)
 * and, for a `goldRate` fraction, by the world's gold reward (the held-out probe). The rows are
 * observed into per-step aggregates exactly as `rewardkit serve` records its traffic.
 */
export function overoptimizationTraffic(options: OveroptimizationTrafficOptions): OveroptimizationTraffic {
  const { seed } = options;
  const steps = options.steps ?? 150;
  const samplesPerStep = options.samplesPerStep ?? 256;
  const goldRate = options.goldRate ?? 0.25;
  // The over-optimization experiment's quick world and proxy (experiments/overoptimization.ts).
  const world = createRlhfWorld({
    ...defaultRlhfWorld,
    seed,
    prompts: 48,
    candidates: 128,
    hackPenalty: options.hackPenalty ?? defaultRlhfWorld.hackPenalty,
  });
  const pairs = samplePreferences(world, {
    pairs: 600,
    labelNoise: 0.25,
    random: labRandom(deriveSeed(seed, "pairs")),
  });
  const [member] = trainProxies({
    world,
    pairs,
    members: 1,
    seed,
    training: { ...defaultProxyTraining, epochs: 4 },
  });
  const proxy = recenterUnderBase(member as Float64Array, world.baseProbabilities, world.prompts);
  const policy = new SoftmaxPolicy({
    prompts: world.prompts,
    candidates: world.candidates,
    baseLogProbabilities: world.baseLogProbabilities,
    parameterization: "tabular",
  });
  const random = labRandom(deriveSeed(seed, "traffic"));
  const aggregates: StepAggregate[] = [];
  const exact: OveroptimizationTraffic["exact"] = [];
  optimizeKlRegularized({
    policy,
    reward: proxy,
    klCoefficient: 0.05,
    steps,
    learningRate: options.learningRate ?? 0.05,
    gradient: "natural",
    checkpoints: Array.from({ length: steps + 1 }, (_, step) => step),
    evaluate(step) {
      const summary = policySummary(policy, { proxy, gold: world.gold });
      exact.push({ step, gold: summary.gold as number, proxy: summary.proxy as number, kl: summary.kl });
      const probabilities = policy.probabilities();
      const batch: Observation[] = [];
      for (let index = 0; index < samplesPerStep; index++) {
        const prompt = random.int(world.prompts);
        const candidate = random.categorical(probabilities, prompt * world.candidates, world.candidates);
        const cell = prompt * world.candidates + candidate;
        batch.push({
          prompt: `prompt ${prompt}`,
          completion: `candidate ${candidate}`,
          reward: proxy[cell] as number,
          kl: summary.kl,
          ...(random.next() < goldRate ? { gold: world.gold[cell] as number } : {}),
        });
      }
      aggregates.push(
        observeBatch(emptyStepAggregate(step), batch, { ...defaultObserveOptions, textRate: 0 }),
      );
    },
  });
  return { aggregates, exact };
}

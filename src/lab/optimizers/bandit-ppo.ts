import { type PolicyObjective, ppoMinibatchGradients } from "../../env/index.js";
import type { LabRandom } from "../random.js";
import { exponentiate, logSoftmaxRows } from "../softmax.js";

function softmax(logits: Float64Array): Float64Array {
  return exponentiate(logSoftmaxRows(logits, logits.length));
}

/** One bandit task: the arms' mean rewards (rewards are those means plus unit Gaussian noise). */
export interface BanditTask {
  means: Float64Array;
}

export interface BanditPpoSettings {
  /** Policy updates in the run (the horizon N; TA-LPO reads n/N). */
  updates: number;
  /** Pulls gathered per update. */
  batch: number;
  /** Passes over each batch (PPO's update epochs). */
  epochs: number;
  /** Step size of plain gradient descent on the logits. */
  step: number;
}

const lossOptions = {
  normalize_advantages: true,
  clip_coefficient: 0.2,
  clip_value_loss: false,
  entropy_coefficient: 0,
  value_coefficient: 0,
};

/** Expected reward of the policy, scaled so uniform = 0 and the best arm = 1. */
export function normalizedReturn(task: BanditTask, logits: Float64Array): number {
  const probabilities = softmax(logits);
  const { means } = task;
  let expected = 0;
  let best = Number.NEGATIVE_INFINITY;
  let average = 0;
  means.forEach((mean, arm) => {
    expected += (probabilities[arm] as number) * mean;
    best = Math.max(best, mean);
    average += mean / means.length;
  });
  return best > average ? (expected - average) / (best - average) : 0;
}

/**
 * A PPO training run of a softmax policy over a bandit's arms (reconstructed inner task: small enough
 * for evolution strategies to run thousands of them). Each update pulls `batch` arms, uses the batch
 * mean as the value baseline, and takes `epochs` full-batch steps on the policy loss of
 * env/agents/ppo-loss.ts with `objective(n)` (PPO's clipped surrogate when it returns undefined),
 * n = the update's index. Returns the normalized return after every update (index 0: before any).
 */
export function trainBanditPpo(input: {
  task: BanditTask;
  settings: BanditPpoSettings;
  objective: (update: number) => PolicyObjective | undefined;
  random: LabRandom;
}): number[] {
  const { task, settings, random } = input;
  const arms = task.means.length;
  const logits = new Float64Array(arms);
  const curve = [normalizedReturn(task, logits)];
  for (let update = 0; update < settings.updates; update++) {
    const oldLogits = Float64Array.from(logits);
    const probabilities = softmax(oldLogits);
    const actions: number[] = [];
    const rewards: number[] = [];
    for (let pull = 0; pull < settings.batch; pull++) {
      const arm = random.categorical(probabilities);
      actions.push(arm);
      rewards.push((task.means[arm] as number) + random.normal());
    }
    const baseline = rewards.reduce((sum, value) => sum + value, 0) / rewards.length;
    const advantages = rewards.map((value) => value - baseline);
    const objective = input.objective(update);
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const rowLogits = new Float64Array(settings.batch * arms);
      for (let row = 0; row < settings.batch; row++) rowLogits.set(logits, row * arms);
      const gradients = ppoMinibatchGradients({
        logits: rowLogits,
        values: new Float64Array(settings.batch),
        actions,
        oldLogits: actions.map(() => oldLogits),
        oldValues: actions.map(() => 0),
        advantages,
        returns: advantages,
        options: lossOptions,
        ...(objective ? { objective } : {}),
      });
      for (let row = 0; row < settings.batch; row++) {
        for (let arm = 0; arm < arms; arm++)
          logits[arm] =
            (logits[arm] as number) - settings.step * (gradients.logits[row * arms + arm] as number);
      }
    }
    curve.push(normalizedReturn(task, logits));
  }
  return curve;
}

/** A task with `arms` means drawn from N(0, 1). */
export function sampleBanditTask(arms: number, random: LabRandom): BanditTask {
  return { means: Float64Array.from({ length: arms }, () => random.normal()) };
}

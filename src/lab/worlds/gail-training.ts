import { DqnAgent, type DqnOptions, dqnOptions } from "../../env/agents/dqn.js";
import type { ReplaySample } from "../../env/agents/replay-buffer.js";
import { train } from "../../env/agents/train.js";
import { type PointMass, type PointMassState, pointMassExpertAction } from "../../env/point-mass/index.js";
import {
  adversarialReward,
  Discriminator,
  type LipschitzPenalty,
  type Pessimism,
  pessimisticRewards,
} from "../../models/discriminator/index.js";

/** One off-policy adversarial imitation learner's settings (Blondé, Strasser & Kalousis 2020). */
export interface GailSettings {
  steps: number;
  penalty: LipschitzPenalty | null;
  pessimism: Pessimism | null;
  discriminatorEvery: number;
  discriminatorBatch: number;
  discriminatorLearningRate: number;
  evaluateEvery: number;
  evaluationEpisodes: number;
  dqn: Partial<DqnOptions>;
}

/** A point-mass (s, a) row: the state's features and the action one-hot (the discriminator's input). */
export function stateActionRow(environment: PointMass, state: PointMassState, action: number): Float64Array {
  const row = new Float64Array(9);
  row.set(environment.observationFeatures(state), 0);
  row[4 + action] = 1;
  return row;
}

/** `episodes` demonstrations of the point-mass's PD controller as (s, a) rows. */
export function demonstrations(environment: PointMass, episodes: number, seed: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let episode = 0; episode < episodes; episode++) {
    let state = environment.reset({ seed: seed + episode }).observation;
    for (;;) {
      const action = pointMassExpertAction({
        state,
        goal: environment.settings.goal,
        physics: environment.settings.physics,
      });
      rows.push(stateActionRow(environment, state, action));
      const result = environment.step(action);
      state = result.observation;
      if (result.terminated || result.truncated) break;
    }
  }
  return rows;
}

/** Mean true (environment) return of a policy over `episodes` fixed-seed evaluation episodes. */
export function policyReturn(
  act: (state: PointMassState) => number,
  environment: PointMass,
  episodes: number,
): number {
  let total = 0;
  for (let episode = 0; episode < episodes; episode++) {
    let state = environment.reset({ seed: 100_000 + episode }).observation;
    for (;;) {
      const result = environment.step(act(state));
      total += result.reward;
      state = result.observation;
      if (result.terminated || result.truncated) break;
    }
  }
  return total / episodes;
}

function stack(rows: readonly Float64Array[], pick: (index: number) => number, count: number): Float64Array {
  const out = new Float64Array(count * 9);
  for (let index = 0; index < count; index++) out.set(rows[pick(index)] as Float64Array, index * 9);
  return out;
}

/**
 * Off-policy GAIL on the point mass (reconstructed at small scale: DQN stands in for the paper's
 * TD3/SAC because the actions are discrete): the discriminator learns expert (s, a) = 1 against the
 * learner's replayed (s, a) = 0, with or without the Lipschitz penalty; every replayed batch is
 * relabelled with the current reward −log(1 − D) (pessimistically preconditioned when asked). Returns
 * the greedy policy's true return at each evaluation and the discriminator's mean logit slope.
 */
export function trainGail(input: {
  environment: PointMass;
  evaluation: PointMass;
  expert: readonly Float64Array[];
  settings: GailSettings;
  seed: number;
  random: () => number;
}): { returns: number[]; slopes: number[]; rewardScale: number[] } {
  const { environment, expert, settings } = input;
  const discriminator = new Discriminator({
    inputs: 9,
    hidden: [32, 32],
    learningRate: settings.discriminatorLearningRate,
    penalty: settings.penalty,
    seed: input.seed + 1,
  });
  const visited: Float64Array[] = [];
  const rewardScale: number[] = [];
  let lastScale = 0;
  const relabel = (batch: ReplaySample) => {
    const inputs = new Float64Array(batch.rows * 9);
    for (let row = 0; row < batch.rows; row++) {
      inputs.set(batch.features.subarray(row * 4, row * 4 + 4), row * 9);
      inputs[row * 9 + 4 + (batch.actions[row] as number)] = 1;
    }
    const logits = discriminator.logits(inputs, batch.rows);
    const rewards = settings.pessimism
      ? pessimisticRewards({
          logits,
          logitGradientNorms: discriminator.logitGradientNorms(inputs, batch.rows),
          form: "minimax",
          pessimism: settings.pessimism,
        })
      : logits.map((logit) => adversarialReward(logit, "minimax"));
    batch.rewards.set(rewards);
    lastScale = rewards.reduce((sum, value) => sum + value, 0) / batch.rows;
  };
  const agent = new DqnAgent<PointMassState>({
    environment,
    seed: input.seed,
    options: dqnOptions.parse(settings.dqn),
    relabel,
  });
  const greedy = () =>
    policyReturn(
      (state) => agent.act(state, { explore: false }),
      input.evaluation,
      settings.evaluationEpisodes,
    );
  const returns = [greedy()];
  const slopes: number[] = [];
  const batch = settings.discriminatorBatch;
  train({
    agent,
    environment,
    steps: settings.steps,
    seed: input.seed,
    reward: (step) => {
      visited.push(stateActionRow(environment, step.observation, step.action));
      const done = step.totalSteps + 1;
      if (done % settings.discriminatorEvery === 0 && visited.length >= batch) {
        const random = input.random;
        const expertRows = stack(expert, () => Math.floor(random() * expert.length), batch);
        const policyRows = stack(visited, () => Math.floor(random() * visited.length), batch);
        discriminator.update({ expert: expertRows, policy: policyRows, rows: batch });
      }
      if (done % settings.evaluateEvery === 0) {
        returns.push(greedy());
        const probe = stack(visited, (index) => visited.length - 1 - index, Math.min(64, visited.length));
        const norms = discriminator.logitGradientNorms(probe, probe.length / 9);
        slopes.push(norms.reduce((sum, value) => sum + value, 0) / norms.length);
        rewardScale.push(lastScale);
      }
      return 0; // relabelled from the discriminator at every replayed batch
    },
  });
  return { returns, slopes, rewardScale };
}

import { deriveSeed, labRandom } from "../random.js";
import { type StrategyMode, sampleOthers, sideActions, sidePayoff } from "./crowd-game.js";
import { createLatentHeads, greedyAction, type LatentHeads, recordPayoff } from "./latent-heads.js";
import { createModeSignatures, type ModeSignatures, recordChoices, updateBelief } from "./mode-posterior.js";

/** The game every episode of the `meta-representation` experiment plays (reconstructed, see crowd-game.ts). */
export interface CrowdSettings {
  modes: readonly StrategyMode[];
  capacity: number;
  rounds: number;
}

/** A trained policy: its heads, the modes' signatures, and its mean payoff per training window. */
export interface TrainedPolicy {
  model: LatentHeads;
  signatures: ModeSignatures;
  curve: number[];
}

/**
 * Trains a latent-conditioned policy (`latent: true`: head = the population's mode, given while
 * training — our reconstruction of the paper's latent, which it learns with a mutual-information
 * objective) or a single policy (one head) with ε-greedy sample-mean values, on episodes whose size
 * and mode are drawn uniformly from the training sets.
 */
export function trainPolicy(input: {
  game: CrowdSettings;
  sizes: readonly number[];
  latent: boolean;
  episodes: number;
  epsilon: number;
  window: number;
  seed: number;
}): TrainedPolicy {
  const { game } = input;
  const random = labRandom(deriveSeed(input.seed, "meta-representation train"));
  const heads = input.latent ? game.modes.length : 1;
  const model = createLatentHeads({ heads, actions: sideActions.length, sizes: input.sizes });
  const signatures = createModeSignatures(game.modes.length, sideActions.length);
  const curve: number[] = [];
  let windowTotal = 0;
  for (let episode = 0; episode < input.episodes; episode++) {
    const size = input.sizes[random.int(input.sizes.length)] as number;
    const modeIndex = random.int(game.modes.length);
    const mode = game.modes[modeIndex] as StrategyMode;
    const head = input.latent ? modeIndex : 0;
    const belief = Array.from({ length: heads }, (_, index) => (index === head ? 1 : 0));
    for (let round = 0; round < game.rounds; round++) {
      const action =
        random.next() < input.epsilon ? random.int(sideActions.length) : greedyAction(model, size, belief);
      const others = sampleOthers({ mode, size, random });
      const payoff = sidePayoff(action, others, game.capacity);
      recordPayoff(model, { head, size, action, payoff });
      recordChoices(signatures, modeIndex, others);
      windowTotal += payoff / game.rounds;
    }
    if ((episode + 1) % input.window === 0) {
      curve.push(windowTotal / input.window);
      windowTotal = 0;
    }
  }
  return { model, signatures, curve };
}

/** How a trained policy picks its latent on a new game. */
export type LatentChoice = "inferred" | "oracle" | "single";

/**
 * Plays `episodes` greedy episodes against one mode at one size and returns the mean payoff of each
 * episode. "inferred": the belief over latent modes starts uniform and is updated from each finished
 * episode's observed choices (no retraining); "oracle": the true mode's head; "single": the one head.
 * The others' draws depend only on `seed`, so policies that act alike score alike.
 */
export function playAdaptation(input: {
  policy: TrainedPolicy;
  game: CrowdSettings;
  choice: LatentChoice;
  modeIndex: number;
  size: number;
  episodes: number;
  seed: number;
}): number[] {
  const { policy, game } = input;
  const random = labRandom(input.seed);
  const heads = policy.model.heads;
  let belief: number[] =
    input.choice === "oracle"
      ? Array.from({ length: heads }, (_, index) => (index === input.modeIndex ? 1 : 0))
      : new Array<number>(heads).fill(1 / heads);
  const mode = game.modes[input.modeIndex] as StrategyMode;
  const returns: number[] = [];
  for (let episode = 0; episode < input.episodes; episode++) {
    const seen = new Array<number>(sideActions.length).fill(0);
    let total = 0;
    for (let round = 0; round < game.rounds; round++) {
      const action = greedyAction(policy.model, input.size, belief);
      const others = sampleOthers({ mode, size: input.size, random });
      total += sidePayoff(action, others, game.capacity);
      others.forEach((count, index) => {
        seen[index] = (seen[index] as number) + count;
      });
    }
    returns.push(total / game.rounds);
    if (input.choice === "inferred")
      belief = updateBelief({ signatures: policy.signatures, belief, choices: seen });
  }
  return returns;
}

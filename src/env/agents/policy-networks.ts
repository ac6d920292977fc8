import { z } from "zod";
import { DenseMlp } from "../../models/mlp/dense-mlp.js";
import type { Random } from "../../models/random.js";
import { softmax } from "./categorical.js";

export const hiddenSizesSchema = z.array(z.number().int().min(1)).min(1);

/**
 * The policy (actor) and value (critic) networks of CleanRL's ppo.py: separate tanh MLPs,
 * orthogonal weights with gain √2 in hidden layers, 0.01 on the policy's logits and 1 on the value.
 */
export function actorCritic(options: {
  inputs: number;
  actions: number;
  hidden: readonly number[];
  random: Random;
}): {
  actor: DenseMlp;
  critic: DenseMlp;
} {
  const { inputs, actions, hidden, random } = options;
  const hiddenLayers = hidden.map(() => ({ kind: "orthogonal" as const, gain: Math.SQRT2 }));
  return {
    actor: new DenseMlp({
      sizes: [inputs, ...hidden, actions],
      activation: "tanh",
      random,
      initialization: [...hiddenLayers, { kind: "orthogonal", gain: 0.01 }],
    }),
    critic: new DenseMlp({
      sizes: [inputs, ...hidden, 1],
      activation: "tanh",
      random,
      initialization: [...hiddenLayers, { kind: "orthogonal", gain: 1 }],
    }),
  };
}

/** π(·|x) for one feature vector. */
export function policyOf(actor: DenseMlp, features: Float64Array): Float64Array {
  return softmax(actor.forward(features, 1));
}

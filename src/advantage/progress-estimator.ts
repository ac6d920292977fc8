import { z } from "zod";
import type { Step } from "../core/index.js";
import { hashedStepFeatures, type SparseVector, sparseDot } from "./hashed-features.js";
import { fitProgress } from "./progress-fit.js";

/**
 * A trained SPA-RL progress estimator (prm/train_our_progress_model.py's objective, MSE(Σ_t c_t, R)):
 * linear weights over hashed step words (a stand-in for the paper's LM head), fitted once on a
 * dataset of trajectories and then applied to new ones — the `spa` estimator's `progress: model`.
 * Plain JSON, so it can be written to a file and pasted into a spec.
 */
export const progressEstimatorSchema = z.strictObject({
  kind: z.literal("spa-progress").default("spa-progress"),
  features: z.number().int().min(8).max(65536).describe("Hash buckets the weights were trained on."),
  weights: z.array(z.number()).describe("One weight per bucket, then the per-step offset."),
});
export type ProgressEstimator = z.infer<typeof progressEstimatorSchema>;

function stepFeatures(steps: readonly Step[], features: number): SparseVector[] {
  return steps.map((step) =>
    hashedStepFeatures({ state: step.state ?? step.observation, action: step.action }, features),
  );
}

/** Trains the estimator on trajectories and their final rewards (ridge least squares, solved exactly). */
export function trainProgressEstimator(input: {
  trajectories: readonly (readonly Step[])[];
  rewards: readonly number[];
  features?: number;
  l2?: number;
}): ProgressEstimator & { train_r2: number } {
  const features = input.features ?? 256;
  const fit = fitProgress(
    input.trajectories.map((steps) => stepFeatures(steps, features)),
    input.rewards,
    { dimensions: features, l2: input.l2 ?? 1e-3, keepWeights: true },
  );
  return {
    kind: "spa-progress",
    features,
    weights: Array.from(fit.weights as Float64Array),
    train_r2: fit.r2,
  };
}

/** c_t of every step of a trajectory under a trained estimator. */
export function progressContributions(estimator: ProgressEstimator, steps: readonly Step[]): number[] {
  if (estimator.weights.length !== estimator.features + 1) {
    throw new RangeError(
      `progress estimator: ${estimator.weights.length} weights for ${estimator.features} buckets (expected ${estimator.features + 1})`,
    );
  }
  return stepFeatures(steps, estimator.features).map((vector) => sparseDot(vector, estimator.weights));
}

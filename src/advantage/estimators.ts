import type { EstimatorRegistry } from "../core/index.js";
import { adaptiveModeEstimator } from "./adaptive-mode.js";
import { brpoEstimator } from "./brpo.js";
import { drGrpoEstimator } from "./dr-grpo.js";
import { gigpoEstimator } from "./gigpo-estimator.js";
import { grpoEstimator } from "./grpo.js";
import { grpoScalingEstimator } from "./grpo-s.js";
import { p3oEstimator } from "./p3o.js";
import { pairwisePreferenceEstimator } from "./pairwise-preference.js";
import { passthroughEstimator } from "./passthrough.js";
import { reinforcePlusPlusEstimator } from "./reinforce-pp.js";
import { rlooEstimator } from "./rloo.js";
import { spaEstimator } from "./spa.js";
import { unlikelinessEstimator } from "./unlikeliness.js";

/** Every built-in advantage estimator, by its `type`. */
export const builtinEstimators: EstimatorRegistry = Object.fromEntries(
  [
    grpoEstimator,
    drGrpoEstimator,
    rlooEstimator,
    reinforcePlusPlusEstimator,
    gigpoEstimator,
    spaEstimator,
    unlikelinessEstimator,
    adaptiveModeEstimator,
    grpoScalingEstimator,
    brpoEstimator,
    p3oEstimator,
    pairwisePreferenceEstimator,
    passthroughEstimator,
  ].map((estimator) => [estimator.type, estimator]),
);

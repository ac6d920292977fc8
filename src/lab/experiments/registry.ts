import { actionGrouping } from "./action-grouping.js";
import { adaptiveReasoning } from "./adaptive-reasoning.js";
import { barfi } from "./barfi.js";
import { constrained } from "./constrained.js";
import { dpoOveroptimization } from "./dpo-overoptimization.js";
import type { Experiment } from "./experiment.js";
import { overoptimization } from "./overoptimization.js";
import { potentialShaping } from "./potential-shaping.js";
import { submodular } from "./submodular.js";
import { unlikeliness } from "./unlikeliness.js";

/** Every lab experiment by name. */
export const experiments: Readonly<Record<string, Experiment>> = {
  overoptimization: overoptimization as unknown as Experiment,
  constrained: constrained as unknown as Experiment,
  "dpo-overoptimization": dpoOveroptimization as unknown as Experiment,
  unlikeliness: unlikeliness as unknown as Experiment,
  "adaptive-reasoning": adaptiveReasoning as unknown as Experiment,
  "potential-shaping": potentialShaping as unknown as Experiment,
  submodular: submodular as unknown as Experiment,
  barfi: barfi as unknown as Experiment,
  "action-grouping": actionGrouping as unknown as Experiment,
};

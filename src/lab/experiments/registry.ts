import { adaptiveReasoning } from "./adaptive-reasoning.js";
import { bStar } from "./b-star.js";
import { constrained } from "./constrained.js";
import { dno } from "./dno.js";
import { dpoOveroptimization } from "./dpo-overoptimization.js";
import type { Experiment } from "./experiment.js";
import { fkSteering } from "./fk-steering.js";
import { overoptimization } from "./overoptimization.js";
import { raft } from "./raft.js";
import { unlikeliness } from "./unlikeliness.js";
import { vas } from "./vas.js";

/** Every lab experiment by name. */
export const experiments: Readonly<Record<string, Experiment>> = {
  overoptimization: overoptimization as unknown as Experiment,
  constrained: constrained as unknown as Experiment,
  "dpo-overoptimization": dpoOveroptimization as unknown as Experiment,
  unlikeliness: unlikeliness as unknown as Experiment,
  "adaptive-reasoning": adaptiveReasoning as unknown as Experiment,
  raft: raft as unknown as Experiment,
  "fk-steering": fkSteering as unknown as Experiment,
  vas: vas as unknown as Experiment,
  dno: dno as unknown as Experiment,
  "b-star": bStar as unknown as Experiment,
};

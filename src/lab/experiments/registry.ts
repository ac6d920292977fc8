import { actionGrouping } from "./action-grouping.js";
import { activePreferences } from "./active-preferences.js";
import { adaptiveReasoning } from "./adaptive-reasoning.js";
import { bStar } from "./b-star.js";
import { barfi } from "./barfi.js";
import { constrained } from "./constrained.js";
import { diffusionPreferences } from "./diffusion-preferences.js";
import { dno } from "./dno.js";
import { donorGame } from "./donor-game.js";
import { dpoOveroptimization } from "./dpo-overoptimization.js";
import { equitableSampling } from "./equitable-sampling.js";
import type { Experiment } from "./experiment.js";
import { explorationBonus } from "./exploration-bonus.js";
import { fairForest } from "./fair-forest.js";
import { fkSteering } from "./fk-steering.js";
import { gflownet } from "./gflownet.js";
import { lipschitzGail } from "./lipschitz-gail.js";
import { morec } from "./morec.js";
import { noveltyRecommendation } from "./novelty-recommendation.js";
import { overoptimization } from "./overoptimization.js";
import { polar } from "./polar.js";
import { potentialShaping } from "./potential-shaping.js";
import { punishment } from "./punishment.js";

import { qualityDiversity } from "./quality-diversity.js";
import { raft } from "./raft.js";
import { rewardDistance } from "./reward-distance.js";
import { submodular } from "./submodular.js";
import { unlikeliness } from "./unlikeliness.js";
import { vas } from "./vas.js";

/** Every lab experiment by name. */
export const experiments: Readonly<Record<string, Experiment>> = {
  overoptimization: overoptimization as unknown as Experiment,
  constrained: constrained as unknown as Experiment,
  "dpo-overoptimization": dpoOveroptimization as unknown as Experiment,
  unlikeliness: unlikeliness as unknown as Experiment,
  "adaptive-reasoning": adaptiveReasoning as unknown as Experiment,
  "reward-distance": rewardDistance as unknown as Experiment,
  "diffusion-preferences": diffusionPreferences as unknown as Experiment,
  polar: polar as unknown as Experiment,
  "active-preferences": activePreferences as unknown as Experiment,
  "equitable-sampling": equitableSampling as unknown as Experiment,
  "fair-forest": fairForest as unknown as Experiment,
  "potential-shaping": potentialShaping as unknown as Experiment,
  submodular: submodular as unknown as Experiment,
  barfi: barfi as unknown as Experiment,
  "action-grouping": actionGrouping as unknown as Experiment,
  raft: raft as unknown as Experiment,
  "fk-steering": fkSteering as unknown as Experiment,
  vas: vas as unknown as Experiment,
  dno: dno as unknown as Experiment,
  "b-star": bStar as unknown as Experiment,
  "donor-game": donorGame as unknown as Experiment,
  punishment: punishment as unknown as Experiment,

  "novelty-recommendation": noveltyRecommendation as unknown as Experiment,
  "lipschitz-gail": lipschitzGail as unknown as Experiment,
  morec: morec as unknown as Experiment,

  "exploration-bonus": explorationBonus as unknown as Experiment,
  "quality-diversity": qualityDiversity as unknown as Experiment,
  gflownet: gflownet as unknown as Experiment,
};

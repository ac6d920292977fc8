import { registryOf } from "../core/index.js";
import { blendNode } from "./blend-node.js";
import { constrainedNode } from "./constrained.js";
import { difficultyScaledNode } from "./difficulty.js";
import { dimensionalControlNode } from "./dimensional-control-node.js";
import { dynamicBetaNode } from "./dynamic-beta-node.js";
import { ensembleNode } from "./ensemble.js";
import { gateNode } from "./gate.js";
import { groupUncertaintyWeightedNode } from "./group-uncertainty.js";
import { minNode } from "./min.js";
import { countNoveltyNode, ellipticalNoveltyNode } from "./novelty/index.js";
import { objectivesNode } from "./objectives.js";
import { processNode } from "./process.js";
import { productNode } from "./product.js";
import { punishmentNode } from "./punishment-node.js";
import { reputationNode } from "./reputation-node.js";
import { scheduledNode } from "./schedule.js";
import { shapeNode } from "./shape.js";
import { submodularNode } from "./submodular-node.js";
import { trustGrpoNode } from "./trust-grpo-node.js";
import { turnsNode } from "./turns.js";
import { uncertaintyWeightedNode } from "./uncertainty.js";
import { weightedNode } from "./weighted.js";

/** The compose room's node types. */
export const composeNodes = registryOf(
  weightedNode,
  gateNode,
  productNode,
  minNode,
  ensembleNode,
  shapeNode,
  constrainedNode,
  scheduledNode,
  trustGrpoNode,
  uncertaintyWeightedNode,
  groupUncertaintyWeightedNode,
  dynamicBetaNode,
  dimensionalControlNode,
  difficultyScaledNode,
  objectivesNode,
  turnsNode,
  processNode,
  blendNode,
  submodularNode,
  reputationNode,
  punishmentNode,

  countNoveltyNode,
  ellipticalNoveltyNode,
);

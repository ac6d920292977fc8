import { registryOf } from "../core/index.js";
import { flrNode } from "./flr-node.js";
import { judgeNode } from "./judge-node.js";
import { listenerNode } from "./listener.js";
import { listwiseJudgeNode } from "./listwise-node.js";
import { mpoJudgeNode } from "./mpo/mpo-node.js";
import { pairwiseJudgeNode } from "./pairwise/pairwise-node.js";
import { polarNode } from "./polar/polar-node.js";

/** The judges room's node types. */
export const judgeNodes = registryOf(
  judgeNode,
  pairwiseJudgeNode,
  listenerNode,
  flrNode,
  mpoJudgeNode,
  listwiseJudgeNode,
  polarNode,
);

import { registryOf } from "../core/index.js";
import { critiqueRmNode } from "./critique/critique-rm-node.js";
import { modelNode } from "./model-node.js";
import { prmNode } from "./prm-node.js";

/** The models room's node types. */
export const modelNodes = registryOf(modelNode, prmNode, critiqueRmNode);

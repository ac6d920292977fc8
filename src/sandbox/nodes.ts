import { registryOf } from "../core/index.js";
import { codeNode } from "./code-node.js";
import { rewardProgramNode } from "./reward-program-node.js";

/** The sandbox room's node types. */
export const sandboxNodes = registryOf(codeNode, rewardProgramNode);

import { registryOf } from "../core/index.js";
import { costNode } from "./cost.js";
import { distributionalNode } from "./distributional-node.js";
import { exactMatchNode } from "./exact-match.js";
import { iouNode } from "./iou.js";
import { jsonSchemaNode } from "./json-schema.js";
import { lengthNode } from "./length.js";
import { mathNode } from "./math-node.js";
import { multipleChoiceNode } from "./multiple-choice.js";
import { numericNode } from "./numeric.js";
import { regexNode } from "./regex.js";
import { routerFormatNode } from "./router-format.js";
import { fieldNode, penaltyNode } from "./row-value.js";
import { similarityNode } from "./similarity-node.js";
import { tagsNode } from "./tags.js";
import { toolCallValidNode } from "./tool-call/tool-call-valid-node.js";
import { toolCallsUniqueNode } from "./tool-call/tool-calls-unique-node.js";
import { toolSuccessNode } from "./tool-call/tool-success-node.js";
import { toolCallNode } from "./tool-call-node.js";

/** The verify room's node types. */
export const verifyNodes = registryOf(
  exactMatchNode,
  regexNode,
  lengthNode,
  mathNode,
  numericNode,
  multipleChoiceNode,
  tagsNode,
  routerFormatNode,
  jsonSchemaNode,
  toolCallNode,
  toolCallValidNode,
  toolSuccessNode,
  toolCallsUniqueNode,
  similarityNode,
  iouNode,
  costNode,
  fieldNode,
  penaltyNode,
  distributionalNode,
);

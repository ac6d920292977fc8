import type { Space } from "../environment.js";

/**
 * A tool an LLM agent calls to act, as tool-calling APIs and the Open Reward Standard list them:
 * a name, a description and a JSON Schema of its input.
 */
export interface ActionTool {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/**
 * The tool through which an agent takes one action of `space`: its input is `{"action": ...}`
 * with a schema built from the space — a discrete space with labels takes the label (`"up"`), one
 * without labels the action's index, a box space an array of `size` numbers within its bounds, a
 * text space a string.
 * @example
 * ```ts
 * actionTool({ kind: "discrete", n: 4, labels: ["up", "right", "down", "left"] }, { name: "move" });
 * // { name: "move", description: "...", input_schema: { type: "object", properties: { action:
 * //   { type: "string", enum: ["up", "right", "down", "left"], ... } }, required: ["action"], ... } }
 * ```
 */
export function actionTool(
  space: Space,
  options: { name: string; description?: string; environment?: string },
): ActionTool {
  const action = actionSchema(space);
  const where = options.environment ? ` in ${options.environment}` : "";
  return {
    name: options.name,
    description: options.description ?? `Take one action${where}. ${action.description as string}`,
    input_schema: {
      type: "object",
      properties: { action },
      required: ["action"],
      additionalProperties: false,
    },
  };
}

function actionSchema(space: Space): Record<string, unknown> {
  switch (space.kind) {
    case "discrete":
      if (space.labels && space.labels.length === space.n) {
        return {
          type: "string",
          enum: [...space.labels],
          description: `One of: ${space.labels.join(", ")}.`,
        };
      }
      return {
        type: "integer",
        minimum: 0,
        maximum: space.n - 1,
        description: `The action's number, 0 to ${space.n - 1}.`,
      };
    case "box": {
      const item: Record<string, unknown> = { type: "number" };
      if (space.low !== undefined) item.minimum = space.low;
      if (space.high !== undefined) item.maximum = space.high;
      const bounds =
        space.low !== undefined && space.high !== undefined ? `, each in [${space.low}, ${space.high}]` : "";
      return {
        type: "array",
        items: item,
        minItems: space.size,
        maxItems: space.size,
        description: `${space.size} numbers${bounds}.`,
      };
    }
    case "text":
      return { type: "string", description: "The action as text." };
  }
}

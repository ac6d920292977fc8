import { z } from "zod";

/**
 * The Open Reward Standard's wire shapes (docs/ors.md has the protocol and its sources). Optional
 * fields are `null` rather than absent where the reference SDK writes them so (its clients index
 * `block["detail"]`, `output["metadata"]`, `output["reward"]` directly).
 */
const jsonObject = z.record(z.string(), z.unknown());

export const textBlockSchema = z.object({
  type: z.literal("text"),
  text: z.string(),
  detail: jsonObject.nullable().describe("Extra data about the block (null when none)."),
});
export const imageBlockSchema = z.object({
  type: z.literal("image"),
  data: z.string().describe("Base64 image bytes."),
  mimeType: z.string(),
  detail: jsonObject.nullable(),
});
export const blockSchema = z.union([textBlockSchema, imageBlockSchema]);
export type Block = z.infer<typeof blockSchema>;

export const toolOutputSchema = z.object({
  blocks: z.array(blockSchema).describe("What the agent sees: the next observation."),
  metadata: jsonObject.nullable().describe("Step details (info, score components); null when none."),
  reward: z.number().nullable().describe("The step's reward, inline with the output (null: none)."),
  finished: z.boolean().describe("True when the episode is over: the agent stops and deletes the session."),
});
export type ToolOutput = z.infer<typeof toolOutputSchema>;

export const runToolOutputSchema = z
  .union([
    z.object({ ok: z.literal(true), output: toolOutputSchema }),
    z.object({ ok: z.literal(false), error: z.string().describe("Why the call was refused.") }),
  ])
  .describe("A tool call's result: the JSON in the SSE `end` event (after any `chunk` events).");
export type RunToolOutput = z.infer<typeof runToolOutputSchema>;

export const toolSpecSchema = z.object({
  name: z.string(),
  description: z.string(),
  input_schema: jsonObject.nullable().describe("JSON Schema of the tool's input."),
});
export type ToolSpec = z.infer<typeof toolSpecSchema>;
export const listToolsSchema = z.object({ tools: z.array(toolSpecSchema) });

export const splitTypes = ["train", "validation", "test"] as const;
export const splitSchema = z.object({ name: z.string(), type: z.enum(splitTypes) });
export type Split = z.infer<typeof splitSchema>;

export const listTasksBodySchema = z.strictObject({ split: z.string().describe("A split name.") });
export const getTaskBodySchema = z.strictObject({
  split: z.string(),
  index: z.number().int().describe("0-based; negative counts from the end."),
});
export const taskRangeBodySchema = z.strictObject({
  split: z.string(),
  start: z.number().int().nullish().describe("Inclusive (Python slice rules; default 0)."),
  stop: z.number().int().nullish().describe("Exclusive (Python slice rules; default the end)."),
});

export const createBodySchema = z
  .strictObject({
    env_name: z.string().nullish().describe("Default: the first environment listed."),
    task_spec: jsonObject.nullish().describe("A task as listed by /{env_name}/tasks."),
    split: z.string().nullish(),
    index: z.number().int().nullish(),
    secrets: z.record(z.string(), z.string()).nullish().describe("Accepted and not used."),
    toolset_name: z.string().nullish().describe("OpenReward's built-in toolsets: refused (none are served)."),
  })
  .superRefine((body, context) => {
    const hasSpec = body.task_spec !== undefined && body.task_spec !== null;
    const hasSplit = body.split !== undefined && body.split !== null;
    const hasIndex = body.index !== undefined && body.index !== null;
    if (hasSplit !== hasIndex) {
      context.addIssue({ code: "custom", message: "split and index must both be given", path: ["split"] });
    } else if (hasSpec === hasSplit) {
      context.addIssue({
        code: "custom",
        message: "give either task_spec or both split and index, not both and not neither",
        path: ["task_spec"],
      });
    }
  });
export type CreateBody = z.infer<typeof createBodySchema>;

export const toolCallBodySchema = z.strictObject({
  name: z.string().describe("The tool to call."),
  input: jsonObject.describe("The tool's arguments."),
  task_id: z.string().nullish().describe("Resume the stream of an earlier call (its `task_id` event)."),
});

export const sidReplySchema = z.object({ sid: z.string() });
export const statusReplySchema = z.object({ status: z.literal("ok") });

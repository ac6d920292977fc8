import { z } from "zod";
import { parseSpecText, RewardkitError, specIssueError } from "../../core/index.js";

const environmentName = z
  .string()
  .regex(
    /^[A-Za-z0-9][\w.-]{0,63}$/,
    "letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit",
  )
  .describe("The name clients use: `/list_environments` and `/{env_name}/...`.");
const toolName = z
  .string()
  .regex(/^[A-Za-z_][\w-]{0,63}$/, "a tool name: letters, digits, '_' or '-', not starting with a digit");
const splitName = z.string().regex(/^[\w.-]{1,64}$/, "letters, digits, '.', '_' or '-'");

const seedRange = z.strictObject({
  count: z.number().int().min(1).max(10_000_000).describe("Tasks in the split."),
  first_seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .describe("Task i of the split is the episode of seed `first_seed + i`."),
});

export const defaultSeedSplits = {
  train: { count: 1000, first_seed: 0 },
  test: { count: 100, first_seed: 1_000_000_000 },
};

/** One of rewardkit's environments served over ORS: episodes are seeds, the agent acts through one tool. */
export const gymEntrySchema = z.strictObject({
  name: environmentName.optional().describe("The name clients use (default: the registry name)."),
  environment: z
    .string()
    .describe("A registry name (`four-rooms`, `matrix-game`, ...; see environments.md)."),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("The environment's options (environment-options.md)."),
  tool: toolName.default("act").describe('The action tool\'s name; its input is `{"action": ...}`.'),
  tool_description: z.string().optional().describe("Default: built from the action space."),
  description: z
    .string()
    .optional()
    .describe("The prompt's first block (default: the environment's summary and how to act)."),
  max_steps: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Truncate episodes after this many steps (below the environment's own limit)."),
  splits: z
    .record(splitName, seedRange)
    .default(defaultSeedSplits)
    .describe("Named seed ranges; they must not overlap. Default: train 0..999, test 1e9..1e9+99."),
  opponents: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe(
      "Games: the strategy of every other seat (one name, or one per seat): `tit-for-tat`, `grim-trigger`, `win-stay-lose-shift`, `random`, `always:<action>` (matrix-game; default tit-for-tat), `conditional`, `random`, `always:<level>` (public-goods; default conditional).",
    ),
  learner: z.number().int().min(0).default(0).describe("Games: the seat the agent plays."),
  reward: z
    .strictObject({
      spec: z
        .string()
        .describe("A spec file scoring every step (the sample is the step; see environments.md)."),
      mode: z.enum(["replace", "add"]).default("replace"),
      weight: z.number().default(1),
      prompt: z.enum(["observation", "history"]).default("observation"),
    })
    .optional()
    .describe(
      "`{spec, mode: replace | add, weight: 1, prompt: observation | history}`: a spec scores every step (the sample is the step: the observation as prompt, the action as completion) and its score × weight replaces the environment's reward or is added to it.",
    ),
});
export type GymEntry = z.output<typeof gymEntrySchema>;

/** Rows (prompt + reference) whose answers a spec scores when the agent calls the submit tool. */
export const toolTasksEntrySchema = z.strictObject({
  name: environmentName,
  tasks: z
    .union([z.string(), z.record(splitName, z.string())])
    .describe("A rows file (JSONL or Parquet) served as split `train`, or `{split: file}`."),
  spec: z.string().describe("The spec that scores a submitted answer (its score is the reward)."),
  fields: z
    .strictObject({ id: z.string(), prompt: z.string(), reference: z.string() })
    .partial()
    .default({})
    .describe(
      "Where rows keep id, prompt and reference when named otherwise (`prompt: question`, dot paths).",
    ),
  limit: z.number().int().positive().optional().describe("Serve only the first N rows of each split."),
  tool: toolName.default("submit").describe("The submit tool's name."),
  tool_description: z
    .string()
    .default("Submit your final answer. It is scored and the reward comes back.")
    .describe("The submit tool's description."),
  argument: z
    .string()
    .regex(/^\w{1,64}$/)
    .default("answer")
    .describe("The submit tool's input field."),
  instructions: z.string().optional().describe("A text block after the prompt (default: how to submit)."),
  attempts: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("Submissions per episode; the episode ends at the first score ≥ `pass` or the last attempt."),
  pass: z.number().default(1).describe("The score that ends an episode early when `attempts` > 1."),
});
export type ToolTasksEntry = z.output<typeof toolTasksEntrySchema>;

export type OrsEntry = ({ kind: "gym" } & GymEntry) | ({ kind: "tool-tasks" } & ToolTasksEntry);

/** The `--env-config` file: `environments: [...]`, each a gym entry or a tool-tasks entry. */
export const orsConfigSchema = z.strictObject({
  environments: z.array(z.record(z.string(), z.unknown())).min(1),
});

/** Validates one entry; tool-task entries are the ones with `tasks`. Errors name `where.field`. */
export function parseOrsEntry(value: unknown, where: string): OrsEntry {
  const isTasks = typeof value === "object" && value !== null && "tasks" in value;
  const schema = isTasks ? toolTasksEntrySchema : gymEntrySchema;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw specIssueError(parsed.error, where, schema);
  return isTasks
    ? { kind: "tool-tasks", ...(parsed.data as ToolTasksEntry) }
    : { kind: "gym", ...(parsed.data as GymEntry) };
}

/** Reads an `--env-config` file (YAML or JSON). */
export function parseOrsConfig(text: string, file: string): OrsEntry[] {
  const parsed = orsConfigSchema.safeParse(parseSpecText(text, file), { reportInput: true });
  if (!parsed.success) throw specIssueError(parsed.error, file);
  return parsed.data.environments.map((entry, index) =>
    parseOrsEntry(entry, `${file}: environments[${index}]`),
  );
}

/**
 * Reads `--env NAME[:OPTIONS]`: a registry environment with options written `key=value,...` (each
 * value read as JSON when it parses, else as a string: `layout=procedural,size=9`) or as one JSON
 * object (`{"size": 9}`).
 * @example parseEnvFlag("key-door:size=6,layout=procedural") // { kind: "gym", environment: "key-door", options: { size: 6, layout: "procedural" }, ... }
 */
export function parseEnvFlag(text: string): { kind: "gym" } & GymEntry {
  const colon = text.indexOf(":");
  const environment = (colon < 0 ? text : text.slice(0, colon)).trim();
  const rest = colon < 0 ? "" : text.slice(colon + 1).trim();
  let options: Record<string, unknown> = {};
  if (rest.startsWith("{")) {
    try {
      options = JSON.parse(rest) as Record<string, unknown>;
    } catch (error) {
      throw usage(text, `the options are not valid JSON: ${(error as Error).message}`);
    }
  } else if (rest !== "") {
    for (const pair of splitTopLevel(rest)) {
      const equals = pair.indexOf("=");
      if (equals <= 0) throw usage(text, `"${pair}" is not key=value`);
      options[pair.slice(0, equals).trim()] = jsonOrString(pair.slice(equals + 1).trim());
    }
  }
  const parsed = gymEntrySchema.safeParse({ environment, options }, { reportInput: true });
  if (!parsed.success) throw specIssueError(parsed.error, `--env ${environment}`, gymEntrySchema);
  return { kind: "gym", ...parsed.data };
}

function usage(text: string, message: string): RewardkitError {
  return new RewardkitError(
    "BAD_REQUEST",
    `--env ${text}: ${message} (write NAME:key=value,... or NAME:{json})`,
    {
      path: "--env",
    },
  );
}

function jsonOrString(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Splits on commas outside brackets and quotes (`payoffs=[[1,2]],rounds=3`). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '"' && text[index - 1] !== "\\") quoted = !quoted;
    else if (!quoted && (character === "[" || character === "{")) depth++;
    else if (!quoted && (character === "]" || character === "}")) depth--;
    else if (!quoted && depth === 0 && character === ",") {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

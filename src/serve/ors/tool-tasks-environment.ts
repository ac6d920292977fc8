import {
  type Context,
  contentText,
  type Reward,
  RewardkitError,
  type RewardResult,
} from "../../core/index.js";
import {
  type HostedEnvironment,
  type HostedEpisode,
  splitOf,
  type TaskSpec,
  textBlock,
} from "./hosted-environment.js";
import type { ToolTasksEntry } from "./ors-config.js";
import type { Block, RunToolOutput, ToolSpec } from "./ors-wire.js";
import type { TaskRow } from "./task-rows.js";

/**
 * Rows served as ORS tasks whose answers a spec scores: the prompt is the row's prompt, the agent
 * answers by calling the submit tool (`{"answer": "..."}`), and the spec scores the answer as the
 * completion against the row's reference. The score is the reward, inline in the tool output; the
 * spec's components, reason and error go in `metadata`. The reference never leaves the server: a
 * task is `{"split", "index", "id"}` and the row is looked up here, so a client cannot send its own.
 */
export function toolTasksEnvironment(
  entry: ToolTasksEntry,
  options: {
    rows: ReadonlyMap<string, readonly TaskRow[]>;
    reward: Reward;
    context: () => Context;
  },
): HostedEnvironment {
  const { rows, reward } = options;
  const tool: ToolSpec = {
    name: entry.tool,
    description: entry.tool_description,
    input_schema: {
      type: "object",
      properties: { [entry.argument]: { type: "string", description: "Your final answer." } },
      required: [entry.argument],
      additionalProperties: false,
    },
  };
  const instructions =
    entry.instructions ??
    `Give your final answer by calling the tool "${tool.name}" with {"${entry.argument}": "..."}.${
      entry.attempts > 1 ? ` You have ${entry.attempts} attempts.` : ""
    }`;
  return {
    name: entry.name,
    kind: "tool-tasks",
    splits: [...rows.keys()].map(splitOf),
    taskCount: (split) => rows.get(split)?.length ?? 0,
    task(split, index) {
      const row = (rows.get(split) as readonly TaskRow[])[index] as TaskRow;
      return { split, index, id: row.id };
    },
    tools: [tool],
    async open(task: TaskSpec): Promise<HostedEpisode> {
      const row = findRow(rows, task, entry.name);
      let attempt = 0;
      let finished = false;
      let episodeReturn = 0;
      return {
        prompt: () => [...promptBlocks(row.prompt), textBlock(instructions)],
        get progress() {
          return { steps: attempt, episodeReturn, finished };
        },
        async call(name, input): Promise<RunToolOutput> {
          if (name !== tool.name) {
            return { ok: false, error: `'${name}' is not a valid tool; ${entry.name} has: ${tool.name}` };
          }
          if (finished)
            return { ok: false, error: "the episode has ended; start another episode (a new session)" };
          const answer = readAnswer(input, entry.argument);
          if (typeof answer !== "string") return { ok: false, error: `Tool input error: ${answer.error}` };
          const [result] = await reward.score(
            [
              {
                id: row.id,
                prompt: row.prompt,
                completion: answer,
                reference: row.reference,
                ...(row.meta ? { meta: row.meta } : {}),
              },
            ],
            options.context(),
          );
          if (!result) throw new RewardkitError("NODE_FAILED", `${reward.name} returned no result`);
          attempt++;
          episodeReturn += result.score;
          finished = attempt >= entry.attempts || result.score >= entry.pass;
          return { ok: true, output: scoredOutput(result, { attempt, attempts: entry.attempts, finished }) };
        },
      };
    },
  };
}

function scoredOutput(
  result: RewardResult,
  progress: { attempt: number; attempts: number; finished: boolean },
): Extract<RunToolOutput, { ok: true }>["output"] {
  const lines = [`Scored ${result.score}.`];
  if (result.reason) lines.push(result.reason);
  if (!progress.finished)
    lines.push(`Attempt ${progress.attempt} of ${progress.attempts}; you may submit again.`);
  const metadata: Record<string, unknown> = { attempt: progress.attempt };
  if (result.components) metadata.components = result.components;
  if (result.reason !== undefined) metadata.reason = result.reason;
  if (result.error) metadata.error = { code: result.error.code, message: result.error.message };
  return {
    blocks: [textBlock(lines.join("\n"))],
    reward: result.score,
    finished: progress.finished,
    metadata,
  };
}

function readAnswer(input: Record<string, unknown>, argument: string): string | { error: string } {
  const extra = Object.keys(input).filter((key) => key !== argument);
  if (extra.length > 0) return { error: `unexpected argument "${extra[0]}"; expected only "${argument}"` };
  const value = input[argument];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return {
    error: `"${argument}" must be a string, got ${value === undefined ? "nothing" : JSON.stringify(value)}`,
  };
}

function findRow(rows: ReadonlyMap<string, readonly TaskRow[]>, task: TaskSpec, name: string): TaskRow {
  const split = task.split;
  const list = typeof split === "string" ? rows.get(split) : undefined;
  if (!list) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `${name}: a task names its split, one of ${[...rows.keys()].join(", ")}; got ${JSON.stringify(split)}`,
      { path: "task_spec.split" },
    );
  }
  const { index, id } = task;
  if (index === undefined && typeof id === "string") {
    const found = list.find((row) => row.id === id);
    if (found) return found;
    throw new RewardkitError("BAD_REQUEST", `${name}: no task with id "${id}" in split ${split}`, {
      path: "task_spec.id",
    });
  }
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `${name}: task index must be an integer from 0 to ${list.length - 1}, got ${JSON.stringify(index)}`,
      { path: "task_spec.index" },
    );
  }
  const row = list[index] as TaskRow;
  if (id !== undefined && id !== row.id) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `${name}: task ${split}[${index}] is "${row.id}", not ${JSON.stringify(id)} (is the task list stale?)`,
      { path: "task_spec.id" },
    );
  }
  return row;
}

function promptBlocks(prompt: TaskRow["prompt"]): Block[] {
  if (typeof prompt === "string") return [textBlock(prompt)];
  if (prompt.length === 1 && prompt[0]?.role === "user") return [textBlock(contentText(prompt[0].content))];
  return prompt.map((message) => ({
    type: "text" as const,
    text: contentText(message.content),
    detail: { role: message.role },
  }));
}

import { readFile } from "node:fs/promises";
import type { Message } from "../../src/core/index.js";
import { sharedDataPath } from "./shared-data.js";

/**
 * Multi-turn tool-use conversations built from BFCL tasks (the user's question, the tools' schemas
 * and the ground-truth call): the model calls tools, the tools answer in TRL's or OpenAI's format,
 * and the model gives a final answer. Each task yields one conversation per variant, whose right
 * scores the tests know:
 * - `clean`: the ground-truth calls, their results, the right answer;
 * - `fixed`: a first call missing a required argument (or with an undeclared one), a failed result
 *   in TRL's `{'error': ...}` form, then the right calls and answer;
 * - `repeated`: the right calls made twice (the second time for nothing), the right answer;
 * - `wrong_answer`: the right calls, then an answer that contradicts the tool's result;
 * - `unknown_tool`: a call to a tool that does not exist (verl's error text), then the right answer.
 */
export type Variant = "clean" | "fixed" | "repeated" | "wrong_answer" | "unknown_tool";
export const variants: readonly Variant[] = ["clean", "fixed", "repeated", "wrong_answer", "unknown_tool"];

export interface ConversationRow {
  id: string;
  prompt: Message[];
  completion: Message[];
  reference: string;
  tools: unknown[];
  group: string;
  meta: { variant: Variant; task: string };
}

interface BfclTask {
  id: string;
  question: Message[][];
  function: {
    name: string;
    description?: string;
    parameters: { required?: string[]; properties?: object };
  }[];
}
type GroundTruth = Record<string, Record<string, unknown[]>>[];

async function jsonLines<T>(file: string): Promise<T[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/**
 * Arguments with each parameter's first allowed value (a `""` alternative means "may be left out");
 * BFCL nests alternatives inside dict values (`budget: [{min: [300000], max: [400000]}]`).
 */
function firstAllowed(parameters: Record<string, unknown[]>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [parameter, allowed] of Object.entries(parameters)) {
    const value = allowed.find((each) => each !== "");
    if (value === undefined) continue;
    const nested =
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every(Array.isArray);
    args[parameter] = nested ? firstAllowed(value as Record<string, unknown[]>) : value;
  }
  return args;
}

function goldCalls(truth: GroundTruth): { name: string; arguments: Record<string, unknown> }[] {
  return truth.map((entry) => {
    const [name, parameters] = Object.entries(entry)[0] as [string, Record<string, unknown[]>];
    return { name, arguments: firstAllowed(parameters) };
  });
}

function assistant(
  calls: { name: string; arguments: Record<string, unknown> }[],
  ids: string[],
  trl: boolean,
): Message {
  return {
    role: "assistant",
    content: "",
    tool_calls: calls.map((call, index) =>
      trl
        ? { type: "function", function: { name: call.name, arguments: call.arguments } }
        : {
            id: ids[index],
            type: "function",
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          },
    ),
  };
}

function results(contents: string[], ids: string[], names: string[], trl: boolean): Message[] {
  return contents.map((content, index) =>
    trl ? { role: "tool", name: names[index], content } : { role: "tool", tool_call_id: ids[index], content },
  );
}

/** Conversations from the first `limit` tasks of a BFCL category (simple_python, multiple, parallel). */
export async function bfclConversations(category: string, limit: number): Promise<ConversationRow[]> {
  const tasks = (await jsonLines<BfclTask>(sharedDataPath("bfcl", `BFCL_v4_${category}.json`))).slice(
    0,
    limit,
  );
  const answers = new Map(
    (
      await jsonLines<{ id: string; ground_truth: GroundTruth }>(
        sharedDataPath("bfcl/possible_answer", `BFCL_v4_${category}.json`),
      )
    ).map((row) => [row.id, row.ground_truth]),
  );
  const rows: ConversationRow[] = [];
  tasks.forEach((task, taskIndex) => {
    const truth = answers.get(task.id);
    if (!truth) return;
    const calls = goldCalls(truth);
    const trl = taskIndex % 2 === 0; // half in TRL's shape, half in OpenAI's
    const value = (taskIndex * 37) % 997; // the number the tools answer with
    const ids = calls.map((_, index) => `call_${index}`);
    const names = calls.map((call) => call.name);
    const good = results(
      calls.map((_, index) => JSON.stringify({ result: value + index })),
      ids,
      names,
      trl,
    );
    const answer = (number: number): Message => ({ role: "assistant", content: `The result is ${number}.` });
    const tools = task.function.map((tool) => ({ type: "function", function: tool }));
    const broken = (() => {
      const first = calls[0] as { name: string; arguments: Record<string, unknown> };
      const required = task.function.find((tool) => tool.name === first.name)?.parameters.required ?? [];
      const args = { ...first.arguments };
      if (required[0] !== undefined) delete args[required[0]];
      else args.bogus_argument = 1;
      return { name: first.name, arguments: args };
    })();
    const conversations: Record<Variant, Message[]> = {
      clean: [assistant(calls, ids, trl), ...good, answer(value)],
      fixed: [
        assistant([broken], ["call_x"], trl),
        ...results(["{'error': \"missing a required argument\"}"], ["call_x"], [broken.name], trl),
        assistant(calls, ids, trl),
        ...good,
        answer(value),
      ],
      repeated: [
        assistant(calls, ids, trl),
        ...good,
        assistant(
          calls,
          ids.map((id) => `${id}_again`),
          trl,
        ),
        ...results(
          good.map((message) => message.content as string),
          ids.map((id) => `${id}_again`),
          names,
          trl,
        ),
        answer(value),
      ],
      wrong_answer: [assistant(calls, ids, trl), ...good, answer(value + 1)],
      unknown_tool: [
        assistant([{ name: "search_web", arguments: { query: "answer" } }], ["call_w"], trl),
        ...results(
          ["Error when executing tool: Tool search_web not found."],
          ["call_w"],
          ["search_web"],
          trl,
        ),
        answer(value),
      ],
    };
    for (const variant of variants) {
      rows.push({
        id: `${task.id}-${variant}`,
        prompt: task.question[0] as Message[],
        completion: conversations[variant],
        reference: String(value),
        tools,
        group: task.id,
        meta: { variant, task: task.id },
      });
    }
  });
  return rows;
}

/** A chat prompt as Qwen2.5's template renders it, ending with the generation prompt. */
export function qwenPrompt(prompt: readonly Message[]): string {
  return `${prompt.map((message) => `<|im_start|>${message.role}\n${message.content as string}<|im_end|>\n`).join("")}<|im_start|>assistant\n`;
}

function toolCallText(call: unknown): string {
  const inner = (call as { function: { name: string; arguments: unknown } }).function;
  const args =
    typeof inner.arguments === "string" ? (JSON.parse(inner.arguments) as unknown) : inner.arguments;
  return `<tool_call>\n${JSON.stringify({ name: inner.name, arguments: args })}\n</tool_call>`;
}

/**
 * A conversation's completion as Qwen2.5's template continues it after the prompt (special tokens
 * kept, as OpenRLHF decodes): tool calls written as `<tool_call>` blocks, consecutive tool results
 * in one user turn of `<tool_response>` blocks.
 */
export function qwenResponse(completion: readonly Message[]): string {
  let text = "";
  for (let index = 0; index < completion.length; index++) {
    const message = completion[index] as Message;
    if (message.role === "assistant") {
      const calls = (message.tool_calls ?? []).map(toolCallText);
      const content = [message.content ?? "", ...calls].filter((part) => part !== "").join("\n");
      text += `${index === 0 ? "" : "<|im_start|>assistant\n"}${content}<|im_end|>\n`;
    } else if (message.role === "tool") {
      const first = completion[index - 1]?.role !== "tool";
      const last = completion[index + 1]?.role !== "tool";
      text += `${first ? "<|im_start|>user\n" : "\n"}<tool_response>\n${message.content as string}\n</tool_response>${last ? "<|im_end|>\n" : ""}`;
    }
  }
  return text.replace(/<\|im_end\|>\n$/, "<|im_end|>");
}

/** The same with special tokens skipped (verl's `tokenizer.decode(..., skip_special_tokens=True)`). */
export function withoutSpecialTokens(text: string): string {
  return text.replaceAll("<|im_start|>", "").replaceAll("<|im_end|>", "");
}

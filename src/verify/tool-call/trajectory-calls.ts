import type { Message, Sample } from "../../core/index.js";
import { contentText } from "../../core/index.js";
import { ToolCallParseError, toToolCall } from "./calls.js";

/** A call the model made somewhere in a conversation, with the tool message that answered it. */
export interface TrajectoryCall {
  /** Which assistant turn made it (0-based). */
  turn: number;
  /** The tool's name, when the call could be read far enough to have one. */
  name: string | undefined;
  /** The arguments as an object; undefined when the call could not be read. */
  arguments: Record<string, unknown> | undefined;
  /** Why the call could not be read (arguments that are not a JSON object, no name...). */
  problem?: string;
  /** The call's text as written, to tell repeated unreadable calls apart. */
  raw: string;
  /** OpenAI's `id`, which `tool` messages answer with `tool_call_id`. */
  id?: string;
  /** The `tool` message holding its result, when one answered it. */
  result?: Message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const inner = isRecord(value.function) ? value.function : value;
  return typeof inner.name === "string" && inner.name !== "" ? inner.name : undefined;
}

/** One call from its JSON value, kept (with the problem named) when it cannot be read. */
function readCall(value: unknown, turn: number, raw: string): TrajectoryCall {
  const id = isRecord(value) && typeof value.id === "string" ? value.id : undefined;
  const base = id === undefined ? { turn, raw } : { turn, raw, id };
  try {
    const call = toToolCall(value);
    return { ...base, name: call.name, arguments: call.arguments };
  } catch (error) {
    if (!(error instanceof ToolCallParseError)) throw error;
    return { ...base, name: nameOf(value), arguments: undefined, problem: error.message };
  }
}

/** The calls in `<tool_call>...</tool_call>` blocks, each block read on its own. */
function callsInText(text: string, turn: number): TrajectoryCall[] {
  const calls: TrajectoryCall[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf("<tool_call>", from);
    if (open < 0) break;
    const close = text.indexOf("</tool_call>", open);
    const body = text.slice(open + "<tool_call>".length, close < 0 ? text.length : close).trim();
    if (close < 0) {
      calls.push({
        turn,
        raw: body,
        name: undefined,
        arguments: undefined,
        problem: "<tool_call> is not closed",
      });
      break;
    }
    from = close + "</tool_call>".length;
    if (body === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      // ToolRL writes one JSON object per line inside one block.
      const lines = body.split("\n").filter((line) => line.trim() !== "");
      for (const line of lines) {
        try {
          calls.push(readCall(JSON.parse(line), turn, line.trim()));
        } catch {
          calls.push({
            turn,
            raw: line.trim(),
            name: undefined,
            arguments: undefined,
            problem: `not valid JSON: ${line.trim().slice(0, 80)}`,
          });
        }
      }
      continue;
    }
    for (const each of Array.isArray(parsed) ? parsed : [parsed])
      calls.push(readCall(each, turn, JSON.stringify(each)));
  }
  return calls;
}

/** An assistant message's calls: its `tool_calls`, else `<tool_call>` blocks in its content. */
function messageCalls(message: Message, turn: number): TrajectoryCall[] {
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    return message.tool_calls.map((each) => readCall(each, turn, JSON.stringify(each)));
  }
  return callsInText(contentText(message.content), turn);
}

/** Pairs a turn's calls with the tool messages after it: by `tool_call_id` where given, else in order. */
function attachResults(calls: TrajectoryCall[], results: readonly Message[]): void {
  const unmatched: Message[] = [];
  for (const result of results) {
    const id = result.tool_call_id;
    const call = typeof id === "string" ? calls.find((each) => each.id === id && !each.result) : undefined;
    if (call) call.result = result;
    else unmatched.push(result);
  }
  for (const call of calls) {
    if (call.result) continue;
    const next = unmatched.shift();
    if (!next) break;
    call.result = next;
  }
}

/**
 * Every call of a conversation in order, with its result: assistant messages' `tool_calls`
 * (OpenAI/TRL) or `<tool_call>` blocks (Hermes/Qwen/ToolRL) in their content; the `tool` messages
 * right after an assistant message are its results. A string completion is one assistant turn.
 */
export function trajectoryCalls(sample: Pick<Sample, "completion">): TrajectoryCall[] {
  const completion = sample.completion;
  if (typeof completion === "string") return callsInText(completion, 0);
  const calls: TrajectoryCall[] = [];
  let turn = -1;
  for (let index = 0; index < completion.length; index++) {
    const message = completion[index] as Message;
    if (message.role !== "assistant") continue;
    turn++;
    const made = messageCalls(message, turn);
    const results: Message[] = [];
    for (let next = index + 1; next < completion.length && completion[next]?.role === "tool"; next++) {
      results.push(completion[next] as Message);
    }
    attachResults(made, results);
    calls.push(...made);
  }
  return calls;
}

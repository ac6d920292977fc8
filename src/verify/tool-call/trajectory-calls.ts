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
  problem: string | undefined;
  /** The call as written (its JSON value, or its text when it is not JSON), to tell repeated unreadable calls apart. */
  raw: unknown;
  /** OpenAI's `id`, which `tool` messages answer with `tool_call_id`. */
  id: string | undefined;
  /** The `tool` message holding its result, when one answered it. */
  result: Message | undefined;
}

/** Every call object has the same fields from the start (one shape: these run per message). */
function newCall(turn: number, raw: unknown, problem?: string): TrajectoryCall {
  return { turn, name: undefined, arguments: undefined, problem, raw, id: undefined, result: undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const inner = isRecord(value.function) ? value.function : value;
  return typeof inner.name === "string" && inner.name !== "" ? inner.name : undefined;
}

/**
 * One call from its JSON value, kept (with the problem named) when it cannot be read. Without
 * `withArguments` only its name and id are read (counting calls and pairing results needs no more).
 */
function readCall(value: unknown, turn: number, withArguments = true): TrajectoryCall {
  const call = newCall(turn, value);
  if (isRecord(value) && typeof value.id === "string") call.id = value.id;
  if (!withArguments) {
    call.name = nameOf(value);
    return call;
  }
  try {
    const read = toToolCall(value);
    call.name = read.name;
    call.arguments = read.arguments;
  } catch (error) {
    if (!(error instanceof ToolCallParseError)) throw error;
    call.name = nameOf(value);
    call.problem = error.message;
  }
  return call;
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
      calls.push(newCall(turn, body, "<tool_call> is not closed"));
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
          calls.push(readCall(JSON.parse(line), turn));
        } catch {
          calls.push(newCall(turn, line.trim(), `not valid JSON: ${line.trim().slice(0, 80)}`));
        }
      }
      continue;
    }
    for (const each of Array.isArray(parsed) ? parsed : [parsed]) calls.push(readCall(each, turn));
  }
  return calls;
}

/** An assistant message's calls: its `tool_calls`, else `<tool_call>` blocks in its content. */
function messageCalls(message: Message, turn: number, withArguments: boolean): TrajectoryCall[] {
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    const calls: TrajectoryCall[] = [];
    for (const each of message.tool_calls) calls.push(readCall(each, turn, withArguments));
    return calls;
  }
  return callsInText(contentText(message.content), turn);
}

/** Pairs a turn's calls with the tool messages after it: by `tool_call_id` where given, else in order. */
function attachResults(
  calls: readonly TrajectoryCall[],
  completion: readonly Message[],
  from: number,
  to: number,
): void {
  let unmatched: Message[] | undefined;
  for (let index = from; index < to; index++) {
    const result = completion[index] as Message;
    const id = result.tool_call_id;
    let call: TrajectoryCall | undefined;
    if (typeof id === "string") {
      for (const each of calls) {
        if (each.id === id && each.result === undefined) {
          call = each;
          break;
        }
      }
    }
    if (call) call.result = result;
    else {
      unmatched = unmatched ?? [];
      unmatched.push(result);
    }
  }
  if (!unmatched) return;
  let next = 0;
  for (const call of calls) {
    if (call.result !== undefined) continue;
    if (next >= unmatched.length) break;
    call.result = unmatched[next++];
  }
}

/**
 * Every call of a conversation in order, with its result: assistant messages' `tool_calls`
 * (OpenAI/TRL) or `<tool_call>` blocks (Hermes/Qwen/ToolRL) in their content; the `tool` messages
 * right after an assistant message are its results. A string completion is one assistant turn.
 * `arguments: false` skips reading `tool_calls` arguments (calls in text are always parsed).
 */
export function trajectoryCalls(
  sample: Pick<Sample, "completion">,
  options: { arguments: boolean } = { arguments: true },
): TrajectoryCall[] {
  const completion = sample.completion;
  if (typeof completion === "string") return callsInText(completion, 0);
  const calls: TrajectoryCall[] = [];
  let turn = -1;
  for (let index = 0; index < completion.length; index++) {
    const message = completion[index] as Message;
    if (message.role !== "assistant") continue;
    turn++;
    const made = messageCalls(message, turn, options.arguments);
    let end = index + 1;
    while (end < completion.length && completion[end]?.role === "tool") end++;
    if (made.length > 0) attachResults(made, completion, index + 1, end);
    for (const call of made) calls.push(call);
  }
  return calls;
}

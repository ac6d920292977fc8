import type { Message } from "../core/index.js";

/**
 * Multi-turn rollouts reach the single-rollout routes as one decoded string: the assistant's turns
 * with the tools' results between them, as the chat template wrote them. This turns such a string
 * back into messages so that `turns`, `tool_success` and the other conversation nodes see the
 * turns. Two forms are read (Qwen/Hermes tool format, the common one in RL tool use):
 * - special tokens kept (OpenRLHF decodes that way): `...<|im_end|>\n<|im_start|>user\n
 *   <tool_response>...</tool_response><|im_end|>\n<|im_start|>assistant\n...`;
 * - special tokens skipped (verl's reward managers): the same with `<|im_start|>`/`<|im_end|>`
 *   gone, i.e. a line `user` before the `<tool_response>` blocks and a line `assistant` after them.
 * A string with neither form is a single turn and stays a string.
 */
export function transcriptMessages(text: string): Message[] | undefined {
  if (text.includes("<|im_start|>")) return chatMlMessages(text);
  if (text.includes("<tool_response>")) return bareMessages(text);
  return undefined;
}

const toolResponse = /<tool_response>([\s\S]*?)<\/tool_response>/g;

/** An assistant message, with `tool_calls` read from its `<tool_call>` blocks when all of them parse. */
function assistantMessage(content: string): Message {
  const message: Message = { role: "assistant", content };
  const calls: unknown[] = [];
  for (const match of content.matchAll(/<tool_call>([\s\S]*?)<\/tool_call>/g)) {
    try {
      const parsed = JSON.parse((match[1] as string).trim()) as Record<string, unknown>;
      if (typeof parsed !== "object" || parsed === null || typeof parsed.name !== "string") return message;
      const args = parsed.arguments ?? parsed.parameters ?? {};
      calls.push({
        type: "function",
        function: { name: parsed.name, arguments: typeof args === "string" ? args : JSON.stringify(args) },
      });
    } catch {
      // An unreadable call stays in the content only, where tool-call nodes find and judge it.
      return message;
    }
  }
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

/** The results in a user turn made only of `<tool_response>` blocks, one tool message each. */
function toolResults(content: string): Message[] | undefined {
  const results = [...content.matchAll(toolResponse)].map((match) => ({
    role: "tool",
    content: (match[1] as string).trim(),
  }));
  if (results.length === 0 || content.replace(toolResponse, "").trim() !== "") return undefined;
  return results;
}

function chatMlMessages(text: string): Message[] {
  const [first, ...turns] = text.split("<|im_start|>");
  const messages: Message[] = [];
  const head = (first ?? "").replace(/<\|im_end\|>\s*$/, "");
  if (head.trim() !== "") messages.push(assistantMessage(head));
  for (const turn of turns) {
    const newline = turn.indexOf("\n");
    const role = (newline < 0 ? turn : turn.slice(0, newline)).trim();
    const content = (newline < 0 ? "" : turn.slice(newline + 1)).replace(/<\|im_end\|>\s*$/, "");
    if (role === "assistant") messages.push(assistantMessage(content));
    else if (role === "tool") messages.push({ role: "tool", content: content.trim() });
    else messages.push(...(toolResults(content) ?? [{ role, content }]));
  }
  return messages;
}

/** Runs of tool responses framed by the template's bare role lines. */
const bareRun = /(?:^|\n)user\n((?:\s*<tool_response>[\s\S]*?<\/tool_response>)+)\s*?(?:\nassistant\n|\s*$)/g;

function bareMessages(text: string): Message[] | undefined {
  const messages: Message[] = [];
  let from = 0;
  for (const match of text.matchAll(bareRun)) {
    const before = text.slice(from, match.index);
    if (before.trim() !== "") messages.push(assistantMessage(before));
    messages.push(...(toolResults(match[1] as string) ?? []));
    from = match.index + match[0].length;
  }
  if (messages.length === 0) return undefined;
  const rest = text.slice(from);
  if (rest.trim() !== "") messages.push(assistantMessage(rest));
  return messages;
}

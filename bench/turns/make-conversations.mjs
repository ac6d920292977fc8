// Writes N eight-turn tool-use conversations as JSONL: turns 1–7 call one or two tools (half in
// OpenAI's shape with ids, half in TRL's without), the tools answer with results or errors in the
// forms rewardkit reads (JSON error, TRL's Python dict, verl's error prefix), turn 8 answers.

import { once } from "node:events";
import { createWriteStream } from "node:fs";

function conversation(index) {
  const openai = index % 2 === 0;
  const messages = [];
  for (let turn = 0; turn < 7; turn++) {
    const calls = 1 + ((index + turn) % 2);
    const ids = Array.from({ length: calls }, (_, call) => `c${turn}_${call}`);
    messages.push({
      role: "assistant",
      content: turn % 3 === 0 ? `Let me look that up (step ${turn}).` : "",
      tool_calls: ids.map((id, call) => {
        const args = { query: `item ${index % 97}`, page: turn + call };
        return openai
          ? { id, type: "function", function: { name: "search", arguments: JSON.stringify(args) } }
          : { type: "function", function: { name: "search", arguments: args } };
      }),
    });
    ids.forEach((id, call) => {
      const kind = (index * 7 + turn * 3 + call) % 5;
      const content =
        kind === 0
          ? JSON.stringify({ error: "rate limited" })
          : kind === 1
            ? "{'error': 'Tool search timed out'}"
            : kind === 2
              ? "Error when executing tool: connection reset"
              : JSON.stringify({ results: [`doc ${turn}`, `doc ${call}`], total: 2 });
      messages.push(
        openai ? { role: "tool", tool_call_id: id, content } : { role: "tool", name: "search", content },
      );
    });
  }
  messages.push({ role: "assistant", content: `The answer is ${index % 13}.` });
  return {
    id: `c${index}`,
    prompt: [{ role: "user", content: `Find item ${index % 97}.` }],
    completion: messages,
  };
}

export async function makeConversations(file, count) {
  const out = createWriteStream(file);
  for (let index = 0; index < count; index++) {
    if (!out.write(`${JSON.stringify(conversation(index))}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

import { describe, expect, it } from "vitest";
import { transcriptMessages } from "./transcript.js";

// Qwen2.5's template around a tool call and its result, as the response continues after the prompt.
const call = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const chatMl = `<think>I need the weather.</think>\n${call}<|im_end|>\n<|im_start|>user\n<tool_response>\n{"temp": 18}\n</tool_response><|im_end|>\n<|im_start|>assistant\nIt is 18°C in Paris.`;
// The same decoded with skip_special_tokens=True (verl's reward managers).
const bare = `<think>I need the weather.</think>\n${call}\nuser\n<tool_response>\n{"temp": 18}\n</tool_response>\nassistant\nIt is 18°C in Paris.`;

const expected = [
  {
    role: "assistant",
    content: `<think>I need the weather.</think>\n${call}`,
    tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
  },
  { role: "tool", content: '{"temp": 18}' },
  { role: "assistant", content: "It is 18°C in Paris." },
];

describe("multi-turn transcripts", () => {
  it("reads a ChatML transcript with special tokens kept (OpenRLHF)", () => {
    expect(transcriptMessages(chatMl)).toEqual(expected);
  });

  it("reads the same transcript with special tokens skipped (verl)", () => {
    expect(transcriptMessages(bare)).toEqual(expected);
  });

  it("splits several results in one user turn into tool messages, and keeps real user turns", () => {
    const text = `${call}<|im_end|>\n<|im_start|>user\n<tool_response>\n1\n</tool_response>\n<tool_response>\n2\n</tool_response><|im_end|>\n<|im_start|>assistant\nTry again?<|im_end|>\n<|im_start|>user\nYes please.<|im_end|>\n<|im_start|>assistant\nDone.`;
    expect(transcriptMessages(text)?.map((message) => [message.role, message.content])).toEqual([
      ["assistant", call],
      ["tool", "1"],
      ["tool", "2"],
      ["assistant", "Try again?"],
      ["user", "Yes please."],
      ["assistant", "Done."],
    ]);
  });

  it("keeps an unreadable call in the content only, for tool-call nodes to judge", () => {
    const broken = transcriptMessages(
      `<tool_call>\n{"name": "f", arguments}\n</tool_call>\nuser\n<tool_response>\nError: bad call\n</tool_response>\nassistant\nSorry.`,
    );
    expect(broken?.[0]).toEqual({
      role: "assistant",
      content: '<tool_call>\n{"name": "f", arguments}\n</tool_call>',
    });
    expect(broken?.map((message) => message.role)).toEqual(["assistant", "tool", "assistant"]);
  });

  it("leaves single-turn responses as strings", () => {
    expect(transcriptMessages("The answer is 5.")).toBeUndefined();
    expect(transcriptMessages(call)).toBeUndefined();
    // A tool response the model wrote itself, without the template's turn lines, is not a turn.
    expect(transcriptMessages("I imagine <tool_response>42</tool_response> so 42.")).toBeUndefined();
  });
});

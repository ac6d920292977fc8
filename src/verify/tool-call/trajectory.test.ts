import { describe, expect, it } from "vitest";
import type { Message } from "../../core/index.js";
import { loadSpec } from "../../engine/index.js";
import { makeSample, testContext } from "../../testing/index.js";
import { defaultErrorPrefixes, toolResultError } from "./tool-result.js";
import { toJsonSchema } from "./tool-schemas.js";
import { trajectoryCalls } from "./trajectory-calls.js";

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
      required: ["city"],
    },
  },
};

/** OpenAI format: string arguments, ids, tool_call_id on results. */
const openai: Message[] = [
  {
    role: "assistant",
    content: null,
    tool_calls: [
      { id: "a", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
      {
        id: "b",
        type: "function",
        function: { name: "get_weather", arguments: '{"city": "Rome", "unit": "k"}' },
      },
    ],
  },
  // Answered out of order: matched by id.
  { role: "tool", tool_call_id: "b", content: '{"error": "unit must be c or f"}' },
  { role: "tool", tool_call_id: "a", content: '{"temp": 18}' },
  {
    role: "assistant",
    content: "",
    tool_calls: [
      {
        id: "c",
        type: "function",
        function: { name: "get_weather", arguments: '{"city": "Rome", "unit": "c"}' },
      },
    ],
  },
  { role: "tool", tool_call_id: "c", content: '{"temp": 24}' },
  { role: "assistant", content: "Paris 18°C, Rome 24°C." },
];

/** TRL format: dict arguments, no ids, results in call order, failures as str({"error": ...}). */
const trl: Message[] = [
  {
    role: "assistant",
    content: "",
    reasoning_content: "I need the weather.",
    tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Oslo" } } }],
  },
  { role: "tool", name: "get_weather", content: "{'error': 'Tool get_weather timed out'}" },
  {
    role: "assistant",
    content: "",
    tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Oslo" } } }],
  },
  { role: "tool", name: "get_weather", content: "{'temp': -3}" },
  {
    role: "assistant",
    content: "",
    tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Oslo" } } }],
  },
  { role: "tool", name: "get_weather", content: "{'temp': -3}" },
  { role: "assistant", content: "It is -3°C in Oslo." },
];

/** Hermes/Qwen format: calls written in the content, results as tool messages. */
const hermes: Message[] = [
  {
    role: "assistant",
    content:
      '<think>check</think>\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Lima"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {city: Lima}}\n</tool_call>',
  },
  { role: "tool", content: "Error when executing tool: bad JSON" },
  { role: "tool", content: "Error: could not parse arguments" },
  { role: "assistant", content: "Sorry, I could not get the weather." },
];

async function score(
  node: Record<string, unknown>,
  completion: Message[] | string,
  extra: Record<string, unknown> = {},
) {
  const loaded = await loadSpec({ version: 1, reward: node });
  const [result] = await loaded.reward.score(
    [makeSample({ prompt: "weather?", completion, ...extra })],
    testContext(),
  );
  return result;
}

describe("reading a conversation's calls", () => {
  it("pairs OpenAI calls with their results by tool_call_id and keeps turns", () => {
    const calls = trajectoryCalls({ completion: openai });
    expect(calls.map((call) => [call.turn, call.name, call.arguments])).toEqual([
      [0, "get_weather", { city: "Paris" }],
      [0, "get_weather", { city: "Rome", unit: "k" }],
      [1, "get_weather", { city: "Rome", unit: "c" }],
    ]);
    expect(calls.map((call) => call.result?.content)).toEqual([
      '{"temp": 18}',
      '{"error": "unit must be c or f"}',
      '{"temp": 24}',
    ]);
  });

  it("pairs TRL calls (dict arguments, no ids) with results in order", () => {
    const calls = trajectoryCalls({ completion: trl });
    expect(calls).toHaveLength(3);
    expect(calls[0]?.arguments).toEqual({ city: "Oslo" });
    expect(calls[0]?.result?.content).toBe("{'error': 'Tool get_weather timed out'}");
  });

  it("reads <tool_call> blocks one by one, keeping an unreadable one with its problem", () => {
    const calls = trajectoryCalls({ completion: hermes });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ name: "get_weather", arguments: { city: "Lima" } });
    expect(calls[1]?.arguments).toBeUndefined();
    expect(calls[1]?.problem).toMatch(/not valid JSON/);
    expect(trajectoryCalls({ completion: '<tool_call>{"name": "f"' })[0]?.problem).toBe(
      "<tool_call> is not closed",
    );
  });
});

describe("telling a failed tool result", () => {
  const failed = (message: Message) => toolResultError(message, defaultErrorPrefixes);
  it.each([
    [{ role: "tool", content: "ok", error: "timeout" }, "timeout"],
    [{ role: "tool", content: "x", is_error: true }, "is_error: true"],
    [{ role: "tool", content: '{"error": {"code": 404}}' }, '{"code":404}'],
    [{ role: "tool", content: "{'error': 'Tool f not found.'}" }, "{'error': 'Tool f not found.'}"],
    [{ role: "tool", content: "Error when executing tool: boom" }, "Error when executing tool: boom"],
    [{ role: "tool", content: "  Error: nope" }, "Error: nope"],
  ] as const)("%j fails", (message, why) => {
    expect(failed(message as Message)).toBe(why);
  });
  it.each([
    { role: "tool", content: '{"error": null, "temp": 3}' },
    { role: "tool", content: "{'error': None, 'temp': 3}" },
    { role: "tool", content: "The error rate is 5%" },
    { role: "tool", content: '{"temp": 3}' },
    { role: "tool", content: "[1, 2]" },
  ] as const)("%j succeeds", (message) => {
    expect(failed(message as Message)).toBeUndefined();
  });
});

describe("tool_call_valid", () => {
  it("checks names and arguments against the row's tools", async () => {
    const result = await score({ type: "tool_call_valid" }, openai, { tools: [weatherTool] });
    // Rome with unit "k" breaks the enum.
    expect(result?.score).toBeCloseTo(2 / 3, 12);
    expect(result?.reason).toMatch(
      /call 2 \(get_weather\): argument \/unit must be equal to one of the allowed values/,
    );
  });

  it("rejects unknown tools, missing required and undeclared arguments, unreadable calls", async () => {
    const completion: Message[] = [
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { type: "function", function: { name: "get_time", arguments: "{}" } },
          { type: "function", function: { name: "get_weather", arguments: "{}" } },
          {
            type: "function",
            function: { name: "get_weather", arguments: '{"city": "Rome", "day": "mon"}' },
          },
          { type: "function", function: { name: "get_weather", arguments: "{city" } },
          { type: "function", function: { name: "get_weather", arguments: '{"city": "Rome"}' } },
        ],
      },
    ];
    const result = await score({ type: "tool_call_valid", tools: [weatherTool] }, completion);
    expect(result?.score).toBeCloseTo(1 / 5, 12);
    expect(result?.reason).toMatch(/call 1 \(get_time\): unknown tool/);
    expect(result?.reason).toMatch(/call 2 \(get_weather\): missing required argument "city"/);
    expect(result?.reason).toMatch(/call 3 \(get_weather\): unknown argument "day"/);
    expect(result?.reason).toMatch(
      /call 4 \(get_weather\): the arguments of "get_weather" are not valid JSON/,
    );
    const lenient = await score(
      { type: "tool_call_valid", tools: [weatherTool], unknown_arguments: "allow" },
      completion,
    );
    expect(lenient?.score).toBeCloseTo(2 / 5, 12);
  });

  it("reads BFCL's Python-typed schemas from the row's `function` field", async () => {
    const bfclFunction = [
      {
        name: "calculate_triangle_area",
        parameters: {
          type: "dict",
          properties: { base: { type: "integer" }, height: { type: "integer" }, unit: { type: "string" } },
          required: ["base", "height"],
        },
      },
    ];
    const completion = '[{"name": "calculate_triangle_area", "arguments": {"base": 10, "height": 5}}]';
    const tagged = `<tool_call>${completion}</tool_call>`;
    const good = await score({ type: "tool_call_valid", tools_field: "function" }, tagged, {
      function: bfclFunction,
    });
    expect(good?.score).toBe(1);
    const bad = await score(
      { type: "tool_call_valid", tools_field: "function" },
      tagged.replace("10", '"ten"'),
      { function: bfclFunction },
    );
    expect(bad?.score).toBe(0);
    expect(
      toJsonSchema({ type: "dict", properties: { x: { type: "float" }, y: { type: "any" } } }, true),
    ).toEqual({
      type: "object",
      properties: { x: { type: "number" }, y: {} },
      additionalProperties: false,
    });
  });

  it("says why it cannot judge a row without tools, and scores no_calls when nothing was called", async () => {
    expect((await score({ type: "tool_call_valid" }, openai))?.error?.code).toBe("NOT_APPLICABLE");
    expect(
      (await score({ type: "tool_call_valid", no_calls: 0.5 }, "just text", { tools: [weatherTool] }))?.score,
    ).toBe(0.5);
  });
});

describe("tool_success and tool_calls_unique", () => {
  it("counts calls whose results report success", async () => {
    expect((await score({ type: "tool_success" }, openai))?.score).toBeCloseTo(2 / 3, 12);
    expect((await score({ type: "tool_success" }, trl))?.score).toBeCloseTo(2 / 3, 12);
    expect((await score({ type: "tool_success" }, hermes))?.score).toBe(0);
    // An unanswered call fails unless told to leave it out.
    const unanswered: Message[] = [
      { role: "assistant", content: "", tool_calls: openai[0]?.tool_calls ?? [] },
    ];
    expect((await score({ type: "tool_success" }, unanswered))?.reason).toMatch(
      /0 of 2 calls succeeded; call 1 \(get_weather\): no result/,
    );
    expect(
      (await score({ type: "tool_success", unanswered: "ignore", no_calls: 0.25 }, unanswered))?.score,
    ).toBe(0.25);
  });

  it("counts repeats, allowing a retry after an error", async () => {
    // TRL: failed, retried (fine), then repeated after success (redundant): 2 of 3 new.
    const result = await score({ type: "tool_calls_unique" }, trl);
    expect(result?.score).toBeCloseTo(2 / 3, 12);
    expect(result?.reason).toMatch(/call 3 \(get_weather\) repeats an earlier call/);
    expect((await score({ type: "tool_calls_unique", retry_after_error: false }, trl))?.score).toBeCloseTo(
      1 / 3,
      12,
    );
    // Same arguments in another key order are the same call.
    const reordered: Message[] = [
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { type: "function", function: { name: "f", arguments: '{"a": 1, "b": [2, {"c": 3, "d": 4}]}' } },
        ],
      },
      { role: "tool", content: "ok" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { type: "function", function: { name: "f", arguments: '{"b": [2, {"d": 4, "c": 3}], "a": 1}' } },
        ],
      },
      { role: "tool", content: "ok" },
    ];
    expect((await score({ type: "tool_calls_unique" }, reordered))?.score).toBe(0.5);
  });
});

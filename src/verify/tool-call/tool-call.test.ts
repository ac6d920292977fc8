import { describe, expect, it } from "vitest";
import { loadSpec } from "../../engine/index.js";
import { makeSample, testContext } from "../../testing/index.js";
import { pythonCalls } from "./python-calls.js";
import { matchScore, scoreCalls } from "./score-calls.js";
import { scheduledRange, toolrlFormatOk } from "./toolrl-format.js";

async function score(node: Record<string, unknown>, samples: ReturnType<typeof makeSample>[], step = 0) {
  const loaded = await loadSpec({ version: 1, reward: node });
  return loaded.reward.score(samples, testContext({ step }));
}

const toolrl = (body: string) => `<think> look it up </think>\n<tool_call>\n${body}\n</tool_call>`;

describe("ToolRL reward (methods/rlhf.md §19)", () => {
  it("reproduces the worked example: S = 3 of 4, R_correct = 1.5, R = 2.5", async () => {
    const reference = [{ name: "search", parameters: { q: "cats", n: 5 } }];
    const completion = toolrl('{"name": "search", "parameters": {"q": "cats", "n": 3}}');
    const [result] = await score({ type: "tool_call" }, [makeSample({ completion, reference })]);
    expect(result?.score).toBeCloseTo(2.5);
    expect(result?.components?.["tool_call.correctness"]).toBeCloseTo(1.5);
    expect(result?.components?.["tool_call.format"]).toBe(1);
    expect(result?.reason).toContain("S = 3 of 4");
  });

  it("gives R_max for an exact match and R_min for unparsable calls", async () => {
    const reference = [{ name: "search", arguments: { q: "cats" } }];
    const results = await score({ type: "tool_call" }, [
      makeSample({ completion: toolrl('{"name": "search", "arguments": {"q": "cats"}}'), reference }),
      makeSample({ completion: toolrl("{not json"), reference }),
      makeSample({ completion: "<think>x</think>\nI will not call anything", reference }),
    ]);
    expect(results.map((result) => result.score)).toEqual([4, -2, -3]);
  });

  it("matches name lists as multisets (rlla.py match_score)", () => {
    expect(matchScore(["a", "b"], ["a", "b"])).toBe(1);
    expect(matchScore(["a", "b"], ["b", "a"])).toBe(1);
    expect(matchScore(["a", "a", "b"], ["a", "c"])).toBeCloseTo(1 / 4);
    expect(matchScore(["a"], [])).toBe(0);
    expect(matchScore(["a", "b"], ["b", "a"], true)).toBe(0);
  });

  it("pairs each expected call with its best unused same-name call", () => {
    const expected = [
      { name: "f", parameters: [{ name: "x", allowed: [1], optional: false }] },
      { name: "f", parameters: [{ name: "x", allowed: [2], optional: false }] },
    ];
    const options = {
      alternatives: false,
      strictLists: false,
      wholeCallsOnly: false,
      pairing: "greedy" as const,
    };
    const swapped = scoreCalls(
      expected,
      [
        { name: "f", arguments: { x: 2 } },
        { name: "f", arguments: { x: 1 } },
      ],
      options,
    );
    expect(swapped).toEqual({ score: 5, max: 5, exact: true });
    const one = scoreCalls(expected, [{ name: "f", arguments: { x: 1 } }], options);
    expect(one.score).toBeCloseTo(0.5 + 2);
    expect(one.exact).toBe(false);
  });

  it("pairs calls by the best assignment when alternatives compete", () => {
    const expected = [
      { name: "price", parameters: [{ name: "company", allowed: ["MSFT", "AAPL"], optional: false }] },
      { name: "price", parameters: [{ name: "company", allowed: ["AAPL"], optional: false }] },
    ];
    const options = {
      alternatives: true,
      strictLists: false,
      wholeCallsOnly: false,
      pairing: "optimal" as const,
    };
    const answer = [
      { name: "price", arguments: { company: "AAPL" } },
      { name: "price", arguments: { company: "MSFT" } },
    ];
    // Greedy in reference order (rlla.py) gives AAPL to the first call and leaves MSFT unmatched.
    expect(scoreCalls(expected, answer, { ...options, pairing: "greedy" })).toEqual({
      score: 4,
      max: 5,
      exact: false,
    });
    expect(scoreCalls(expected, answer, options)).toEqual({ score: 5, max: 5, exact: true });
  });

  it("checks ToolRL's output layouts", () => {
    const call = { toolCall: true, response: false };
    expect(toolrlFormatOk('<think>a</think>\n<tool_call>\n{"name": "f"}\n</tool_call>', call)).toBe(true);
    expect(toolrlFormatOk('<think>a</think>\n<tool_call>\n{"name": "f"}\n</tool_call>\n', call)).toBe(true);
    expect(toolrlFormatOk('<think>a</think><tool_call>\n{"name": "f"}\n</tool_call>', call)).toBe(false);
    expect(
      toolrlFormatOk("<think>a</think>\n<tool_call>\n{}\n</tool_call>\n<tool_call>\n{}\n</tool_call>", call),
    ).toBe(false);
    const reply = { toolCall: false, response: true };
    expect(toolrlFormatOk("<think>a</think>\n<response>hi</response>", reply)).toBe(true);
    expect(toolrlFormatOk("<think>a</think>\n<response>hi</response> more", reply)).toBe(false);
    const both = { toolCall: true, response: true };
    expect(
      toolrlFormatOk("<think>a</think>\n<tool_call>\n{}\n</tool_call>\n<response>ok</response>", both),
    ).toBe(true);
    expect(toolrlFormatOk("<think>just thinking</think>", { toolCall: false, response: false })).toBe(true);
  });

  it("follows ToolRL's range schedules", () => {
    expect(scheduledRange("correctness", [-3, 3], "dynamic", 0)).toEqual([-2, 2]);
    expect(scheduledRange("correctness", [-3, 3], "dynamic", 75)).toEqual([-2.5, 2.5]);
    expect(scheduledRange("correctness", [-3, 3], "dynamic", 300)).toEqual([-3, 3]);
    expect(scheduledRange("format", [0, 1], "dynamic", 0)).toEqual([-2, 2]);
    expect(scheduledRange("format", [0, 1], "dynamic", 300)).toEqual([-1, 1]);
    expect(scheduledRange("correctness", [-3, 3], "max1_step30_max3", 10)).toEqual([-1, 1]);
    expect(scheduledRange("format", [0, 1], "max1_step30_max3", 40)).toEqual([0, 0.5]);
  });

  it("uses the training step from the context", async () => {
    const reference = [{ name: "search", arguments: { q: "cats" } }];
    const sample = makeSample({
      completion: toolrl('{"name": "search", "arguments": {"q": "cats"}}'),
      reference,
    });
    const [early] = await score({ type: "tool_call", schedule: "max1_step30_max3" }, [sample], 5);
    const [late] = await score({ type: "tool_call", schedule: "max1_step30_max3" }, [sample], 50);
    expect(early?.score).toBeCloseTo(1 + 1);
    expect(late?.score).toBeCloseTo(3 + 0.5);
  });
});

describe("tool_call completions and references", () => {
  const reference = [{ name: "get_weather", arguments: { city: "Paris" } }];

  it("reads Hermes blocks, JSON arrays and assistant tool_calls", async () => {
    const openai = [
      {
        role: "assistant",
        content: null,
        tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } }],
      },
    ];
    const results = await score({ type: "tool_call", scoring: "exact" }, [
      makeSample({
        completion: '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>',
        reference,
      }),
      makeSample({ completion: '[{"name": "get_weather", "arguments": {"city": "Paris"}}]', reference }),
      makeSample({ completion: openai, reference }),
      makeSample({ completion: '[{"name": "get_weather", "arguments": {"city": "Lyon"}}]', reference }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1, 1, 0]);
  });

  it("reads calls written as Python, BFCL's answer format", () => {
    expect(
      pythonCalls(
        '[get_weather(city="Paris", days=3), math.hypot(x=4.5, y=-2, flags=[True, None], opts={"a": (1, 2)})]',
      ),
    ).toEqual([
      { name: "get_weather", arguments: { city: "Paris", days: 3 } },
      { name: "math.hypot", arguments: { x: 4.5, y: -2, flags: [true, null], opts: { a: [1, 2] } } },
    ]);
    expect(pythonCalls("```python\nf(s='it\\'s')\n```")).toEqual([{ name: "f", arguments: { s: "it's" } }]);
    expect(pythonCalls("get_weather('Paris')")).toBeUndefined();
    expect(pythonCalls("The weather is nice")).toBeUndefined();
  });

  it("takes BFCL alternatives, optional parameters and lenient strings", async () => {
    const bfcl = [{ calculate_triangle_area: { base: [10], height: [5], unit: ["units", ""] } }];
    const call = (args: Record<string, unknown>) =>
      JSON.stringify([{ name: "calculate_triangle_area", arguments: args }]);
    const results = await score({ type: "tool_call", scoring: "fraction" }, [
      makeSample({ completion: call({ base: 10, height: 5 }), reference: bfcl }),
      makeSample({ completion: call({ base: 10.0, height: 5, unit: "Units" }), reference: bfcl }),
      makeSample({ completion: call({ base: 10, height: 6 }), reference: bfcl }),
      makeSample({ completion: call({ base: 10, height: 5, colour: "red" }), reference: bfcl }),
    ]);
    // S_max = 1 (names) + 1 + 3 parameters = 5. A wrong height: S = 1 + 1 (keys) + 2 (values) = 4.
    // An extra key is refused by default (issue 15 §3); ToolRL's formula (allow_extra_arguments)
    // gives keys 2/3, values 3 (the omitted unit is optional): S = 1 + 2/3 + 3.
    expect(results.map((result) => result.score)).toEqual([1, 1, 4 / 5, 0]);
    const [relaxed] = await score({ type: "tool_call", scoring: "fraction", allow_extra_arguments: true }, [
      makeSample({ completion: call({ base: 10, height: 5, colour: "red" }), reference: bfcl }),
    ]);
    expect(relaxed?.score).toBeCloseTo((1 + 2 / 3 + 3) / 5, 9);
  });

  it("rejects a reference it cannot read, naming it", async () => {
    const [result] = await score({ type: "tool_call" }, [
      makeSample({ completion: "x", reference: [{ nope: 1, other: 2 }] }),
    ]);
    expect(result?.error?.code).toBe("INPUT_INVALID");
    expect(result?.error?.message).toContain("reference:");
  });
});

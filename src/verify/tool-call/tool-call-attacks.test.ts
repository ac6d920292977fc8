import { describe, expect, it } from "vitest";
import type { RewardResult } from "../../core/index.js";
import { loadSpec } from "../../engine/index.js";
import { makeSample, testContext } from "../../testing/index.js";

/**
 * Issue 15 §3, tool calls: answers that spray calls to collect partial credit — calls nobody asked
 * for, the same call repeated, arguments the function does not take. ToolRL's fine-grained reward
 * (names as multisets, parameters per call) pays them; rewardkit refuses them by default and pays
 * ToolRL's formula again when the matching `allow_*` option is set.
 */
async function score(
  node: Record<string, unknown>,
  completions: unknown[],
  reference: unknown,
): Promise<RewardResult[]> {
  const loaded = await loadSpec({ version: 1, reward: node });
  try {
    return await loaded.reward.score(
      completions.map((calls) => makeSample({ completion: JSON.stringify(calls), reference })),
      testContext(),
    );
  } finally {
    await loaded.close();
  }
}

const reference = [{ name: "get_weather", arguments: { city: "Paris" } }];
const right = { name: "get_weather", arguments: { city: "Paris" } };
const wrongCity = { name: "get_weather", arguments: { city: "Lyon" } };

describe("tool_call refuses surplus calls and arguments", () => {
  it("extra calls, duplicates and superfluous arguments score as wrong answers, naming what was refused", async () => {
    const attacks = [
      [right, { name: "send_email", arguments: { to: "x@y.z" } }],
      [right, right],
      [right, wrongCity, { name: "get_weather", arguments: { city: "Nice" } }],
      [{ name: "get_weather", arguments: { city: "Paris", units: "metric", debug: true } }],
    ];
    const fraction = await score(
      { type: "tool_call", scoring: "fraction" },
      [[right], ...attacks],
      reference,
    );
    expect(fraction.map((result) => result.score)).toEqual([1, 0, 0, 0, 0]);
    expect(fraction[1]?.reason).toMatch(
      /refused: calls the reference does not ask for: send_email \(allow_extra_calls\)/,
    );
    expect(fraction[2]?.reason).toMatch(/refused: duplicate calls get_weather ×2 \(allow_duplicate_calls\)/);
    expect(fraction[3]?.reason).toMatch(/calls the reference does not ask for: get_weather, get_weather/);
    expect(fraction[4]?.reason).toMatch(
      /arguments the reference does not have: get_weather.units, get_weather.debug/,
    );
    const toolrl = await score({ type: "tool_call" }, [attacks[1]], reference);
    expect(toolrl[0]?.components?.["tool_call.correctness"]).toBe(-3);
  });

  it("spraying candidates no longer beats committing to one: the wrong guess scores what it did", async () => {
    const [single, spray] = await score(
      { type: "tool_call", scoring: "fraction" },
      [[wrongCity], [right, wrongCity]],
      reference,
    );
    // One wrong guess: S = 1 (names) + 1 (keys) + 0 (value) of 3.
    expect(single?.score).toBeCloseTo(2 / 3);
    expect(spray?.score).toBe(0);
  });

  it("each allow_* option gives back ToolRL's partial credit", async () => {
    const [extra] = await score(
      { type: "tool_call", scoring: "fraction", allow_extra_calls: true },
      [[right, { name: "send_email", arguments: {} }]],
      reference,
    );
    // names: intersection 1 over union 2 = 1/2; the paired call 1 + 1 = 2: S = 2.5 of 3.
    expect(extra?.score).toBeCloseTo(2.5 / 3);
    const [duplicate] = await score(
      { type: "tool_call", scoring: "fraction", allow_duplicate_calls: true, allow_extra_calls: true },
      [[right, right]],
      reference,
    );
    expect(duplicate?.score).toBeCloseTo(2.5 / 3);
    const [argument] = await score(
      { type: "tool_call", scoring: "fraction", allow_extra_arguments: true },
      [[{ name: "get_weather", arguments: { city: "Paris", units: "metric" } }]],
      reference,
    );
    // keys: 1 of a union of 2 = 1/2; value 1: S = 1 + 1/2 + 1 of 3.
    expect(argument?.score).toBeCloseTo(2.5 / 3);
  });

  it("the reference's own repeated and parallel calls are not surplus", async () => {
    const twice = [right, right];
    const [repeated] = await score({ type: "tool_call", scoring: "fraction" }, [twice], twice);
    expect(repeated?.score).toBe(1);
    const parallel = [right, { name: "get_weather", arguments: { city: "Rome" } }];
    const [both] = await score(
      { type: "tool_call", scoring: "fraction" },
      [[...parallel].reverse()],
      parallel,
    );
    expect(both?.score).toBe(1);
    const bfcl = [{ get_weather: { city: ["Paris"], units: ["metric", ""] } }];
    const [optional] = await score(
      { type: "tool_call", scoring: "fraction" },
      [[{ name: "get_weather", arguments: { city: "Paris", units: "metric" } }]],
      bfcl,
    );
    expect(optional?.score).toBe(1);
  });
});

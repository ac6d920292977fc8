import { describe, expect, it } from "vitest";
import { RewardkitError, type RewardResult } from "../core/index.js";
import { ResultsJson } from "./results-json.js";
import { refusedResult, toWireResult } from "./wire-results.js";

describe("ResultsJson", () => {
  const replies: { name: string; reply: { results: object[] } & Record<string, unknown> }[] = [
    {
      name: "plain results",
      reply: {
        results: [
          { reward: 1.2, components: { format: 1, correct: 1 } },
          { reward: 0.2, components: { format: 1, correct: 0 } },
          { reward: -0, components: {} },
        ],
      },
    },
    {
      // Whole numbers below 1024 come from a table; the others, and fractions, as JavaScript prints them.
      name: "numbers at the edges of the whole-number table",
      reply: {
        results: [
          { reward: 0, components: { a: 1, b: 1023, c: 1024, d: -1, e: 0.5, f: 1023.5 } },
          { reward: 2 ** 31, components: { a: -(2 ** 31), b: 2 ** 32 + 1, c: 1e21, d: 5e-324, e: -0 } },
          { reward: Number.MAX_SAFE_INTEGER, components: { a: 1e-7, b: 123456789.125, c: -1023 } },
        ],
      },
    },
    {
      name: "ids, reasons, errors and per-turn rewards",
      reply: {
        results: [
          { reward: 0, components: { 'odd "key"\n': 0.1 }, id: "a\u2028b", reason: 'why "so"' },
          {
            reward: 0,
            components: { judge: 0 },
            id: 7,
            error: { code: "TIMEOUT", message: "slow", node: "judge" },
            turn_rewards: [0.5, 1e21, 1e-7],
          },
          { reward: 0, components: {}, error: { code: "INPUT_INVALID", message: "bad", path: "samples[2]" } },
        ],
      },
    },
    {
      name: "values JSON.stringify writes unusually",
      reply: {
        results: [
          // What a misbehaving user module might leave in components: written as JSON.stringify would.
          { reward: Number.NaN, components: { a: Number.POSITIVE_INFINITY, b: "5", c: true, d: undefined } },
          { reward: 1, components: { e: null, f: { g: 1 } }, id: { nested: [1, "x"] }, reason: undefined },
        ],
      },
    },
    {
      name: "advantages after the results",
      reply: {
        results: [{ reward: 1, components: { r: 1 } }],
        advantages: [0.5, null],
        keep: [true, null],
        advantage_diagnostics: { groups: 1 },
        step_advantages: undefined,
      },
    },
  ];
  for (const { name, reply } of replies) {
    it(`writes the same text as JSON.stringify: ${name}`, () => {
      const json = new ResultsJson();
      // Some of these results break WireResult's types on purpose (what a misbehaving module leaves).
      const write = () => json.reply(reply as unknown as Parameters<ResultsJson["reply"]>[0]);
      expect(write()).toBe(JSON.stringify(reply));
      // Cached keys give the same text the second time.
      expect(write()).toBe(JSON.stringify(reply));
    });
  }

  it("writes results as toWireResult builds them (ids, reasons, errors, refused rows) as JSON.stringify does", () => {
    const results = [
      toWireResult({ score: 1.2, components: { format: 1, correct: 1 } }, "row-1"),
      toWireResult({ score: 0.2, components: { format: 1, correct: 0 } }, 42),
      toWireResult({ score: 0.5, components: { judge: 0.5 }, reason: "close" }),
      toWireResult({ score: 0, components: {}, error: { code: "TIMEOUT", message: "slow", node: "judge" } }),
      toWireResult({ score: 1, components: { turns: 1 }, turnRewards: [1, 0.5] }, "t"),
      toWireResult(refusedResult(new RewardkitError("INPUT_INVALID", "bad", { path: "samples[5]" }), -1)),
    ];
    const reply = { results, advantages: [1, -1, 0, null, 0.5, null] };
    expect(new ResultsJson().reply(reply)).toBe(JSON.stringify(reply));
  });

  it("writes the engine's results directly, the same text as toWireResult then JSON.stringify", () => {
    const engine: RewardResult[] = [
      { score: 1.2, components: { format: 1, correct: 1 } },
      { score: 0.2 },
      { score: Number.NaN, components: { a: Number.POSITIVE_INFINITY } },
      { score: 0.5, components: { judge: 0.5 }, reason: "close" },
      {
        score: 0,
        components: { judge: 0 },
        childErrors: [{ code: "TIMEOUT", message: "slow", node: "judge" }],
      },
      { score: 1, components: { turns: 1 }, stepRewards: [1, 0.5] },
      refusedResult(new RewardkitError("INPUT_INVALID", "bad", { path: "samples[6]" }), -1),
    ];
    const ids = ["row-1", 42, undefined, "r", undefined, 7, undefined];
    const wire = (index: number) => toWireResult(engine[index] as RewardResult, ids[index]);
    const json = new ResultsJson();
    const expected = JSON.stringify({ results: engine.map((_, index) => wire(index)) });
    expect(json.results(engine, (index) => ids[index], wire)).toBe(expected);
    expect(json.results(engine, (index) => ids[index], wire)).toBe(expected);
    expect(json.results([], () => undefined, wire)).toBe('{"results":[]}');
  });

  it("reuses a remembered result's text only for the same reward, names, order and values", () => {
    // Results drawn from a small pool, so texts repeat, are evicted (more than 8 distinct) and come
    // back; near misses differ in one value, one name, the order, or the number of components.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    const few = [0, 1, -0, 0.2];
    const many = [...few, 1.2, 2, 1023, 1024, Number.NaN, Number.POSITIVE_INFINITY, 1e21];
    const layouts = [["format", "correct"], ["correct", "format"], ["format", "len"], ["format"], []];
    const engine: RewardResult[] = [];
    const ids: (string | number | undefined)[] = [];
    for (let index = 0; index < 4000; index++) {
      // Stretches of few distinct results (found in memory), then of many (evicted).
      const numbers = Math.floor(index / 500) % 2 === 0 ? few : many;
      const components: Record<string, number> = {};
      for (const name of pick(layouts)) components[name] = pick(numbers);
      engine.push(random() < 0.1 ? { score: pick(numbers) } : { score: pick(numbers), components });
      ids.push(pick([undefined, undefined, index, `row-${index}`]));
    }
    // More components than are remembered: written in full every time.
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`c${k}`, k % 2]));
    engine.push({ score: 1, components: wide }, { score: 1, components: wide });
    ids.push(undefined, "wide");
    const wire = (index: number) => toWireResult(engine[index] as RewardResult, ids[index]);
    const expected = JSON.stringify({ results: engine.map((_, index) => wire(index)) });
    const json = new ResultsJson();
    expect(json.results(engine, (index) => ids[index], wire)).toBe(expected);
    expect(json.results(engine, (index) => ids[index], wire)).toBe(expected);
  });
});

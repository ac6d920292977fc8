import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Message } from "../core/index.js";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { aggregateTurns } from "./sequence-aggregate.js";

const contentNumber = {
  type: "module",
  name: "turn_value",
  path: resolve(import.meta.dirname, "../../test/fixtures/compose/content-number.mjs"),
};

/** A conversation whose assistant turns say the given numbers, each calling a tool except the last. */
function conversation(values: readonly string[]): Message[] {
  const messages: Message[] = [];
  values.forEach((value, index) => {
    const last = index === values.length - 1;
    messages.push(
      last
        ? { role: "assistant", content: value }
        : {
            role: "assistant",
            content: value,
            tool_calls: [{ id: `c${index}`, type: "function", function: { name: "f", arguments: "{}" } }],
          },
    );
    if (!last) messages.push({ role: "tool", tool_call_id: `c${index}`, content: `result ${index}` });
  });
  return messages;
}

async function score(node: Record<string, unknown>, completion: Message[] | string) {
  const loaded = await loadSpec({ version: 1, reward: node });
  const [result] = await loaded.reward.score([makeSample({ prompt: "Q", completion })], testContext());
  return result;
}

describe("turns", () => {
  it("aggregates worked numbers: turns 1, 0.5, 0", () => {
    const scores = [1, 0.5, 0];
    expect(aggregateTurns(scores, { aggregate: "last", gamma: 1 })).toBe(0);
    expect(aggregateTurns(scores, { aggregate: "sum", gamma: 1 })).toBe(1.5);
    expect(aggregateTurns(scores, { aggregate: "mean", gamma: 1 })).toBe(0.5);
    expect(aggregateTurns(scores, { aggregate: "min", gamma: 1 })).toBe(0);
    // 1 + 0.9·0.5 + 0.81·0 = 1.45
    expect(aggregateTurns(scores, { aggregate: "discounted", gamma: 0.9 })).toBeCloseTo(1.45, 12);
    // γ^t weights the later turns less: 0 + 0.9·0.5 + 0.81·1 = 1.26
    expect(aggregateTurns([0, 0.5, 1], { aggregate: "discounted", gamma: 0.9 })).toBeCloseTo(1.26, 12);
  });

  it("scores each assistant turn through the spec and writes turn rewards", async () => {
    const completion = conversation(["1", "0.5", "0"]);
    for (const [aggregate, expected] of [
      ["last", 0],
      ["sum", 1.5],
      ["mean", 0.5],
      ["min", 0],
      ["discounted", 1.45],
    ] as const) {
      const result = await score({ type: "turns", aggregate, gamma: 0.9, reward: contentNumber }, completion);
      expect(result?.score).toBeCloseTo(expected, 12);
      expect(result?.turnRewards).toEqual([1, 0.5, 0]);
      // The child's component is aggregated the same way as the score.
      expect(result?.components?.turn_value).toBeCloseTo(expected, 12);
    }
  });

  it("gives each turn the conversation before it as prompt and its tool results as completion", async () => {
    const seen: { prompt: Message[] | string; completion: Message[] | string; turn: unknown }[] = [];
    const { turnSamples } = await import("../core/index.js");
    const sample = makeSample({ prompt: "Q", completion: conversation(["1", "2"]), reference: "R" });
    for (const turn of turnSamples(sample)) {
      seen.push({ prompt: turn.prompt, completion: turn.completion, turn: turn.meta?.turn });
      expect(turn.reference).toBe("R");
    }
    expect(seen[0]?.prompt).toEqual([{ role: "user", content: "Q" }]);
    expect(((seen[0]?.completion as Message[] | undefined) ?? []).map((message) => message.role)).toEqual([
      "assistant",
      "tool",
    ]);
    expect(((seen[1]?.prompt as Message[] | undefined) ?? []).map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "tool",
    ]);
    expect(seen[1]?.completion).toEqual([{ role: "assistant", content: "2" }]);
    expect(seen.map((each) => each.turn)).toEqual([
      { index: 0, count: 2 },
      { index: 1, count: 2 },
    ]);
  });

  it("treats a string completion as one turn, so single-turn rows score as the child does", async () => {
    const result = await score({ type: "turns", aggregate: "sum", reward: contentNumber }, "0.75");
    expect(result?.score).toBe(0.75);
    expect(result?.turnRewards).toEqual([0.75]);
  });

  it("reports a conversation without assistant turns as not applicable", async () => {
    const result = await score({ type: "turns", reward: contentNumber }, [{ role: "user", content: "hi" }]);
    expect(result?.error?.code).toBe("NOT_APPLICABLE");
    expect(result?.turnRewards).toBeUndefined();
  });

  it("keeps going when one turn fails, naming the turn", async () => {
    const result = await score(
      { type: "turns", aggregate: "mean", reward: { ...contentNumber, on_error: -1 } },
      conversation(["1", "oops", "0"]),
    );
    expect(result?.turnRewards).toEqual([1, -1, 0]);
    expect(result?.score).toBeCloseTo(0, 12);
    expect(result?.childErrors?.[0]?.message).toMatch(/^turn 2: /);
  });

  it("passes turn rewards up through composites and keeps single-turn results unchanged", async () => {
    const loaded = await loadSpec({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "regex", name: "says_one", pattern: "^1$" } },
          {
            weight: 0.5,
            reward: { type: "turns", name: "per_turn", aggregate: "mean", reward: contentNumber },
          },
        ],
      },
    });
    const [multi, single] = await loaded.reward.score(
      [makeSample({ completion: conversation(["0", "1"]) }), makeSample({ completion: "1" })],
      testContext(),
    );
    // completionText is the last assistant message: "1".
    expect(multi?.components?.says_one).toBe(1);
    expect(multi?.turnRewards).toEqual([0, 1]);
    expect(multi?.score).toBeCloseTo(1 + 0.5 * 0.5, 12);
    expect(single?.score).toBe(1.5);
    expect(single?.turnRewards).toEqual([1]);
  });
});

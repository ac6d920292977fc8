import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Message, Sample } from "../core/index.js";
import { loadSpec, scoreSamples } from "../engine/index.js";
import { testContext } from "../testing/index.js";

const turnValue = {
  type: "module",
  path: resolve(import.meta.dirname, "../../test/fixtures/compose/content-number.mjs"),
};

/** A conversation whose assistant turns say the given numbers, with the given tool results between them. */
function conversation(values: readonly string[], observations: readonly string[]): Message[] {
  const messages: Message[] = [];
  values.forEach((value, index) => {
    messages.push({ role: "assistant", content: value });
    if (index < values.length - 1) messages.push({ role: "tool", content: observations[index] as string });
  });
  return messages;
}

async function advantages(samples: Sample[], stepRewards = "results") {
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "turns", aggregate: "sum", reward: turnValue },
    advantage: {
      type: "gigpo",
      gamma: 0.95,
      mode: "mean_norm",
      episode_stats: "trajectories",
      step_rewards: stepRewards,
    },
  });
  return scoreSamples(loaded.reward, loaded.estimator, samples, testContext());
}

describe("GiGPO over conversations (turn rewards as step rewards)", () => {
  it("reproduces the methods doc's worked example with turns as steps", async () => {
    // τ1 turn rewards [0, 0, 1] (R = 1), τ2 [0, 0, 0] (R = 0), same task, same prompt; later observations differ.
    const samples: Sample[] = [
      {
        prompt: "Find the key.",
        group: "t",
        completion: conversation(["0", "0", "1"], ["room A", "room B"]),
      },
      {
        prompt: "Find the key.",
        group: "t",
        completion: conversation(["0", "0", "0"], ["room C", "room D"]),
      },
    ];
    const { results, advantage } = await advantages(samples);
    expect(results.map((result) => result.turnRewards)).toEqual([
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(advantage?.advantages[0]).toBeCloseTo(0.5, 12);
    expect(advantage?.advantages[1]).toBeCloseTo(-0.5, 12);
    // Turn 1 shares its anchor (the prompt): returns 0.9025 and 0 → A_S = ±0.45125; A = 0.5 + 0.45125.
    expect(advantage?.stepAdvantages?.[0]?.[0]).toBeCloseTo(0.95125, 12);
    expect(advantage?.stepAdvantages?.[1]?.[0]).toBeCloseTo(-0.95125, 12);
    // Later turns saw different observations: singleton anchor groups, step part 0.
    expect(advantage?.stepAdvantages?.[0]?.slice(1).map((value) => Number(value.toFixed(12)))).toEqual([
      0.5, 0.5,
    ]);
  });

  it("groups later turns that saw the same tool result", async () => {
    const samples: Sample[] = [
      { prompt: "Q", group: "t", completion: conversation(["0", "1"], ["same result"]) },
      { prompt: "Q", group: "t", completion: conversation(["0", "0"], ["same result"]) },
    ];
    const { advantage } = await advantages(samples);
    // Turn 2 anchors match: returns 1 and 0 → ±0.5; episode ±0.5; combined ±1.
    expect(advantage?.stepAdvantages?.[0]?.[1]).toBeCloseTo(1, 12);
    expect(advantage?.stepAdvantages?.[1]?.[1]).toBeCloseTo(-1, 12);
  });

  it("`final` puts the episode reward on the last turn; `steps` asks for steps", async () => {
    const samples: Sample[] = [
      { prompt: "Q", group: "t", completion: conversation(["1", "0"], ["r"]) },
      { prompt: "Q", group: "t", completion: conversation(["0", "0"], ["r"]) },
    ];
    const final = await advantages(samples, "final");
    // R = 1 and 0 on the last turn: turn-2 returns 1 vs 0 (same anchor "r") → ±0.5 + episode ±0.5.
    expect(final.advantage?.stepAdvantages?.[0]?.[1]).toBeCloseTo(1, 12);
    await expect(advantages(samples, "steps")).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});

import { describe, expect, it } from "vitest";
import { loadSpec, scoreSamples } from "../src/engine/index.js";
import { thinkRmSystem } from "../src/judges/pairwise/think-rm-prompt.js";
import {
  lastUserMessage,
  makeSample,
  messagesOf,
  type OpenAIServer,
  type RecordedRequest,
  testContext,
} from "../src/testing/index.js";
import { judgeTestbed } from "./helpers/judge-testbed.js";
import { openrlhfAdvantages, trlGrpo, verlGrpo } from "./helpers/trainer-formulas.js";

const bed = judgeTestbed({ type: "pairwise_judge", model: "think-rm-8b" });
let server: OpenAIServer | undefined;

/** The qualities written into the two responses of the authors' user message. */
function qualities(request: RecordedRequest): { a: number; b: number } {
  const user = lastUserMessage(request);
  const a = /Assistant A's Response\]\nquality (\d+)/.exec(user)?.[1];
  const b = /Assistant B's Response\]\nquality (\d+)/.exec(user)?.[1];
  return { a: Number(a), b: Number(b) };
}

/** A scripted Think-RM judge: thinks, then <answer>s</answer> with s = quality(B) − quality(A) in ±1..3. */
function thinkRmJudge(request: RecordedRequest): string {
  const { a, b } = qualities(request);
  const strength = Math.max(-3, Math.min(3, b - a));
  return `<think>A has quality ${a}, B has quality ${b}.</think>\n<answer>${strength}</answer>`;
}

/** The authors' advantage, computed here from the qualities (PairwiseRLHF compute_grpo_difference_advantage). */
function expectedAdvantages(groupQualities: readonly number[]): number[] {
  const size = groupQualities.length;
  const preference = (i: number, j: number) =>
    Math.max(-3, Math.min(3, (groupQualities[i] as number) - (groupQualities[j] as number)));
  let squares = 0;
  const sums = groupQualities.map((_, i) => {
    let sum = 0;
    for (let j = 0; j < size; j++) {
      if (j === i) continue;
      sum += preference(i, j);
      squares += preference(i, j) ** 2;
    }
    return sum / size;
  });
  const denominator = Math.sqrt(squares / (2 * size * (size - 1)) + 1e-6);
  return sums.map((sum) => sum / denominator);
}

const groups: Record<string, number[]> = { q1: [5, 1, 3, 9], q2: [2, 7, 4, 6] };
const samples = Object.entries(groups).flatMap(([group, values]) =>
  values.map((quality, index) =>
    makeSample({
      id: `${group}-${index}`,
      group,
      prompt: `Question ${group}`,
      completion: `quality ${quality}   \n`,
    }),
  ),
);
const labels = samples.map((sample) => String(sample.group));
const expected = Object.values(groups).flatMap((values) => expectedAdvantages(values));

describe("Think-RM end to end: the authors' prompt, their advantage, passed through to the trainers once", () => {
  it("preset think_rm sends the authors' messages and sampling; passthrough keeps the advantage as it is", async () => {
    server = await bed.start({ reply: thinkRmJudge });
    const withAdvantage = await loadSpec({
      version: 1,
      reward: {
        type: "pairwise_judge",
        url: server.url,
        model: "think-rm-8b",
        preset: "think_rm",
        verdict: "strength",
        output: "think_rm",
        both_orders: false,
        delimit: false,
      },
      advantage: { type: "passthrough" },
    });
    bed.track(withAdvantage.close);
    const scored = await scoreSamples(withAdvantage.reward, withAdvantage.estimator, samples, testContext());
    const rewards = scored.results.map((result) => result.score);
    for (const [index, reward] of rewards.entries()) expect(reward).toBeCloseTo(expected[index] as number, 9);
    // Passthrough: the advantage is the reward, untouched.
    expect(scored.advantage?.advantages).toEqual(rewards);
    expect(scored.advantage?.diagnostics?.largest_group_mean).toBeLessThan(1e-12);

    // The authors' messages (NaiveReasoningMulticlassPromptTemplate), their sampling, one order per pair.
    const first = server.requests[0];
    expect(messagesOf(first)[0]).toEqual({ role: "system", content: thinkRmSystem });
    expect(lastUserMessage(first)).toMatch(
      /^\[The Start of Context\]\nQuestion q[12]\n\[The End of Context\]\n\n\[The Start of Assistant A's Response\]\nquality \d\n\[The End of Assistant A's Response\]\n\n\[The Start of Assistant B's Response\]\nquality \d\n\[The End of Assistant B's Response\]$/,
    );
    expect(first?.body).toMatchObject({ temperature: 0.6, max_tokens: 2048 });
    // 6 pairs per group of 4, one order each (as the authors' code asks), 2 groups.
    expect(server.requests).toHaveLength(12);
  });

  it("each group's Think-RM advantages sum to 0, so trainers that only centre them pass them on unchanged", async () => {
    server = await bed.start({ reply: thinkRmJudge });
    const { reward } = await bed.load({
      preset: "think_rm",
      verdict: "strength",
      output: "think_rm",
      both_orders: false,
      delimit: false,
    });
    const rewards = (await reward.score(samples, testContext())).map((result) => result.score);
    const close = (values: readonly number[]) => {
      for (const [index, value] of values.entries()) expect(value).toBeCloseTo(rewards[index] as number, 9);
    };
    // verl: algorithm.adv_estimator=grpo, algorithm.norm_adv_by_std_in_grpo=False (transcribed code).
    close(verlGrpo(rewards, labels, 1e-6, false));
    // TRL: GRPOConfig(scale_rewards="none") (older TRL: scale_rewards=False).
    close(
      trlGrpo(
        rewards.map((value) => [value]),
        [1],
        4,
        { scaleRewards: "none" },
      ),
    );
    // OpenRLHF: --algo.advantage.estimator dr_grpo (or reinforce_baseline before its global whitening).
    close(openrlhfAdvantages(rewards, 4, "dr_grpo"));
    // The defaults normalize a second time: verl's GRPO divides each group by the std of its
    // advantages, re-weighting the groups — no longer the authors' advantage (whose denominator is
    // the pairs' root mean square).
    const twice = verlGrpo(rewards, labels);
    const std = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((total, value) => total + (value - mean) ** 2, 0) / (values.length - 1));
    };
    const stds = [std(rewards.slice(0, 4)), std(rewards.slice(4))];
    for (const [index, value] of twice.entries()) {
      const groupStd = stds[Math.floor(index / 4)] as number;
      expect(value).toBeCloseTo((rewards[index] as number) / (groupStd + 1e-6), 9);
    }
    expect(Math.max(...stds.map((value) => Math.abs(value - 1)))).toBeGreaterThan(0.02);
  });

  it("preset think_rm refuses a verdict other than strength, naming the field", async () => {
    server = await bed.start({ reply: thinkRmJudge });
    await expect(bed.load({ preset: "think_rm" })).rejects.toMatchObject({
      code: "SPEC_INVALID",
      path: "reward.verdict",
    });
  });
});

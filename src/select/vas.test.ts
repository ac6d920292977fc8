import { describe, expect, it } from "vitest";

function expectAllClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of actual.entries()) expect(value).toBeCloseTo(expected[index] as number, digits);
}

import { softmax, vasLogits, vasTopK } from "./vas.js";

describe("VAS decoding rule (rm-rl.md §22 worked example)", () => {
  it("logits [2, 1, 0.5, −1], V [0, 1, 0.2, 5], k = 3, β = 2 → [1.2, 2.2, 0.1, −1], probs [0.2403, 0.6531, 0.0800, 0.0266]", () => {
    const step = vasLogits({ logits: [2, 1, 0.5, -1], values: [0, 1, 0.2, 5], topK: 3, beta: 2 });
    expect(step.top).toEqual([0, 1, 2]);
    expectAllClose(step.centred, [-0.4, 0.6, -0.2, 0], 12);
    expectAllClose(step.logits, [1.2, 2.2, 0.1, -1], 12);
    expectAllClose(softmax(step.logits), [0.2403, 0.6531, 0.08, 0.0266], 4);
  });

  it("over a server's top-k, keeps the rest's base mass and gives the same distribution as the full rule", () => {
    const logits = [2, 1, 0.5, -1];
    const logprobs = softmax(logits).map(Math.log);
    const full = softmax(vasLogits({ logits, values: [0, 1, 0.2, 5], topK: 3, beta: 2 }).logits);
    const top = vasTopK({ logprobs: logprobs.slice(0, 3), values: [0, 1, 0.2], beta: 2 });
    expectAllClose(top.probabilities, full.slice(0, 3), 12);
    expect(top.rest).toBeCloseTo(full[3] as number, 12);
    // KL(π' ‖ π) computed directly over the four tokens.
    const base = softmax(logits);
    const kl = full.reduce((sum, value, index) => sum + value * Math.log(value / (base[index] as number)), 0);
    expect(top.kl).toBeCloseTo(kl, 12);
  });

  it("β = 0 is the base model (KL 0); larger β moves further", () => {
    const logprobs = softmax([1, 0.5, 0]).map(Math.log);
    const values = [0, 1, 2];
    expect(vasTopK({ logprobs, values, beta: 0 }).kl).toBeCloseTo(0, 12);
    const small = vasTopK({ logprobs, values, beta: 0.5 });
    const large = vasTopK({ logprobs, values, beta: 4 });
    expect(large.kl).toBeGreaterThan(small.kl);
    expect(large.probabilities[2]).toBeGreaterThan(small.probabilities[2] as number);
  });
});

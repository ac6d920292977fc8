import { describe, expect, it } from "vitest";
import {
  balanceScore,
  type Candidate,
  chooseConfiguration,
  passAtK,
  promptBalance,
  rewardDiscrimination,
  roundMonitors,
  selectAboveThreshold,
} from "./b-star.js";

const candidate = (text: string, reward: number, correct: boolean): Candidate => ({ text, reward, correct });

describe("B-STaR monitors and balance score (determine_hyper.py)", () => {
  it("a prompt's balance is min(n'/n*, 1) · n'/n", () => {
    expect(promptBalance([{ correct: true }, { correct: false }], 8)).toBeCloseTo(1 / 16, 12);
    const ten = Array.from({ length: 10 }, (_, index) => ({ correct: index < 9 }));
    expect(promptBalance(ten, 8)).toBeCloseTo(0.9, 12);
    expect(promptBalance([], 8)).toBe(0);
  });

  it("selection keeps distinct texts above the threshold, best first, up to the cap", () => {
    const list = [
      candidate("a", 0.9, true),
      candidate("a", 0.8, true),
      candidate("b", 0.5, false),
      candidate("c", 0.2, true),
    ];
    expect(selectAboveThreshold(list, { threshold: 0.3 }).map((entry) => entry.text)).toEqual(["a", "b"]);
    expect(
      selectAboveThreshold(list, { threshold: 0.1, maxPerPrompt: 1 }).map((entry) => entry.text),
    ).toEqual(["a"]);
  });

  it("chooses the threshold that keeps correct responses and drops wrong ones, and counts empty prompts as 0", () => {
    const prompts = [
      [candidate("x1", 0.9, true), candidate("x2", 0.4, false), candidate("x3", 0.8, true)],
      [candidate("y1", 0.3, false), candidate("y2", 0.7, true)],
    ];
    // threshold 0.5 keeps x1, x3, y2 (all correct): (2/2 · min(2/2, 1) + 1 · min(1/2, 1)) / 2 with n* = 2.
    expect(balanceScore(prompts, { threshold: 0.5, nStar: 2 })).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(balanceScore(prompts, { threshold: 0.95, nStar: 2 })).toBe(0);
    const choice = chooseConfiguration({
      byTemperature: [{ temperature: 0.7, prompts }],
      thresholds: [0, 0.5, 0.95],
      nStar: 2,
    });
    expect([choice.temperature, choice.threshold]).toEqual([0.7, 0.5]);
    expect(choice.grid).toHaveLength(3);
  });

  it("pass@k is unbiased: 1 − C(n−c, k)/C(n, k)", () => {
    expect(passAtK(4, 1, 2)).toBeCloseTo(0.5, 12);
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    expect(passAtK(5, 4, 2)).toBe(1);
    expect(() => passAtK(2, 1, 3)).toThrow(/k ≤ n/);
  });

  it("reward discrimination is the AUC between correct and incorrect responses", () => {
    expect(rewardDiscrimination([candidate("a", 1, true), candidate("b", 0, false)])).toBe(1);
    expect(rewardDiscrimination([candidate("a", 0, true), candidate("b", 0, false)])).toBe(0.5);
    expect(rewardDiscrimination([candidate("a", 1, true)])).toBeNaN();
  });

  it("round monitors: pass@k, pass@1, distinct correct, reward@k", () => {
    const monitors = roundMonitors([
      [candidate("a", 0.9, true), candidate("a", 0.1, true), candidate("b", 0.5, false)],
      [candidate("c", 0.9, false), candidate("d", 0.2, true)],
    ]);
    expect(monitors.pass_at_k).toBe(1);
    expect(monitors.pass_at_1).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(monitors.distinct_correct).toBe(1);
    expect(monitors.reward_at_k).toBe(0.5);
  });
});

import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../core/index.js";
import { trainNgram } from "./char-ngram.js";
import { dpoEpoch, type Gradient, sftEpoch, TinyPolicy } from "./tiny-policy.js";

const model = trainNgram({
  texts: ["the cat sat", "the dog sat", "a cat ran", "the cat ran", "a dog sat"],
  order: 3,
});
const prompt = "the ";
const completion = { text: "cat sat", finished: true };

describe("tiny policy over a frozen n-gram", () => {
  it("starts as the base model: log π is the n-gram's, KL to the base is 0", () => {
    const policy = new TinyPolicy(model, 2);
    const code = model.codeOf("the c");
    const base = model.logProbsOf(code);
    policy.logProbsAt(code).forEach((value, char) => {
      expect(value).toBeCloseTo(base[char] as number, 12);
    });
    expect(policy.statsAlong(prompt, completion, new TinyPolicy(model, 2)).kl).toBe(0);
  });

  it("accumulates the exact gradient of log π(y | x): equal to finite differences of the offsets", () => {
    const policy = new TinyPolicy(model, 2);
    // Move away from the base so the gradient is not at a special point.
    const warm: Gradient = new Map();
    policy.accumulate(prompt, { text: "dog ran", finished: true }, 1, warm);
    policy.apply(warm, 0.3);
    const gradient: Gradient = new Map();
    policy.accumulate(prompt, completion, 1, gradient);
    const epsilon = 1e-6;
    let checked = 0;
    for (const [key, values] of gradient) {
      for (const char of [0, 1, values.length - 1]) {
        const bump = (sign: number) => {
          const copy = policy.clone();
          const step: Gradient = new Map([[key, new Float64Array(values.length)]]);
          (step.get(key) as Float64Array)[char] = sign * epsilon;
          copy.apply(step, 1);
          return copy.logProb(prompt, completion);
        };
        const numeric = (bump(1) - bump(-1)) / (2 * epsilon);
        expect(values[char] as number).toBeCloseTo(numeric, 5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });

  it("SFT raises log π of its examples; DPO raises the chosen over the rejected against the reference", () => {
    const policy = new TinyPolicy(model, 2);
    const before = policy.logProb(prompt, completion);
    sftEpoch(policy, [{ prompt, completion }], 0.5);
    expect(policy.logProb(prompt, completion)).toBeGreaterThan(before);
    expect(policy.statsAlong(prompt, completion, new TinyPolicy(model, 2)).kl).toBeGreaterThan(0);

    const reference = new TinyPolicy(model, 2);
    const trained = reference.clone();
    const rejected = { text: "dog ran", finished: true };
    const margin = (p: TinyPolicy) =>
      p.logProb(prompt, completion) -
      reference.logProb(prompt, completion) -
      (p.logProb(prompt, rejected) - reference.logProb(prompt, rejected));
    dpoEpoch({
      policy: trained,
      reference,
      pairs: [{ prompt, chosen: completion, rejected }],
      beta: 0.5,
      learningRate: 1,
      batchSize: 1,
    });
    expect(margin(trained)).toBeGreaterThan(0);
    expect(margin(reference)).toBe(0);
  });

  it("samples by the policy's probabilities (greedy at temperature 0) and stops at END", () => {
    const policy = new TinyPolicy(model, 2);
    const greedy = policy.sample(prompt, { temperature: 0, maxChars: 40, random: mulberry32(1) });
    expect(greedy.finished).toBe(true);
    expect(model.vocabulary).toContain(greedy.text[0]);
    const code = model.codeOf("the ");
    const probabilities = [...policy.logProbsAt(code)].map(Math.exp);
    const counts = new Array<number>(probabilities.length).fill(0);
    const random = mulberry32(7);
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      const char = policy.draw(code, 1, random);
      counts[char] = (counts[char] as number) + 1;
    }
    probabilities.forEach((probability, char) => {
      expect(Math.abs((counts[char] as number) / draws - probability)).toBeLessThan(0.015);
    });
  });
});

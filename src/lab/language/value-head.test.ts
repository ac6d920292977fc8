import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../core/index.js";
import { trainNgram } from "./char-ngram.js";
import { ValueHead } from "./value-head.js";

// Texts over "ab$ " whose reward is the number of "$" in them: a value of prefixes should learn that
// a "$" already written is worth about one unit of reward.
const random = mulberry32(5);
const texts = Array.from({ length: 300 }, () => {
  let text = "";
  const length = 4 + Math.floor(random() * 12);
  for (let index = 0; index < length; index++) text += "ab$ "[Math.floor(random() * 4)];
  return text;
});
const model = trainNgram({ texts, order: 2 });
const dollars = (text: string) => [...text].filter((char) => char === "$").length;
const training = texts.map((text) => ({ text, reward: dollars(text) }));

describe("value head over prefixes (VAS's value estimate)", () => {
  it("with λ = 1 regresses every prefix on its text's final reward (Monte-Carlo targets)", () => {
    const head = new ValueHead(model, 16);
    head.fit({ texts: training, lambda: 1, iterations: 1, ridge: 1e-3 });
    // Each "$" written adds about 1 to the value; a full text's value is close to its reward.
    const gain = head.value("ab$$") - head.value("abab");
    expect(gain).toBeGreaterThan(1.5);
    expect(gain).toBeLessThan(2.5);
    // Least squares with a bias term: the residuals over every prefix of every text sum to about 0.
    let residual = 0;
    let count = 0;
    for (const { text, reward } of training) {
      for (let end = 0; end <= text.length; end++) {
        residual += head.value(text.slice(0, end)) - reward;
        count++;
      }
    }
    expect(Math.abs(residual / count)).toBeLessThan(0.01);
  });

  it("with λ < 1 bootstraps from its own next-prefix values and still ranks prefixes by the reward to come", () => {
    const head = new ValueHead(model, 16);
    head.fit({ texts: training, lambda: 0.9, iterations: 3, ridge: 1e-3 });
    expect(head.value("a$")).toBeGreaterThan(head.value("ab"));
    expect(head.value("$$$")).toBeGreaterThan(head.value("$"));
  });
});

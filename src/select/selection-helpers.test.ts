import { describe, expect, it } from "vitest";
import { directionFromAngle } from "../core/index.js";
import { distinctFraction, distinctNgrams } from "./diversity.js";
import { conditionedPrompt, directionFor, directionScore, directionSystemPrompt } from "./dpa.js";
import { completionFor, preferenceRow, sftRow } from "./trl-rows.js";

describe("diversity", () => {
  it("distinct-2 of 'a b a b' is 2 of 3 bigrams; distinct texts", () => {
    expect(distinctNgrams(["a b a b"], { n: 2 })).toBeCloseTo(2 / 3, 12);
    expect(distinctNgrams(["ab"], { n: 2, unit: "char" })).toBe(1);
    expect(distinctNgrams([], { n: 2 })).toBeNaN(); // unknown, not "no diversity"
    expect(distinctFraction(["x", "x", "y", "z"])).toBe(0.75);
  });
});

describe("DPA directions (rm-rl.md §4.3)", () => {
  it("θ = −15°: prompt weights (97, −26), vᵀr = 66.921304 for r = (80, 40)", () => {
    const direction = directionFromAngle(-15);
    expect(directionSystemPrompt(["helpfulness", "verbosity"], direction)).toBe(
      "Your response should maximize weighted rating = helpfulness*97 + verbosity*-26.",
    );
    expect(
      directionScore(["helpfulness", "verbosity"], direction, { helpfulness: 80, verbosity: 40 }),
    ).toBeCloseTo(66.921304, 6);
    expect(directionScore(["helpfulness", "verbosity"], direction, { helpfulness: 80 })).toBeUndefined();
  });

  it("puts the direction first in the prompt, cycles given vectors, draws angles in the range", () => {
    expect(conditionedPrompt("hi", "S")).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "hi" },
    ]);
    expect(
      directionFor({
        index: 3,
        vectors: [
          [1, 0],
          [0, 1],
        ],
        random: () => 0.5,
      }).direction,
    ).toEqual([0, 1]);
    const drawn = directionFor({ index: 0, random: () => 0.5 });
    expect(drawn.angle).toBe(-22.5);
  });
});

describe("TRL rows", () => {
  it("keeps text with text and makes a text answer to a conversation an assistant message", () => {
    expect(completionFor("2+2?", "4")).toBe("4");
    expect(completionFor([{ role: "user", content: "2+2?" }], "4")).toEqual([
      { role: "assistant", content: "4" },
    ]);
    expect(completionFor("2+2?", [{ role: "assistant", content: "4" }])).toBe("4");
    expect(sftRow([{ role: "user", content: "q" }], "a").completion).toEqual([
      { role: "assistant", content: "a" },
    ]);
    expect(preferenceRow({ prompt: "q", chosen: "a", rejected: "b", margin: 1, group: 7 }).group).toBe("7");
  });
});

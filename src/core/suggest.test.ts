import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, nearestName } from "./suggest.js";

describe("nearest names for misspellings", () => {
  it("measures edits with transpositions", () => {
    expect(editDistance("patern", "pattern")).toBe(1);
    expect(editDistance("pattren", "pattern")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests the nearest candidate only when it is close", () => {
    const fields = ["pattern", "flags", "match", "name", "on_error"];
    expect(nearestName("patern", fields)).toBe("pattern");
    expect(nearestName("Pattern", fields)).toBe("pattern");
    expect(nearestName("on-error", fields)).toBe("on_error");
    expect(nearestName("regexp_source", fields)).toBeUndefined();
    expect(nearestName("pattern", fields)).toBeUndefined();
    expect(nearestName("ppo", ["grpo", "p3o", "rloo"])).toBeUndefined();
    expect(didYouMean("rouge-l", ["bleu", "rouge_l", "chrf"])).toBe(" (did you mean `rouge_l`?)");
    expect(didYouMean("xyz", ["bleu"])).toBe("");
  });
});

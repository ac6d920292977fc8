import { describe, expect, it } from "vitest";
import { isMasterKeyReply, masterKeyReplies } from "./master-keys.js";

describe("master-key replies (arXiv 2507.08794)", () => {
  it("recognises every reply the paper lists, and close variants", () => {
    for (const reply of masterKeyReplies) expect(isMasterKeyReply(reply), reply).toBe(true);
    for (const reply of [
      "",
      "  ",
      "...",
      ": ",
      "Let's solve this step by step.",
      "let’s think step by step",
      "Thought process：",
      "SOLUTION:",
    ]) {
      expect(isMasterKeyReply(reply), reply).toBe(true);
    }
  });

  it("does not flag replies with content", () => {
    for (const reply of [
      "42",
      "x",
      "Thought process: 17 + 25 = 42, so the answer is 42.",
      "Let's solve this step by step. First, 17 + 25 = 42.",
      "Solution: 42",
      "The answer is 5.",
    ]) {
      expect(isMasterKeyReply(reply), reply).toBe(false);
    }
  });
});

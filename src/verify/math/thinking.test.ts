import { describe, expect, it } from "vitest";
import { outsideThinking } from "./thinking.js";

describe("the answer region outside <think>", () => {
  it("is the text after the last closing tag, nothing for an unclosed block, all without tags", () => {
    expect(outsideThinking("<think>draft \\boxed{1}</think> final \\boxed{2}").text).toBe(
      " final \\boxed{2}",
    );
    expect(outsideThinking("<thinking>a</thinking>b<think>c</think>d").text).toBe("d");
    expect(outsideThinking("<think>never closed \\boxed{1}")).toEqual({
      text: "",
      note: "the think block is never closed",
    });
    expect(outsideThinking("plain \\boxed{3}")).toEqual({ text: "plain \\boxed{3}" });
    expect(outsideThinking("continued thought</think>answer 4").text).toBe("answer 4");
  });
});

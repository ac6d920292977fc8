import { describe, expect, it } from "vitest";
import { completionText, contentText, promptText } from "./sample.js";

// contentText: chat messages whose content is a list of blocks, as chat APIs and TRL write them.
describe("contentText", () => {
  it("reads text blocks (chat completions' text, the Responses API's input/output text)", () => {
    expect(contentText("plain")).toBe("plain");
    expect(
      contentText([
        { type: "text", text: "The answer " },
        { type: "text", text: "is 42." },
      ]),
    ).toBe("The answer is 42.");
    expect(contentText([{ type: "output_text", text: "a" }, { type: "input_text", text: "b" }, "c"])).toBe(
      "abc",
    );
    expect(contentText(null)).toBe("");
    expect(
      completionText({
        completion: [{ role: "assistant", content: [{ type: "text", text: "<answer>4</answer>" }] }],
      }),
    ).toBe("<answer>4</answer>");
  });

  it("refuses other blocks with INPUT_INVALID naming them, never reading them as empty or [object Object]", () => {
    const image = [
      { type: "text", text: "Look: " },
      { type: "image_url", image_url: { url: "data:," } },
    ];
    expect(() => contentText(image)).toThrow('content[1] is a "image_url" block; only text blocks');
    expect(() => contentText([{ type: "text", text: { nested: true } }])).toThrow(
      'content[0] is a "text" block whose text is not a string',
    );
    expect(() => contentText([42])).toThrow(/content\[0\] is 42/);
    expect(() => promptText({ prompt: [{ role: "user", content: image }] })).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID" }),
    );
  });
});

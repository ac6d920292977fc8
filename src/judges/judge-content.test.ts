import { describe, expect, it } from "vitest";
import { chatContentText, JudgeImages } from "./judge-content.js";

const image = (url: string) => ({ type: "image_url", image_url: { url } });

describe("JudgeImages", () => {
  it("numbers images across placeholders and attaches those of placeholders the template uses", () => {
    const images = new JudgeImages();
    const prompt = images.text(
      [{ role: "user", content: [{ type: "text", text: "A " }, image("u1")] }],
      "prompt",
    );
    const completion = images.text(
      [
        { role: "user", content: "draw" },
        { role: "assistant", content: [image("u2"), { type: "text", text: " done" }] },
      ],
      "completion",
    );
    expect(prompt).toBe("A [image 1]");
    expect(completion).toBe("user: draw\n\nassistant: [image 2] done");
    expect(images.content("{completion}", { prompt, completion })).toEqual([
      { type: "text", text: completion },
      { type: "text", text: "[image 2]" },
      { type: "image_url", image_url: { url: "u2" } },
    ]);
    const both = images.content("{prompt} / {completion}", { prompt, completion });
    expect(chatContentText(both)).toBe(`A [image 1] / ${completion}[image 1][image 2]`);
  });

  it("without images the content stays a plain string (the wire format text judges always sent)", () => {
    const images = new JudgeImages();
    const text = images.text("plain", "prompt");
    expect(images.content("Q: {prompt}", { prompt: text })).toBe("Q: plain");
  });
});

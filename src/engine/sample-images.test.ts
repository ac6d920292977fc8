import { describe, expect, it } from "vitest";
import { resolveImages } from "./sample-images.js";

const completion = (block: unknown) => [{ role: "assistant", content: [block] }];

describe("resolveImages", () => {
  it("normalises Qwen/TRL and Responses API image blocks to image_url parts; URLs are kept", () => {
    const sample = resolveImages({
      prompt: [{ role: "user", content: [{ type: "image", image: "https://x.org/a.png" }, "look"] }],
      completion: completion({ type: "input_image", image_url: "https://x.org/b.png" }),
    });
    expect(sample).toMatchObject({
      prompt: [
        {
          content: [
            { type: "image_url", image_url: { url: "https://x.org/a.png" } },
            { type: "text", text: "look" },
          ],
        },
      ],
      completion: [{ content: [{ type: "image_url", image_url: { url: "https://x.org/b.png" } }] }],
    });
  });

  it("refuses data URIs over the limit or not base64, and sourceless blocks without an images column", () => {
    const big = `data:image/png;base64,${"A".repeat(4000)}`;
    const tooBig = resolveImages(
      { prompt: "", completion: completion({ type: "image_url", image_url: { url: big } }) },
      { maxBytes: 1000 },
    );
    expect(tooBig).toMatchObject({ code: "INPUT_INVALID", path: "completion[0].content[0]" });
    expect((tooBig as Error).message).toContain("(3000 bytes) is larger than the limit of 1000 bytes");
    const column = resolveImages({ prompt: "", completion: completion({ type: "image" }) });
    expect((column as Error).message).toContain('needs the row\'s "images" column');
    const short = resolveImages({ prompt: "", images: [], completion: completion({ type: "image" }) });
    expect((short as Error).message).toContain('"images" column has no usable entry 0');
  });

  it("samples without images come back as they are (the same object)", () => {
    const sample = {
      prompt: "q",
      completion: [{ role: "assistant", content: [{ type: "text", text: "a" }] }],
    };
    expect(resolveImages(sample)).toBe(sample);
  });
});

import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  imagesOf,
  lastUserMessage,
  makeSample,
  type OpenAIServer,
  type RecordedRequest,
  startOpenAIServer,
  testContext,
} from "../src/testing/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { judgeTestbed } from "./helpers/judge-testbed.js";
import { post, startServer } from "./helpers/serve.js";

// 1x1 PNGs (8-bit RGB), built with zlib: a red pixel and a blue one.
const red = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
const blue = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC";
const dataUri = (base64: string) => `data:image/png;base64,${base64}`;

/** What a VLM sees in a 1x1 PNG data URI: the colour of its pixel, read from the IDAT chunk. */
function pixelColour(url: string): string {
  const bytes = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
  const at = bytes.indexOf("IDAT");
  const length = bytes.readUInt32BE(at - 4);
  const [, r, g, b] = inflateSync(bytes.subarray(at + 4, at + 4 + length));
  return r === 255 && g === 0 && b === 0 ? "red" : r === 0 && g === 0 && b === 255 ? "blue" : "other";
}

/** A scripted "VLM judge": scores 9 when the last image it was shown is red, 2 when blue. */
function vlmJudge(request: RecordedRequest): string {
  const images = imagesOf(request);
  if (images.length === 0) return "I see no image. Score: 5";
  const colour = pixelColour(images.at(-1)?.url ?? "");
  return colour === "red" ? "The pixel is red. Score: 9" : "The pixel is not red. Score: 2";
}

const bed = judgeTestbed({ model: "qwen2.5-vl" });
let server: OpenAIServer | undefined;

describe("images reach judges as OpenAI image_url parts (real local OpenAI-protocol server)", () => {
  it("pointwise: the prompt's image and the completion's image are sent, labelled where the text names them", async () => {
    server = await bed.start({ reply: vlmJudge });
    const { reward } = await bed.load({
      type: "judge",
      delimit: false,
      template: "Q: {prompt}\nA: {completion}\nIs the answer's image red?",
    });
    const sample = (colour: string) =>
      makeSample({
        prompt: [
          {
            role: "user",
            content: [
              { type: "text", text: "Draw this: " },
              { type: "image_url", image_url: { url: "https://example.org/red-square.png" } },
            ],
          },
        ],
        completion: [
          {
            role: "assistant",
            content: [{ type: "image_url", image_url: { url: dataUri(colour), detail: "low" } }],
          },
        ],
      });
    const results = await reward.score([sample(red), sample(blue)], testContext());
    expect(results.map((result) => result.score)).toEqual([8 / 9, 1 / 9]);
    const sent = server.requests.map((request) => imagesOf(request));
    for (const images of sent) {
      expect(images.map((image) => image.label)).toEqual(["[image 1]", "[image 2]"]);
      expect(images[0]?.url).toBe("https://example.org/red-square.png");
    }
    expect(sent.map((images) => pixelColour(images[1]?.url ?? "")).sort()).toEqual(["blue", "red"]);
    const body = server.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
    expect(body.messages.at(-1)?.content.at(-1)).toMatchObject({ image_url: { detail: "low" } });
    expect(lastUserMessage(server.requests[0])).toContain("Q: Draw this: [image 1]\\nA: [image 2]");
  });

  it("only images of placeholders the template uses are sent; a critic and k samples see them too", async () => {
    server = await bed.start({ reply: vlmJudge });
    const { reward } = await bed.load({
      type: "judge",
      delimit: false,
      template: "Rate this picture: {completion}",
      samples: 2,
      temperature: 1,
      critic: { template: "Critique {prompt} / {completion}" },
    });
    const [result] = await reward.score(
      [
        makeSample({
          prompt: [{ role: "user", content: [{ type: "image_url", image_url: { url: dataUri(blue) } }] }],
          completion: [
            { role: "assistant", content: [{ type: "image_url", image_url: { url: dataUri(red) } }] },
          ],
        }),
      ],
      testContext(),
    );
    expect(result?.score).toBeCloseTo(8 / 9);
    const judged = server.requests.filter((request) =>
      lastUserMessage(request).includes("Rate this picture"),
    );
    const critiques = server.requests.filter((request) => lastUserMessage(request).includes("Critique"));
    expect(judged).toHaveLength(2);
    expect(critiques).toHaveLength(2);
    for (const request of judged)
      expect(imagesOf(request).map((image) => pixelColour(image.url))).toEqual(["red"]);
    for (const request of critiques)
      expect(imagesOf(request).map((image) => pixelColour(image.url))).toEqual(["blue", "red"]);
  });

  it("pairwise and listwise judges get every response's image; the listener gets the question's", async () => {
    server = await bed.start({
      reply: () => ({
        content: "[[A]]",
        tokenLogprobs: [
          { token: "2", logprob: Math.log(0.8), top: { "1": Math.log(0.2), "2": Math.log(0.8) } },
        ],
      }),
    });
    const group = [red, blue].map((colour, index) =>
      makeSample({
        id: index,
        group: "g",
        prompt: [{ role: "user", content: [{ type: "image_url", image_url: { url: dataUri(red) } }] }],
        completion: [
          { role: "assistant", content: [{ type: "image_url", image_url: { url: dataUri(colour) } }] },
        ],
      }),
    );
    const pairwise = (await bed.load({ type: "pairwise_judge", both_orders: false })).reward;
    await pairwise.score(group, testContext());
    const pairRequest = server.requests.at(-1);
    expect(imagesOf(pairRequest).map((image) => image.label)).toEqual([
      "[image 1]",
      "[image 2]",
      "[image 3]",
    ]);
    expect(imagesOf(pairRequest).map((image) => pixelColour(image.url))).toEqual(["red", "red", "blue"]);

    server.reset();
    const listener = (await bed.load({ type: "listener", choices: ["1", "2"] })).reward;
    await listener.score(
      [
        makeSample({
          prompt: [
            {
              role: "user",
              content: [
                { type: "text", text: "Which image is red? " },
                { type: "image_url", image_url: { url: dataUri(blue) } },
                { type: "image_url", image_url: { url: dataUri(red) } },
              ],
            },
          ],
          completion: "<think>The second one.</think><answer>2</answer>",
          reference: "2",
        }),
      ],
      testContext(),
    );
    expect(imagesOf(server.requests[0]).map((image) => pixelColour(image.url))).toEqual(["blue", "red"]);
    expect(lastUserMessage(server.requests[0])).toContain("Which image is red? [image 1][image 2]");
  });

  it("listwise: the responses' images are numbered in the order shown", async () => {
    server = await bed.start({
      reply: (request) => {
        const colours = imagesOf(request).map((image) => pixelColour(image.url));
        return `\\boxed{${colours.map((colour) => (colour === "red" ? 9 : 2)).join(", ")}}`;
      },
    });
    const listwise = (await bed.load({ type: "listwise_judge", format: "grm" })).reward;
    const group = [red, blue, red].map((colour, index) =>
      makeSample({
        id: index,
        group: "g",
        prompt: "Which picture is red?",
        completion: [
          { role: "assistant", content: [{ type: "image_url", image_url: { url: dataUri(colour) } }] },
        ],
      }),
    );
    const results = await listwise.score(group, testContext());
    const images = imagesOf(server.requests[0]);
    expect(images).toHaveLength(3);
    const scores = results.map((result) => result.score);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[2]).toBeGreaterThan(scores[1] as number);
  });
});

describe("rewardkit score: images referenced by rows (CLI subprocess)", () => {
  let vlm: OpenAIServer;
  let folder: string;
  beforeAll(async () => {
    vlm = await startOpenAIServer({ reply: vlmJudge });
    folder = await mkdtemp(join(tmpdir(), "rewardkit-images-"));
    await mkdir(join(folder, "pictures"));
    await writeFile(join(folder, "pictures", "red.png"), Buffer.from(red, "base64"));
    await writeFile(join(folder, "pictures", "blue.png"), Buffer.from(blue, "base64"));
    await writeFile(join(folder, "pictures", "big.png"), Buffer.alloc(4000, 1));
    await writeFile(
      join(folder, "spec.json"),
      JSON.stringify({
        version: 1,
        reward: { type: "judge", url: vlm.url, model: "vlm", retry_backoff_ms: 5 },
      }),
    );
    const rows = [
      // a relative path, read relative to the rows file
      {
        id: "rel",
        prompt: "Draw red",
        completion: [
          { role: "assistant", content: [{ type: "image_url", image_url: { url: "pictures/red.png" } }] },
        ],
      },
      // a file:// URL
      {
        id: "url",
        prompt: "Draw red",
        completion: [
          {
            role: "assistant",
            content: [
              { type: "image_url", image_url: { url: `file://${join(folder, "pictures", "blue.png")}` } },
            ],
          },
        ],
      },
      // TRL/verl style: {"type": "image"} blocks filled from the row's images column
      {
        id: "column",
        prompt: "Draw it red",
        images: ["pictures/red.png"],
        completion: [{ role: "assistant", content: [{ type: "image" }] }],
      },
      // errors: a missing file, a file over the limit, an unknown type
      {
        id: "missing",
        prompt: "Draw red",
        completion: [
          { role: "assistant", content: [{ type: "image_url", image_url: { url: "pictures/none.png" } }] },
        ],
      },
      {
        id: "big",
        prompt: "Draw red",
        completion: [
          { role: "assistant", content: [{ type: "image_url", image_url: { url: "pictures/big.png" } }] },
        ],
      },
      {
        id: "audio",
        prompt: "Say hi",
        completion: [{ role: "assistant", content: [{ type: "input_audio", input_audio: {} }] }],
      },
    ];
    await writeFile(join(folder, "rows.jsonl"), rows.map((row) => JSON.stringify(row)).join("\n"));
  });
  afterAll(async () => vlm.close());

  it("local files go out as base64 data URIs; bad images are named by line and field, other rows scored", async () => {
    const run = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "rows.jsonl"),
      "--max-image-bytes",
      "1000",
      "--no-progress",
    ]);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout) as Array<{ id: string; reward: number }>;
    const rewards = Object.fromEntries(out.map((row) => [row.id, row.reward]));
    expect(rewards).toEqual({ rel: 8 / 9, url: 1 / 9, column: 8 / 9, audio: 0 });
    // A block that is neither text nor image fails its row's judge, named, without a request.
    const audio = out.find((row) => row.id === "audio") as unknown as { error: { message: string } };
    expect(audio.error.message).toContain('content[0] is a "input_audio" block');
    // The output keeps the row as it was (the path, not the base64).
    expect(JSON.stringify(out[0])).toContain("pictures/red.png");
    expect(run.stderr).toMatch(
      /rows\.jsonl:4: skipped: completion\[0\]\.content\[0\]: image file .*none\.png cannot be read/,
    );
    expect(run.stderr).toMatch(
      /rows\.jsonl:5: skipped: completion\[0\]\.content\[0\]: image file .*big\.png \(4000 bytes\) is larger than the limit of 1000 bytes/,
    );
    const sent = vlm.requests.map((request) => imagesOf(request)[0]?.url ?? "");
    expect(sent).toHaveLength(3);
    expect(new Set(sent)).toEqual(new Set([dataUri(red), dataUri(blue)]));
  });
});

describe("rewardkit's server: images by URL or data URI; local files refused", () => {
  it("scores image samples through a judge and names a local path as the sample's error", async () => {
    const vlm = await startOpenAIServer({ reply: vlmJudge });
    const server = await startServer({ version: 1, reward: { type: "judge", url: vlm.url, model: "vlm" } });
    try {
      const completion = (url: string) => [
        { role: "assistant", content: [{ type: "image_url", image_url: { url } }] },
      ];
      const reply = await post<{
        results: Array<{ reward: number; error?: { code: string; message: string; path?: string } }>;
      }>(`${server.url}/v1/score`, {
        samples: [
          { prompt: "Draw red", completion: completion(dataUri(red)) },
          { prompt: "Draw red", completion: completion("/etc/hostname.png") },
          { prompt: "Draw red", completion: completion("data:image/png;base64,!!") },
        ],
      });
      expect(reply.status).toBe(200);
      expect(reply.body.results[0]?.reward).toBeCloseTo(8 / 9);
      expect(reply.body.results[1]?.error).toMatchObject({
        code: "INPUT_INVALID",
        path: "samples[1].completion[0].content[0]",
      });
      expect(reply.body.results[1]?.error?.message).toContain("the server reads no files named by a request");
      expect(reply.body.results[2]?.error?.message).toContain("base64");
      expect(vlm.requests).toHaveLength(1);
    } finally {
      await server.close();
      await vlm.close();
    }
  });
});

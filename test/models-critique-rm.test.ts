import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import { trainCritiqueModel, writeModelFile } from "../src/models/index.js";
import {
  lastUserMessage,
  makeSample,
  type OpenAIServer,
  startOpenAIServer,
  testContext,
} from "../src/testing/index.js";
import { arithmeticCritique, arithmeticPairs, critiquedPairs } from "./helpers/arithmetic-critiques.js";

// MM-RLHF's critique-based RM (#36) through a spec: the critic is a real local OpenAI-compatible
// server (it checks the arithmetic of the response it is sent), the score head was trained on
// critiqued pairs, and held-back pairs with numbers never seen in training are ranked by the critique.
describe("critique_rm node against the local OpenAI test server", () => {
  let server: OpenAIServer;
  let folder: string;
  let modelPath: string;
  beforeAll(async () => {
    server = await startOpenAIServer({
      reply: (request) => arithmeticCritique(lastUserMessage(request).split("[Response]")[1] ?? ""),
    });
    folder = await mkdtemp(join(tmpdir(), "rewardkit-critique-"));
    modelPath = join(folder, "critique.rkrm");
    const model = trainCritiqueModel({
      pairs: critiquedPairs(arithmeticPairs({ count: 60, seed: 1, operands: [10, 50] })),
      epochs: 20,
      seed: 3,
    });
    await writeModelFile(modelPath, model.toFile());
  });
  afterAll(async () => {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  const spec = (fields: Record<string, unknown> = {}) =>
    loadSpec({
      version: 1,
      reward: {
        type: "critique_rm",
        path: modelPath,
        critic: { url: server.url, model: "critic" },
        ...fields,
      },
    });

  it("asks the critic once per response and ranks the held-back pairs by what it wrote", async () => {
    server.reset();
    const pairs = arithmeticPairs({ count: 12, seed: 9, operands: [50, 100] });
    const samples = pairs.flatMap((pair) => [
      makeSample({ prompt: pair.prompt, completion: pair.right }),
      makeSample({ prompt: pair.prompt, completion: pair.wrong }),
    ]);
    const { reward } = await spec();
    const results = await reward.score(samples, testContext());
    expect(server.requests).toHaveLength(samples.length);
    expect(lastUserMessage(server.requests[0])).toContain(pairs[0]?.right);
    expect(server.requests[0]?.body?.model).toBe("critic");
    const right = pairs.filter(
      (_, index) => (results[2 * index]?.score as number) > (results[2 * index + 1]?.score as number),
    );
    expect(right.length).toBe(pairs.length);
    expect(results[0]?.reason).toBe(arithmeticCritique(pairs[0]?.right as string));
  });

  it("uses a critique the row brings without asking; a row with neither is a row error", async () => {
    server.reset();
    const { reward } = await spec();
    const [given] = await reward.score(
      [
        makeSample({
          prompt: "What is 2 + 2?",
          completion: "2 + 2 = 4.",
          meta: { critique: "The sum is wrong." },
        }),
      ],
      testContext(),
    );
    expect(server.requests).toHaveLength(0);
    expect(given?.reason).toBe("The sum is wrong.");
    const { reward: noCritic } = await loadSpec({
      version: 1,
      reward: { type: "critique_rm", path: modelPath },
    });
    const [missing] = await noCritic.score([makeSample({ prompt: "q", completion: "a" })], testContext());
    expect(missing?.error?.message).toMatch(
      /no critique: the row has no meta\.critique and the node has no critic/,
    );
  });

  it("a missing model file is a spec error naming the path", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "critique_rm", path: join(folder, "missing.rkrm") } }),
    ).rejects.toThrow(/missing\.rkrm/);
  });
});

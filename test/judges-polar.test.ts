import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import { polarInput } from "../src/judges/index.js";
import { makeSample, testContext } from "../src/testing/index.js";

/**
 * A real local server speaking the three protocols POLAR's client uses. Its "model" scores a text
 * by how many words the candidate half shares with the reference half (identical → highest), so
 * the tests check the encoding end to end.
 */
interface PolarTestServer {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

function fakeReward(text: string): number {
  const [reference = "", candidate = ""] = text.replace("[UNUSED_TOKEN_130]", "").split("<|reward|>");
  const referenceWords = new Set(reference.split(/\s+/));
  const words = candidate.split(/\s+/);
  return words.filter((word) => referenceWords.has(word)).length - 0.5 * words.length;
}

async function startPolarServer(
  options: { failFirst?: number; shape?: "wrong"; pooling?: "vllm" | "lmdeploy" } = {},
): Promise<PolarTestServer> {
  const bodies: unknown[] = [];
  let failures = options.failFirst ?? 0;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const parsed = JSON.parse(body) as { text?: string[]; input?: string[] };
      bodies.push({ path: request.url, ...parsed });
      if (failures > 0) {
        failures--;
        response.writeHead(503, { "content-type": "application/json" }).end('{"error":"warming up"}');
        return;
      }
      const texts = parsed.text ?? parsed.input ?? [];
      const rewards = texts.map(fakeReward);
      let reply: unknown;
      if (options.shape === "wrong") reply = { rewards };
      else if (request.url === "/classify")
        reply = rewards.map((value) => ({ embedding: [value], index: 0 }));
      else if (request.url === "/pooling" && options.pooling === "lmdeploy")
        reply = { data: rewards.map((value) => ({ data: value })) };
      else reply = { data: rewards.map((value) => ({ data: [[0.1], [0.2], [value]] })) };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function polarSpec(fields: Record<string, unknown>) {
  const loaded = await loadSpec({ version: 1, reward: { type: "polar", ...fields } });
  closers.push(loaded.close);
  return loaded.reward;
}

const prompt = "How many r's are in strawberry?";
const reference = "There are 3 r's in strawberry.";
const outputs = [
  reference,
  "There are three r's in the word strawberry.",
  "There are 2 r's in strawberry.",
  "No idea.",
];

describe("polar node (a served POLAR reward model) over a real socket", () => {
  it("encodes (prompt, reference) <|reward|> (prompt, output) as POLAR's client and ranks the reference-identical output first", async () => {
    const server = await startPolarServer();
    closers.push(server.close);
    const reward = await polarSpec({ url: server.url, server: "sglang", model: "POLAR-1_8B" });
    const results = await reward.score(
      outputs.map((completion) => makeSample({ prompt, completion, reference })),
      testContext(),
    );
    const scores = results.map((result) => result.score);
    expect(scores[0]).toBe(Math.max(...scores));
    expect(scores[3]).toBe(Math.min(...scores));
    expect(server.bodies[0]).toEqual({
      path: "/classify",
      model: "POLAR-1_8B",
      text: outputs.map((output) => polarInput({ prompt, reference, output })),
    });
    expect(polarInput({ prompt: "Q", reference: "A", output: "B" })).toBe(
      "Q\nA<|reward|>Q\nB[UNUSED_TOKEN_130]",
    );
    expect(
      polarInput({
        prompt: [{ role: "user", content: "Q" }],
        reference: "A",
        output: "B",
        wrapper: "pretrain",
      }),
    ).toBe("QA<|reward|>QB[UNUSED_TOKEN_130]");
  });

  it("speaks vLLM's and LMDeploy's /pooling, batches by batch_size, and takes message-list references", async () => {
    const server = await startPolarServer();
    closers.push(server.close);
    const vllm = await polarSpec({ url: server.url, server: "vllm", batch_size: 2, concurrency: 1 });
    const samples = outputs.map((completion) =>
      makeSample({ prompt, completion, reference: [{ role: "assistant", content: reference }] }),
    );
    const scored = await vllm.score(samples, testContext());
    expect(server.bodies).toHaveLength(2);
    expect(server.bodies[0]).toMatchObject({
      path: "/pooling",
      input: [expect.stringContaining("<|reward|>"), expect.any(String)],
    });
    expect(scored[0]?.score).toBe(fakeReward(polarInput({ prompt, reference, output: reference })));
    const lmdeployServer = await startPolarServer({ pooling: "lmdeploy" });
    closers.push(lmdeployServer.close);
    const lmdeploy = await polarSpec({ url: lmdeployServer.url, server: "lmdeploy" });
    const again = await lmdeploy.score(samples, testContext());
    expect(again.map((result) => result.score)).toEqual(scored.map((result) => result.score));
  });

  it("reports rows without a reference as NOT_APPLICABLE and still scores the others", async () => {
    const server = await startPolarServer();
    closers.push(server.close);
    const reward = await polarSpec({ url: server.url });
    const [missing, present] = await reward.score(
      [
        makeSample({ prompt, completion: "x" }),
        makeSample({ prompt, completion: "y", meta: { reference_completion: reference } }),
      ],
      testContext(),
    );
    expect(missing?.error?.code).toBe("NOT_APPLICABLE");
    expect(present?.error).toBeUndefined();
  });

  it("retries a 503 (the node's retries) and names a reply of the wrong shape", async () => {
    const flaky = await startPolarServer({ failFirst: 1 });
    closers.push(flaky.close);
    const retried = await polarSpec({ url: flaky.url, retries: 2 });
    const [ok] = await retried.score(
      [makeSample({ prompt, completion: reference, reference })],
      testContext(),
    );
    expect(ok?.error).toBeUndefined();
    expect(flaky.bodies).toHaveLength(2);
    const wrong = await startPolarServer({ shape: "wrong" });
    closers.push(wrong.close);
    const broken = await polarSpec({ url: wrong.url });
    const [failed] = await broken.score(
      [makeSample({ prompt, completion: reference, reference })],
      testContext(),
    );
    expect(failed?.error?.code).toBe("UPSTREAM_ERROR");
    expect(failed?.error?.message).toContain("expected a list");
  });
});

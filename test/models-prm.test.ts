import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, loadSpec, type Sample } from "../src/index.js";
import { arithmeticJudge, type PrmServer, startPrmServer } from "./helpers/prm-server.js";

const stepTag = " ки\n";
let server: PrmServer;

beforeAll(async () => {
  server = await startPrmServer({ stepTag, judge: arithmeticJudge });
});
afterAll(() => server.close());

// Step 2 is wrong (3 × 4 is not 11), so a PRM should score it low.
const wrong: Sample = {
  prompt: "Tom has 3 boxes of 4 apples and eats 2. How many are left?",
  completion: "There are 3 × 4 = 12 apples.\n\nHe eats two: 12 - 2 = 11.\n\nThe answer is 11.",
  reference: "10",
};
const right: Sample = {
  prompt: "Tom has 3 boxes of 4 apples and eats 2. How many are left?",
  completion: "There are 3 × 4 = 12 apples.\n\nHe eats two: 12 - 2 = 10.\n\nThe answer is 10.",
  reference: "10",
};

async function scoreWith(prm: Record<string, unknown>, aggregate = "min", samples = [wrong, right]) {
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "process", aggregate, reward: { type: "prm", ...prm } },
  });
  try {
    return await loaded.reward.score(samples, createContext());
  } finally {
    await loaded.close();
  }
}

describe("process + prm over a real local PRM server", () => {
  it("OpenRLHF /get_reward: one query per solution, step tags after every step, per-step rewards back", async () => {
    const before = server.requests.length;
    const [bad, good] = await scoreWith({ url: `${server.url}/get_reward`, step_tag: stepTag }, "min");
    expect(bad?.stepRewards).toEqual([0.9, 0.1, 0.9]);
    expect(good?.stepRewards).toEqual([0.9, 0.9, 0.9]);
    expect(bad?.score).toBeCloseTo(0.1, 12);
    expect(good?.score).toBeCloseTo(0.9, 12);
    // Six step samples, two solutions: one request carrying two queries.
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.query).toEqual([
      `${wrong.prompt}\n\nThere are 3 × 4 = 12 apples.${stepTag}He eats two: 12 - 2 = 11.${stepTag}The answer is 11.${stepTag}`,
      `${right.prompt}\n\nThere are 3 × 4 = 12 apples.${stepTag}He eats two: 12 - 2 = 10.${stepTag}The answer is 10.${stepTag}`,
    ]);
    expect(sent[0]?.body.labels).toEqual(["10", "10"]);
  });

  it("aggregates as the papers do: product (Lightman et al.) 0.9·0.1·0.9 = 0.081, last, mean", async () => {
    const url = `${server.url}/get_reward`;
    expect((await scoreWith({ url, step_tag: stepTag }, "product"))[0]?.score).toBeCloseTo(0.081, 12);
    expect((await scoreWith({ url, step_tag: stepTag }, "last"))[0]?.score).toBeCloseTo(0.9, 12);
    expect((await scoreWith({ url, step_tag: stepTag }, "mean"))[0]?.score).toBeCloseTo(1.9 / 3, 12);
  });

  it("vLLM /pooling (step pooler rows) and /classify (one prefix per step) give the same step rewards", async () => {
    const pooled = await scoreWith({
      url: `${server.url}/pooling`,
      protocol: "vllm_pooling",
      model: "prm",
      step_tag: stepTag,
    });
    expect(pooled[0]?.stepRewards?.map((value) => Number(value.toFixed(12)))).toEqual([0.9, 0.1, 0.9]);
    const before = server.requests.length;
    const classified = await scoreWith({
      url: `${server.url}/classify`,
      protocol: "classify",
      model: "prm",
      step_tag: stepTag,
    });
    expect(classified[0]?.stepRewards?.map((value) => Number(value.toFixed(12)))).toEqual([0.9, 0.1, 0.9]);
    expect(classified[1]?.stepRewards?.map((value) => Number(value.toFixed(12)))).toEqual([0.9, 0.9, 0.9]);
    const sent = server.requests.slice(before);
    expect(sent[0]?.body.model).toBe("prm");
    expect(sent[0]?.body.input).toHaveLength(6);
  });

  it("retries a 503 when the node has retries; a reply with a step missing is an UPSTREAM_ERROR", async () => {
    const [retried] = await scoreWith({
      url: `${server.url}/fail-once/get_reward`,
      step_tag: stepTag,
      retries: 1,
    });
    expect(retried?.error).toBeUndefined();
    expect(retried?.stepRewards).toEqual([0.9, 0.1, 0.9]);
    const [short] = await scoreWith({ url: `${server.url}/short/get_reward`, step_tag: stepTag });
    expect(short?.childErrors?.[0]?.code).toBe("UPSTREAM_ERROR");
    expect(short?.childErrors?.[0]?.message).toMatch(/expected 3 step scores/);
  });

  it("refuses to score a whole completion outside a process node", async () => {
    const loaded = await loadSpec({ version: 1, reward: { type: "prm", url: `${server.url}/get_reward` } });
    const [result] = await loaded.reward.score([right], createContext());
    expect(result?.error?.code).toBe("NOT_APPLICABLE");
  });
});

import { describe, expect, it } from "vitest";
import { seededIndex } from "../src/judges/index.js";
import {
  lastUserMessage,
  makeSample,
  type OpenAIServer,
  type RecordedRequest,
  testContext,
} from "../src/testing/index.js";
import { judgeTestbed } from "./helpers/judge-testbed.js";

const bed = judgeTestbed({ type: "pairwise_judge", model: "judge" });
let server: OpenAIServer | undefined;

const pairwiseSpec = async (fields: Record<string, unknown>) => (await bed.load(fields)).reward;

/** The hidden quality `q=N` of responses A and B in a pairwise request. */
function qualities(request: RecordedRequest): { a: number; b: number; aText: string } {
  const text = lastUserMessage(request);
  // Each response sits between <<<RESPONSE id>>> markers (issue 15 §3): the line after the marker.
  const a = /\[Response A\]\n(?:<<<RESPONSE [0-9a-f]{16}>>>\n)?([^\n]*)/.exec(text)?.[1] ?? "";
  const b = /\[Response B\]\n(?:<<<RESPONSE [0-9a-f]{16}>>>\n)?([^\n]*)/.exec(text)?.[1] ?? "";
  const quality = (response: string) => Number(/q=(-?\d+)/.exec(response)?.[1] ?? Number.NaN);
  return { a: quality(a), b: quality(b), aText: a };
}

const group = (qualitiesInGroup: number[], name = "g") =>
  qualitiesInGroup.map((quality, index) =>
    makeSample({
      id: `${name}-${index}`,
      prompt: "Write a haiku.",
      completion: `draft ${index} q=${quality}`,
      group: name,
    }),
  );

describe("pairwise_judge against a real local OpenAI-protocol server", () => {
  it("round robin: both orders for every pair, win rates in the group", async () => {
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        return `Comparing... ${a > b ? "[[A]]" : a < b ? "[[B]]" : "[[C]]"}`;
      },
    });
    const reward = await pairwiseSpec({});
    const results = await reward.score(group([3, 9, 5, 5]), testContext());
    // 4 responses → 6 pairs → 12 requests.
    expect(server.requests).toHaveLength(12);
    expect(results.map((result) => result.score)).toEqual([0, 1, 0.5, 0.5]);
    expect(results[1]?.reason).toContain("win rate 1.000 over 3 of 3 comparisons");
  });

  it("both orders cancel a judge that always prefers the first response", async () => {
    server = await bed.start({ reply: () => "[[A]]" });
    const reward = await pairwiseSpec({});
    const results = await reward.score(group([1, 9, 5]), testContext());
    expect(results.map((result) => result.score)).toEqual([0.5, 0.5, 0.5]);
    expect(results[0]?.reason).toContain("the two orders disagreed on 2 pairs (position bias)");
    // Asked in one order only, the bias decides the ranking.
    const oneOrder = await pairwiseSpec({ both_orders: false, name: "one_order", cache: false });
    const biased = await oneOrder.score(group([1, 9, 5]), testContext());
    expect(biased.map((result) => result.score)).toEqual([1, 0.5, 0]);
  });

  it("Think-RM strength verdicts: the authors' normalised advantage and the reconstructed mean", async () => {
    // Qualities [2, 0, 1] make P = [[0,2,1],[-2,0,-1],[-1,1,0]] (rm-rl.md §8.1).
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        return `<think>weighing</think><answer>${b - a}</answer>`;
      },
    });
    const thinkRm = await pairwiseSpec({ verdict: "strength", output: "think_rm" });
    const advantages = (await thinkRm.score(group([2, 0, 1]), testContext())).map((result) => result.score);
    const denominator = Math.sqrt(1 + 1e-6);
    expect(advantages[0]).toBeCloseTo(1 / denominator, 9);
    expect(advantages[1]).toBeCloseTo(-1 / denominator, 9);
    expect(advantages[2]).toBeCloseTo(0, 9);
    const mean = await pairwiseSpec({ verdict: "strength", output: "mean_preference", name: "mean" });
    const means = (await mean.score(group([2, 0, 1]), testContext())).map((result) => result.score);
    expect(means[0]).toBeCloseTo(1.5);
    expect(means[1]).toBeCloseTo(-1.5);
    expect(means[2]).toBeCloseTo(0);
  });

  it("BRPO: each response against a bootstrapped reference from its group; the reference gets 0", async () => {
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        return `A is ${a}/10, B is ${b}/10. [[${a}, ${b}]]`;
      },
    });
    const reward = await pairwiseSpec({ method: "bootstrap", verdict: "scores" });
    const context = testContext({ runId: "run-7", step: 3 });
    const quality = [8, 5, 7, 6];
    const results = await reward.score(group(quality, "prompt-1"), context);
    const referenceIndex = seededIndex("run-7|3|prompt-1", 4);
    const expected = quality.map((value, index) =>
      index === referenceIndex ? 0 : Math.sign(value - (quality[referenceIndex] as number)),
    );
    expect(results.map((result) => result.score)).toEqual(expected);
    expect(results[referenceIndex]?.reason).toContain("bootstrapped reference");
    // 3 non-reference responses × 2 orders.
    expect(server.requests).toHaveLength(6);
  });

  it("Pairwise-RL: the probability of beating the row's reference, from A/B log-probabilities in both orders", async () => {
    server = await bed.start({
      reply: (request) => {
        const { aText } = qualities(request);
        // P(A) = 0.8 when the response is shown first, 0.3 when the anchor is (rm-rl.md §8.2).
        const pFirst = aText.startsWith("draft") ? 0.8 : 0.3;
        return {
          content: "A",
          tokenLogprobs: [
            { token: "A", logprob: Math.log(pFirst), top: { A: Math.log(pFirst), B: Math.log(1 - pFirst) } },
          ],
        };
      },
    });
    const reward = await pairwiseSpec({ method: "anchor", verdict: "logprob" });
    const [result] = await reward.score(
      [makeSample({ prompt: "Explain tides.", completion: "draft q=1", reference: "The moon's gravity..." })],
      testContext(),
    );
    expect(result?.score).toBeCloseTo(0.75);
    const body = server.requests[0]?.body;
    expect(body).toMatchObject({ logprobs: true, top_logprobs: 20, max_tokens: 1 });
  });

  it("rows without a group, singleton groups and rows without an anchor are NOT_APPLICABLE", async () => {
    server = await bed.start({ reply: () => "[[A]]" });
    const reward = await pairwiseSpec({});
    const results = await reward.score(
      [makeSample({ completion: "lonely" }), makeSample({ completion: "alone", group: "solo" })],
      testContext(),
    );
    expect(results.map((result) => result.error?.code)).toEqual(["NOT_APPLICABLE", "NOT_APPLICABLE"]);
    expect(results[0]?.error?.message).toContain("no `group`");
    const anchored = await pairwiseSpec({ method: "anchor", name: "anchored" });
    const [noAnchor] = await anchored.score([makeSample({ completion: "x" })], testContext());
    expect(noAnchor?.error?.code).toBe("NOT_APPLICABLE");
    expect(server.requests).toHaveLength(0);
  });

  it("unreadable verdicts are left out; a response with none left gets an error", async () => {
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        if (a === 0 || b === 0) return "I cannot decide.";
        return a > b ? "[[A]]" : "[[B]]";
      },
    });
    const reward = await pairwiseSpec({});
    const results = await reward.score(group([0, 4, 6]), testContext());
    expect(results[0]?.error?.code).toBe("PARSE_FAILED");
    expect(results[1]?.score).toBe(0);
    expect(results[1]?.reason).toContain("over 1 of 2 comparisons");
    expect(results[2]?.score).toBe(1);
  });

  it("scores several groups of one batch separately", async () => {
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        return a > b ? "[[A]]" : "[[B]]";
      },
    });
    const reward = await pairwiseSpec({});
    const results = await reward.score([...group([1, 2], "x"), ...group([9, 3], "y")], testContext());
    expect(results.map((result) => result.score)).toEqual([0, 1, 1, 0]);
  });

  it("Voting@n (Writing-Zero): n sampled judgments per order, aggregated by mean or majority", async () => {
    // A judge that errs on every third sample (by its seed): one vote per order can be wrong,
    // three votes per order outvote the error.
    server = await bed.start({
      reply: (request) => {
        const { a, b } = qualities(request);
        const wrong = Number(request.body?.seed) % 3 === 0;
        return a > b !== wrong ? "[[A]]" : "[[B]]";
      },
    });
    const single = await pairwiseSpec({ seed: 0, name: "single", cache: false });
    const [worse, better] = await single.score(group([2, 8]), testContext());
    expect(server.requests).toHaveLength(2);
    // Both single judgments have seed 0, so both err: the worse response wins.
    expect(worse?.score).toBe(1);
    expect(better?.score).toBe(0);
    const voted = await pairwiseSpec({ seed: 0, votes: 3, vote: "majority", name: "voted", cache: false });
    const again = await voted.score(group([2, 8]), testContext());
    // One pair, both orders, three votes each.
    expect(server.requests).toHaveLength(2 + 6);
    expect(new Set(server.requests.slice(2).map((request) => request.body?.seed))).toEqual(
      new Set([0, 1, 2]),
    );
    expect(again.map((result) => result.score)).toEqual([0, 1]);
    const averaged = await pairwiseSpec({ seed: 0, votes: 3, name: "mean", cache: false });
    const mean = await averaged.score(group([2, 8]), testContext());
    // Mean of (+1, −1, −1) for the worse response: −1/3 → win rate (1 − 1/3)/2.
    expect(mean[0]?.score).toBeCloseTo(1 / 3, 12);
  });
});

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { mulberry32 } from "../src/core/index.js";
import { RedisStateStore } from "../src/serve/index.js";
import { lastUserMessage, type OpenAIServer, startOpenAIServer } from "../src/testing/index.js";
import { metaNumber } from "./helpers/compose.js";
import { hasRedis, startRedis } from "./helpers/redis.js";
import { post, type ServerProcess, spawnServer } from "./helpers/serve.js";

/**
 * Every stateful node the server keeps per run, in one spec: running normalization and min/max
 * (shape), Lagrange multipliers (constrained), BARFI's learnt weights (blend), per-member running
 * statistics (ensemble), Router-R1's cost window (cost) and an MPO rubric rewritten by a meta judge
 * every 2 steps (mpo_judge).
 */
function spec(judgeUrl: string) {
  return {
    version: 1,
    reward: {
      type: "weighted",
      terms: [
        {
          weight: 1,
          reward: { type: "shape", name: "normalized", method: "normalize", reward: metaNumber("a") },
        },
        { weight: 1, reward: { type: "shape", name: "range", method: "minmax", reward: metaNumber("b") } },
        {
          weight: 1,
          reward: {
            type: "constrained",
            name: "lagrange",
            learning_rate: 0.5,
            constraints: [
              { threshold: 0.4, reward: metaNumber("a", { name: "first" }) },
              { threshold: 0.6, reward: metaNumber("b", { name: "second" }) },
            ],
          },
        },
        {
          weight: 1,
          reward: {
            type: "blend",
            name: "barfi",
            primary: metaNumber("a"),
            auxiliary: [{ weight: 0.5, reward: metaNumber("b") }],
          },
        },
        {
          weight: 1,
          reward: {
            type: "ensemble",
            name: "members",
            aggregate: "uwo",
            normalize: "running",
            members: [metaNumber("a"), metaNumber("b")],
          },
        },
        { weight: 1, reward: { type: "cost", name: "price", window: 8 } },
        {
          weight: 1,
          reward: {
            type: "mpo_judge",
            name: "rubric",
            url: judgeUrl,
            model: "judge-model",
            retry_backoff_ms: 5,
            rubric: "<rubric><item>Longer answers are better.</item></rubric>",
            meta: { model: "meta-model", every: 2, samples: 2 },
          },
        },
      ],
    },
  };
}

/** A judge that rewards padding until its rubric says not to, and a meta judge that says so. */
function judgeReply(request: Parameters<typeof lastUserMessage>[0]): string {
  const user = lastUserMessage(request);
  if (request?.body?.model === "meta-model") {
    if (user.includes("Merge them into one rubric"))
      return "<rubric><item>Penalize padding.</item><item>Reward a correct answer.</item></rubric>";
    if (user.includes("Now write an improved rubric")) return "<item>Penalize padding.</item>";
    return "Padded answers score high: the rubric rewards length.";
  }
  const padded = user.includes("very very");
  return `Score: ${padded && !user.includes("Penalize padding") ? 9 : padded ? 2 : 6}`;
}

/** The same request sequence for every deployment: 10 steps of 4 samples, seeded. */
function requests(run: string): Record<string, unknown>[] {
  const random = mulberry32(23);
  return Array.from({ length: 10 }, (_, step) => ({
    run,
    step,
    samples: Array.from({ length: 4 }, (_, index) => ({
      prompt: `question ${step}-${index}`,
      completion: random() < 0.5 ? "four" : "it is very very very clearly four",
      meta: { a: random(), b: random(), cost: 0.1 + random() },
    })),
  }));
}

/** What a reply says about the samples (results with their components and reasons), without timings. */
async function send(server: ServerProcess, body: Record<string, unknown>): Promise<unknown> {
  const reply = await post<{ results: unknown[] }>(`${server.url}/v1/score`, body);
  expect(reply.status).toBe(200);
  return reply.body.results;
}

describe.skipIf(!hasRedis)("several rewardkit serve instances sharing per-run state in Redis", () => {
  let judge: OpenAIServer;
  let folder: string;
  let shared: Awaited<ReturnType<typeof startRedis>>;
  let alone: Awaited<ReturnType<typeof startRedis>>;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    judge = await startOpenAIServer({ reply: judgeReply });
    folder = await mkdtemp(join(tmpdir(), "rewardkit-multi-"));
    await writeFile(join(folder, "spec.yaml"), stringify(spec(judge.url)));
    [shared, alone] = await Promise.all([startRedis(), startRedis()]);
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill("SIGTERM");
    await Promise.all(servers.map((server) => server.exited));
    await Promise.all([shared?.stop(), alone?.stop(), judge?.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  it("three instances behind a round-robin client give what one instance gives, reply by reply and in state", async () => {
    const start = (state?: string) =>
      spawnServer(["--spec", join(folder, "spec.yaml"), "--port", "0", ...(state ? ["--state", state] : [])]);
    const three = await Promise.all([start(shared.url), start(shared.url), start(shared.url)]);
    const [oneWithRedis, oneInMemory] = await Promise.all([start(alone.url), start()]);
    servers.push(...three, oneWithRedis as ServerProcess, oneInMemory as ServerProcess);

    const spread: unknown[] = [];
    for (const [index, body] of requests("multi").entries())
      spread.push(await send(three[index % 3] as ServerProcess, body));
    const single: unknown[] = [];
    for (const body of requests("multi")) single.push(await send(oneWithRedis as ServerProcess, body));
    const memory: unknown[] = [];
    for (const body of requests("multi")) memory.push(await send(oneInMemory as ServerProcess, body));

    expect(spread).toEqual(single);
    expect(spread).toEqual(memory);
    // The state itself, key by key: running moments, min/max, multipliers, blend weights, cost window, rubric versions.
    const [sharedStore, aloneStore] = await Promise.all([
      RedisStateStore.connect(shared.url),
      RedisStateStore.connect(alone.url),
    ]);
    try {
      const [sharedState, aloneState] = await Promise.all([
        sharedStore.snapshot("multi"),
        aloneStore.snapshot("multi"),
      ]);
      const withoutUsage = (state: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(state).filter(([key]) => !key.endsWith(":usage")));
      expect(withoutUsage(sharedState)).toEqual(withoutUsage(aloneState));
      const keys = Object.keys(sharedState).join(" ");
      for (const expected of ["moments", "lagrange", "mpo", "usage"]) expect(keys).toContain(expected);
      // The judge's usage totals count real API calls: each instance has its own in-memory reply
      // cache, so three instances call the API where one would hit its cache. The judgments asked
      // (calls + cache hits) are the same; requests and tokens are what each deployment really spent.
      for (const key of Object.keys(sharedState).filter((name) => name.endsWith(":usage"))) {
        const asked = (usage: unknown) => {
          const totals = usage as { requests: number; cacheHits: number };
          return totals.requests + totals.cacheHits;
        };
        expect(asked(sharedState[key])).toBe(asked(aloneState[key]));
      }
    } finally {
      await Promise.all([sharedStore.close(), aloneStore.close()]);
    }
    // The state did change the rewards: the rubric was rewritten (v0 → later versions in the reasons).
    const reasons = JSON.stringify(spread);
    expect(reasons).toContain("[rubric v0]");
    expect(reasons).toMatch(/\[rubric v[1-9]/);
  }, 120_000);
});

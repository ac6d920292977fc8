import { afterEach, describe, expect, it } from "vitest";
import { createContext, OpenAIClient } from "../src/core/index.js";
import { loadSpec } from "../src/engine/index.js";
import {
  bstarRound,
  dnoIteration,
  dpaRejectionSampling,
  fkSteer,
  OpenAIGenerator,
  type PromptRow,
  raftRound,
  vasDecode,
} from "../src/select/index.js";
import {
  lastUserMessage,
  messagesOf,
  type OpenAIServer,
  startOpenAIServer,
  toyLanguageModel,
} from "../src/testing/index.js";

// The select room's loops against the project's own OpenAI-compatible server, serving a toy language
// model that samples real token-by-token text: words "good ", "bad ", "fine ", a rare "rare ", and an
// end token. Every number below comes from generations over HTTP.
const end = "<|endoftext|>";
const words = { "good ": 0.3, "bad ": 0.3, "fine ": 0.3, "rare ": 0.02, [end]: 0.08 };
const servers: OpenAIServer[] = [];
const clients: OpenAIClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function toyServer(next: (text: string) => Record<string, number> = () => words) {
  const server = await startOpenAIServer({ reply: toyLanguageModel({ next, endToken: end }) });
  servers.push(server);
  return server;
}

function generatorFor(server: OpenAIServer, endpoint: "chat" | "completions") {
  const client = new OpenAIClient({
    baseUrl: server.url,
    model: "toy",
    concurrency: 8,
    retries: 1,
    retryBaseMs: 5,
    requestTimeoutMs: 10_000,
  });
  clients.push(client);
  return new OpenAIGenerator({ client, endpoint });
}

const count = (word: string) =>
  loadSpec({ version: 1, reward: { type: "regex", name: word, pattern: word, mode: "count" } });
const prompts: PromptRow[] = Array.from({ length: 6 }, (_, index) => ({
  id: `p${index}`,
  prompt: `Prompt ${index}: `,
}));
const occurrences = (text: string, word: string) => text.split(word).length - 1;

describe("RAFT rounds through a server", () => {
  it("asks for k samples a prompt in one request (n, seed), keeps each prompt's best, and reports reward and diversity", async () => {
    const server = await toyServer();
    const spec = await count("good");
    const options = {
      generator: generatorFor(server, "chat"),
      reward: spec.reward,
      context: createContext(),
      prompts,
      k: 6,
      keep: 1,
      selection: "local" as const,
      settings: { temperature: 1, maxTokens: 30 },
      seed: 5,
      round: 1,
    };
    const round = await raftRound(options);
    expect(server.requests).toHaveLength(6);
    for (const request of server.requests) {
      expect(request.body?.n).toBe(6);
      expect(typeof request.body?.seed).toBe("number");
    }
    expect(round.samples).toHaveLength(36);
    expect(round.selected).toHaveLength(6);
    for (const chosen of round.selected) {
      const group = round.samples.filter((row) => row.group === chosen.group);
      expect(chosen.reward).toBe(Math.max(...group.map((row) => row.reward)));
      expect(chosen.reward).toBe(occurrences(chosen.completion, "good "));
    }
    const mean = round.samples.reduce((sum, row) => sum + row.reward, 0) / 36;
    expect(round.stats.reward_mean).toBeCloseTo(mean, 12);
    expect(round.stats.selected_reward_mean).toBeGreaterThan(round.stats.reward_mean);
    expect(round.stats.distinct_2).toBeGreaterThan(0);
    expect(round.stats.distinct_2).toBeLessThanOrEqual(1);
    // Seeds make a round repeatable; another round samples anew.
    const again = await raftRound({ ...options, context: createContext() });
    expect(again.samples.map((row) => row.completion)).toEqual(round.samples.map((row) => row.completion));
    const next = await raftRound({ ...options, round: 2 });
    expect(next.samples.map((row) => row.completion)).not.toEqual(round.samples.map((row) => row.completion));
  });

  it("a prompt whose requests keep failing is reported; the others are still selected", async () => {
    const model = toyLanguageModel({ next: () => words, endToken: end });
    const server = await startOpenAIServer({
      reply: (request) =>
        lastUserMessage(request).startsWith("Prompt 3") ? { status: 500 } : model(request),
    });
    servers.push(server);
    const spec = await count("good");
    const round = await raftRound({
      generator: generatorFor(server, "chat"),
      reward: spec.reward,
      context: createContext(),
      prompts,
      k: 3,
      keep: 1,
      selection: "local",
      settings: { maxTokens: 20 },
      seed: 1,
      round: 1,
    });
    expect(round.failures).toEqual([
      { prompt: "p3", code: "UPSTREAM_ERROR", message: expect.stringContaining("answered 500") },
    ]);
    expect(round.selected.map((row) => row.group)).toEqual(["p0", "p1", "p2", "p4", "p5"]);
    expect(round.stats.generation_failures).toBe(1);
  });
});

describe("DNO pairs through a server", () => {
  it("pairs best against worst above the margin, with the teacher's answer as a candidate", async () => {
    const server = await toyServer();
    const spec = await count("good");
    const result = await dnoIteration({
      generator: generatorFor(server, "chat"),
      reward: spec.reward,
      context: createContext(),
      // The teacher's answer has 12 "good"; a student's 10 tokens cannot beat it.
      prompts: prompts.map((prompt) => ({ ...prompt, teacher: "good ".repeat(12) })),
      k: 4,
      pairing: "best_worst",
      minMargin: 2,
      preference: "reward",
      beatTeacher: true,
      settings: { maxTokens: 10 },
      seed: 3,
      round: 1,
    });
    expect(result.samples).toHaveLength(30);
    expect(result.pairs.length).toBeGreaterThan(0);
    for (const pair of result.pairs) {
      expect(pair.margin).toBeGreaterThanOrEqual(2);
      expect(pair.chosen_reward).toBe(12);
      expect(pair.margin).toBe(pair.chosen_reward - pair.rejected_reward);
      expect(Object.keys(pair).slice(0, 5)).toEqual(["prompt", "chosen", "rejected", "margin", "group"]);
    }
    expect(result.stats.teacher_chosen).toBe(result.pairs.length);
  });

  it("a round-robin pairwise_judge on another server is the preference oracle (win rates)", async () => {
    const policy = await toyServer();
    const judge = await startOpenAIServer({
      reply: (request) => {
        const text = lastUserMessage(request);
        // Each response sits between the judge's <<<RESPONSE id>>> delimiters (docs/robustness.md).
        const a = /\[Response A\]\n<<<RESPONSE \w+>>>\n([^\n]*)/.exec(text)?.[1] ?? "";
        const b = /\[Response B\]\n<<<RESPONSE \w+>>>\n([^\n]*)/.exec(text)?.[1] ?? "";
        const goodA = occurrences(a, "good");
        const goodB = occurrences(b, "good");
        return goodA > goodB ? "[[A]]" : goodA < goodB ? "[[B]]" : "[[C]]";
      },
    });
    servers.push(judge);
    const oracle = await loadSpec({
      version: 1,
      reward: { type: "pairwise_judge", name: "judge", url: judge.url, model: "judge", retries: 0 },
    });
    const result = await dnoIteration({
      generator: generatorFor(policy, "chat"),
      reward: oracle.reward,
      context: createContext(),
      prompts: prompts.slice(0, 3),
      k: 4,
      pairing: "best_worst",
      minMargin: 0.5,
      preference: "reward",
      settings: { maxTokens: 16 },
      seed: 9,
      round: 1,
    });
    // 3 prompts × 6 pairs × 2 orders, less the requests identical to one already answered (cached).
    expect(judge.requests.length).toBeGreaterThan(18);
    expect(judge.requests.length).toBeLessThanOrEqual(36);
    expect(result.pairs.length).toBeGreaterThan(0);
    for (const pair of result.pairs) {
      expect(occurrences(String(pair.chosen), "good")).toBeGreaterThan(
        occurrences(String(pair.rejected), "good"),
      );
      expect(pair.chosen_reward).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe("DPA rejection sampling through a server", () => {
  it("writes the direction into the system prompt and keeps the best response by vᵀr", async () => {
    const server = await toyServer();
    const spec = await loadSpec({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "regex", name: "good", pattern: "good", mode: "count" } },
          { weight: 1, reward: { type: "length", name: "long", unit: "words", max: 1000 } },
        ],
      },
    });
    const result = await dpaRejectionSampling({
      generator: generatorFor(server, "chat"),
      reward: spec.reward,
      context: createContext(),
      prompts: prompts.slice(0, 4),
      k: 5,
      objectives: ["good", "long"],
      vectors: [[1, 0]],
      settings: { maxTokens: 20 },
      seed: 2,
    });
    expect(result.rows).toHaveLength(4);
    for (const request of server.requests) {
      expect(messagesOf(request)[0]).toEqual({
        role: "system",
        content: "Your response should maximize weighted rating = good*100 + long*0.",
      });
    }
    for (const row of result.rows) {
      const group = result.samples.filter((sample) => sample.group === row.group);
      expect(row.directional_reward).toBe(
        Math.max(...group.map((sample) => sample.components.good as number)),
      );
      expect(row.prompt[0]?.role).toBe("system");
      expect(row.completion).toEqual([{ role: "assistant", content: expect.any(String) }]);
    }
  });
});

describe("Feynman-Kac steering through a server", () => {
  it("grows particles in chunks (completions of each prefix, n per shared prefix), resamples, and finds the rare word more often than sampling", async () => {
    const server = await toyServer();
    const spec = await count("rare");
    const steer = (prompt: PromptRow, seed: number) =>
      fkSteer({
        generator: generatorFor(server, "completions"),
        reward: spec.reward,
        context: createContext(),
        prompt,
        particles: 8,
        chunkTokens: 3,
        maxChunks: 6,
        potential: "max",
        lambda: 10,
        adaptive: false,
        resampleEvery: 1,
        rewardMinValue: 0,
        settings: { temperature: 1 },
        seed,
      });
    const first = await steer(prompts[0] as PromptRow, 1);
    const completionRequests = server.requests.filter((request) => request.path === "/completions");
    expect(completionRequests[0]?.body?.prompt).toBe("Prompt 0: ");
    expect(completionRequests[0]?.body?.n).toBe(8);
    expect(completionRequests[0]?.body?.max_tokens).toBe(3);
    // Later chunks continue the particles' prefixes.
    expect(
      completionRequests.some((request) => String(request.body?.prompt).length > "Prompt 0: ".length),
    ).toBe(true);
    expect(first.steps.length).toBeGreaterThan(0);
    expect(first.reward).toBe(Math.max(...first.particles.map((particle) => particle.reward)));
    expect(first.reward).toBe(occurrences(first.text, "rare"));
    // Over 12 prompts, the best FK particle has "rare" far more often than a single sample (p ≈ 0.1).
    const steered = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        steer({ id: `q${index}`, prompt: `Prompt ${index}: ` }, index),
      ),
    );
    const withRare = steered.filter((result) => result.reward > 0).length;
    expect(withRare).toBeGreaterThanOrEqual(6);
  });
});

describe("VAS through a server", () => {
  it("reads the top-k log-probabilities, reweights by the value of each prefix, and reports the KL", async () => {
    const server = await toyServer();
    const spec = await count("good");
    const decode = (beta: number, sample: number) =>
      vasDecode({
        generator: generatorFor(server, "completions"),
        value: spec.reward,
        context: createContext(),
        prompt: { id: "v", prompt: "Prompt: " },
        topK: 5,
        beta,
        maxTokens: 12,
        seed: 4,
        sample,
      });
    const base = await Promise.all(Array.from({ length: 16 }, (_, index) => decode(0, index)));
    const steered = await Promise.all(Array.from({ length: 16 }, (_, index) => decode(4, index)));
    const request = server.requests.find((entry) => entry.path === "/completions");
    expect(request?.body?.logprobs).toBe(5);
    expect(request?.body?.max_tokens).toBe(1);
    const goodShare = (results: typeof base) => {
      const tokens = results.flatMap((result) => result.text.split(" ").filter(Boolean));
      return tokens.filter((token) => token === "good").length / Math.max(1, tokens.length);
    };
    expect(base.every((result) => result.kl < 1e-9)).toBe(true);
    expect(steered.every((result) => result.kl > 0)).toBe(true);
    expect(goodShare(steered)).toBeGreaterThan(goodShare(base) + 0.3);
  });
});

describe("B-STaR through a server", () => {
  it("samples every candidate temperature on the probe prompts, picks the best balance score, and reports the monitors", async () => {
    const server = await toyServer();
    // "Correct" = the text has at least two "good"; the reward counts "good" and "fine" (an imperfect reward).
    const spec = await loadSpec({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          {
            weight: 1,
            reward: { type: "regex", name: "good", pattern: "good", mode: "count", max_count: 2 },
          },
          { weight: 0.25, reward: { type: "regex", name: "fine", pattern: "fine", mode: "count" } },
        ],
      },
    });
    const result = await bstarRound({
      generator: generatorFor(server, "chat"),
      reward: spec.reward,
      context: createContext(),
      prompts,
      k: 6,
      temperatures: [0.3, 1],
      thresholds: [0, 1.5, 3],
      nStar: 4,
      probePrompts: 3,
      correct: (row) => (row.components.good ?? 0) >= 2,
      settings: { maxTokens: 16 },
      seed: 8,
      round: 1,
    });
    expect(result.grid).toHaveLength(6);
    const best = Math.max(...result.grid.map((entry) => entry.score));
    expect(result.balance).toBe(best);
    expect([0.3, 1]).toContain(result.temperature);
    // Probes: 3 prompts × 2 temperatures; then all 6 prompts at the chosen temperature.
    expect(server.requests).toHaveLength(12);
    expect(
      server.requests.slice(6).every((request) => request.body?.temperature === result.temperature),
    ).toBe(true);
    for (const row of result.selected) expect(row.reward).toBeGreaterThan(result.threshold);
    expect(result.monitors.pass_at_k).toBeGreaterThanOrEqual(result.monitors.pass_at_1);
    expect(result.monitors.reward_auc).toBeGreaterThan(0.5);
  });
});

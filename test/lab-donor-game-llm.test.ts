import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";
import { type OpenAIServer, type RecordedRequest, startOpenAIServer } from "../src/testing/index.js";

/**
 * The Donor Game's LLM mode end to end against the project's scripted OpenAI-compatible server: the
 * server plays a reciprocal strategy read from the prompts it receives (give half of one's units to a
 * recipient whose trace shows gifts of 30% or more, 10% otherwise, 30% to an unknown one), so the
 * run's figures can be checked against what that rule implies.
 */
function promptOf(request: RecordedRequest): string {
  const messages = request.body?.messages as Array<{ content: string }> | undefined;
  return messages?.[0]?.content ?? "";
}

function reply(request: RecordedRequest): string {
  const prompt = promptOf(request);
  if (prompt.includes("Describe, in a few sentences, the strategy")) {
    return "Give half of my units to players who gave at least 30% before; give 10% to the others.";
  }
  const units = Number(/you are the donor with ([\d.]+) units/.exec(prompt)?.[1]);
  if (prompt.includes("garbled")) return "I am not sure.";
  const gifts = [...prompt.matchAll(/gave (\d+)% of its resources to/g)].map((match) => Number(match[1]));
  if (gifts.length === 0)
    return `Nothing is known, so I start moderately.\nAnswer: donate ${(0.3 * units).toFixed(4)}`;
  const mean = gifts.reduce((total, value) => total + value, 0) / gifts.length;
  return `They gave ${mean}% on average.\nAnswer: donate ${((mean >= 30 ? 0.5 : 0.1) * units).toFixed(4)}`;
}

let server: OpenAIServer;
const directories: string[] = [];
beforeAll(async () => {
  server = await startOpenAIServer({ reply });
});
afterAll(async () => {
  await server.close();
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("donor-game in LLM mode (scripted endpoint)", () => {
  it("plays every arm through the endpoint with the reconstructed prompts and reports the same figures", async () => {
    const out = await mkdtemp(join(tmpdir(), "rewardkit-donor-llm-"));
    directories.push(out);
    const options = {
      mode: "llm",
      base_url: server.url,
      model: "scripted-donor",
      population: 4,
      generations: 3,
      rounds: 3,
      punishment_effects: [2],
    };
    const results = (await runLab({ experiment: "donor-game", seed: 5, options, out })) as Record<
      string,
      unknown
    >;
    const llm = results.llm as { calls: number; unreadable: number; model: string };
    expect(llm.calls).toBe(server.requests.length);
    expect(llm.unreadable).toBe(0);
    // 3 arms × (4 first strategies + 2 generations × 2 newcomers + 3 generations × 3 rounds × 4 donations).
    expect(llm.calls).toBe(3 * (4 + 2 * 2 + 3 * 3 * 4));
    const generations = results.generations as Array<{
      condition: string;
      generations: Array<{ donation_fraction: number; punishment_rate: number }>;
    }>;
    expect(generations.map((arm) => arm.condition)).toEqual([
      "traces visible",
      "traces hidden",
      "punishment 1:2",
    ]);
    // Hidden traces: the endpoint never sees a trace, so every gift is 30% of the donor's units.
    for (const generation of generations[1]?.generations ?? [])
      expect(generation.donation_fraction).toBeCloseTo(0.3, 4);
    // Visible: in round 1 the first three donors of the cycle meet recipients with no trace yet (30%)
    // and the last meets the first, who has just given 30% (50%); later rounds are all 50%. So the
    // mean is ((3 · 0.3 + 0.5) / 4 + 0.5 + 0.5) / 3 = 0.45 in every generation.
    for (const generation of generations[0]?.generations ?? [])
      expect(generation.donation_fraction).toBeCloseTo(0.45, 4);
    const donationPrompts = server.requests
      .map(promptOf)
      .filter((prompt) => prompt.includes("you are the donor"));
    expect(donationPrompts.some((prompt) => prompt.includes("What is known about"))).toBe(true);
    expect(
      donationPrompts.some((prompt) => prompt.includes("`Answer: donate X` or `Answer: punish X`")),
    ).toBe(true);
    const matrices = results.reputation_matrices as Array<{ donor_to_recipient: (number | null)[][] }>;
    expect(matrices).toHaveLength(3);
    expect(matrices[0]?.donor_to_recipient).toHaveLength(4);
    const claims = results.claims as Array<{
      claim: string;
      holds: boolean;
      evidence: Record<string, number>;
    }>;
    expect(claims).toHaveLength(3);
    // Computed from the run: visible gifts stay at 45% (no rise), hidden ones at 30% (no collapse).
    expect(claims.map((claim) => claim.holds)).toEqual([false, false, true]);
    const report = await readFile(join(out, "report.html"), "utf8");
    expect(report).toContain("Cooperation over generations");
    expect(report).toContain("scripted-donor");
    expect(report.match(/<svg /g)?.length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it("needs an endpoint, and counts unreadable replies as gifts of nothing", async () => {
    await expect(runLab({ experiment: "donor-game", seed: 1, options: { mode: "llm" } })).rejects.toThrow(
      /base_url/,
    );
    const garbled = await startOpenAIServer({
      reply: (request) =>
        promptOf(request).includes("you are the donor") ? "I cannot decide." : "Give everything away.",
    });
    try {
      const results = (await runLab({
        experiment: "donor-game",
        seed: 1,
        options: {
          mode: "llm",
          base_url: garbled.url,
          population: 2,
          generations: 2,
          rounds: 1,
          punishment_effects: [2],
        },
      })) as Record<string, unknown>;
      const llm = results.llm as { calls: number; unreadable: number };
      expect(llm.unreadable).toBe(3 * 2 * 2);
      const generations = results.generations as Array<{ generations: Array<{ donation_fraction: number }> }>;
      for (const arm of generations)
        for (const generation of arm.generations) expect(generation.donation_fraction).toBe(0);
    } finally {
      await garbled.close();
    }
  }, 60_000);
});

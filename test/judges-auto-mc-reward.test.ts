import { afterEach, describe, expect, it } from "vitest";
import { RewardProgram } from "../src/core/index.js";
import { autoMcReward, JudgeClient } from "../src/judges/index.js";
import { lastUserMessage, messagesOf, type OpenAIServer, startOpenAIServer } from "../src/testing/index.js";
import { UnsafeNodeRunner } from "./helpers/unsafe-node-runner.js";

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const broken =
  "```javascript\n// Thoughts: oops\nfunction dense(observation) { return observation.lava ? -1 : ; }\nfunction sparse() { return 0; }\n```";
const naive =
  "```javascript\n// Thoughts: reward reaching the goal only\nfunction dense(observation) { return 0; }\nfunction sparse(observation) { return observation.atGoal ? 1 : 0; }\n```";
const shaped =
  "```javascript\n// Thoughts: avoid lava, approach the goal\nfunction dense(observation) { return observation.nearLava ? -1 : observation.distance < observation.previousDistance ? 1 : 0; }\nfunction sparse(observation) { return observation.atGoal ? 1 : observation.dead ? -1 : 0; }\n```";

describe("Auto MC-Reward loop against a real local OpenAI-protocol server (test runner: a plain child process, NOT a sandbox)", () => {
  it("designer → run + critic → evaluate → analyzer → designer, until the target success rate", async () => {
    const designs = [broken, naive, shaped];
    server = await startOpenAIServer({
      reply: (request) => {
        const system = messagesOf(request)[0]?.content ?? "";
        const user = lastUserMessage(request);
        if (system.startsWith("You design")) return designs.shift() ?? shaped;
        if (system.startsWith("You review")) {
          // The critic sees what the program returned on the sample observations.
          return user.includes("reward 1") || user.includes("reward -0.1")
            ? "Looks consistent.\nVERDICT: PASS"
            : "VERDICT: FAIL no signal";
        }
        return "Agents died in lava in 7 of 10 episodes; add a penalty near lava.";
      },
    });
    const client = new JudgeClient({
      baseUrl: server.url,
      model: "coder",
      concurrency: 4,
      retries: 0,
      requestTimeoutMs: 5_000,
    });
    const runner = new UnsafeNodeRunner();
    const evaluations: number[] = [];
    const result = await autoMcReward({
      designer: { client },
      runner,
      task: "Reach the diamond without dying in lava.",
      observationSpec:
        '{"nearLava": boolean, "atGoal": boolean, "dead": boolean, "distance": number, "previousDistance": number}',
      sampleObservations: [
        { nearLava: true, atGoal: false, dead: false, distance: 5, previousDistance: 6 },
        { nearLava: false, atGoal: true, dead: false, distance: 0, previousDistance: 1 },
      ],
      evaluate: async (program, iteration) => {
        // A stand-in for training: success is whether the program penalises lava.
        const [lava] = await program.score([
          { nearLava: true, atGoal: false, dead: false, distance: 3, previousDistance: 3 },
        ]);
        const successRate = lava && lava.dense < 0 ? 0.9 : 0.3;
        evaluations.push(successRate);
        return {
          successRate,
          trajectories: iteration === 0 ? ["died in lava at step 12", "died in lava at step 40"] : [],
        };
      },
      targetSuccessRate: 0.8,
    });
    // Round 0: the broken program fails on the sample observations, the naive one passes; round 1: shaped.
    expect(result.rounds).toHaveLength(2);
    expect(result.rounds[0]?.attempts[0]?.rejected).toMatch(/Running it on sample observations failed/);
    expect(result.rounds[0]?.attempts[1]?.rejected).toBeUndefined();
    expect(result.rounds[0]?.analysis).toContain("lava");
    expect(evaluations).toEqual([0.3, 0.9]);
    expect(result.successRate).toBe(0.9);
    expect(result.program?.source).toContain("nearLava ? -1");
    // The analysis reached the designer.
    const lastDesign = server.requests
      .filter((request) => lastUserMessage(request).includes("Write the reward function."))
      .at(-1);
    expect(lastUserMessage(lastDesign)).toContain("success rate of 0.300");
    // The accepted program computes sgn(sparse)·1 + sgn(dense)·0.1.
    const parts = await (result.program as RewardProgram).score([
      { nearLava: true, atGoal: false, dead: true, distance: 2, previousDistance: 2 },
    ]);
    expect(parts[0]?.reward).toBeCloseTo(-1.1);
    expect(result.usage.requests).toBeGreaterThanOrEqual(6);
    client.close();
  });

  it("a program that never finishes is stopped by the runner's limit and rejected", async () => {
    const runner = new UnsafeNodeRunner();
    const program = new RewardProgram(
      "function dense() { for (;;) {} }\nfunction sparse() { return 0; }",
      runner,
      { wallMs: 300 },
    );
    await expect(program.score([{}])).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    const nonFinite = new RewardProgram(
      "function dense() { return NaN; }\nfunction sparse() { return 0; }",
      runner,
    );
    await expect(nonFinite.score([{}])).rejects.toMatchObject({ code: "NON_FINITE" });
  });
});

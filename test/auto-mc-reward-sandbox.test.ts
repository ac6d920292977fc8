import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { RewardProgram } from "../src/core/index.js";
import { autoMcReward, JudgeClient } from "../src/judges/index.js";
import { BubblewrapRunner } from "../src/sandbox/index.js";
import { messagesOf, type OpenAIServer, startOpenAIServer } from "../src/testing/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";

// Auto MC-Reward with the real sandbox: the LLM-written reward functions run in bubblewrap.
const runner = new BubblewrapRunner({ concurrency: 2 });
let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => runner.close());

const shaped =
  "```javascript\n// Thoughts: avoid lava, approach the goal\nfunction dense(observation) { return observation.nearLava ? -1 : 0; }\nfunction sparse(observation) { return observation.atGoal ? 1 : 0; }\n```";

describe("Auto MC-Reward with generated code run in the bubblewrap sandbox", () => {
  it("designs, checks and accepts a reward program that runs sandboxed", async () => {
    server = await startOpenAIServer({
      reply: (request) => {
        const system = messagesOf(request)[0]?.content ?? "";
        if (system.startsWith("You design")) return shaped;
        if (system.startsWith("You review")) return "Consistent with the task.\nVERDICT: PASS";
        return "Fine.";
      },
    });
    const client = new JudgeClient({
      baseUrl: server.url,
      model: "coder",
      concurrency: 2,
      retries: 0,
      requestTimeoutMs: 5_000,
    });
    const result = await autoMcReward({
      designer: { client },
      runner,
      task: "Reach the diamond without dying in lava.",
      observationSpec: '{"nearLava": boolean, "atGoal": boolean}',
      sampleObservations: [{ nearLava: true, atGoal: false }],
      evaluate: async (program) => {
        const [parts] = await program.score([{ nearLava: true, atGoal: false }]);
        return { successRate: parts && parts.dense < 0 ? 0.9 : 0.1, trajectories: [] };
      },
      targetSuccessRate: 0.8,
    });
    expect(result.successRate).toBe(0.9);
    const [scored] = await (result.program as RewardProgram).score([{ nearLava: false, atGoal: true }]);
    expect(scored?.reward).toBeCloseTo(1);
    client.close();
  });

  it("contains generated code that spins or reaches for the host", async () => {
    const spinning = new RewardProgram(
      "function dense() { for (;;) {} }\nfunction sparse() { return 0; }",
      runner,
      {
        wallMs: 1_000,
        cpuMs: 500,
      },
    );
    await expect(spinning.score([{}])).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    const snooping = new RewardProgram(
      "function dense() { return require('node:fs').readFileSync('/etc/hostname', 'utf8').length; }\nfunction sparse() { return 0; }",
      runner,
    );
    await expect(snooping.score([{}])).rejects.toThrow();
  });
});

describe("the generated reward program as a spec node (reward_program), run in the sandbox", () => {
  it("the loop's program, saved to a file, scores rows' steps and observations through rewardkit score", async () => {
    server = await startOpenAIServer({
      reply: (request) => {
        const system = messagesOf(request)[0]?.content ?? "";
        if (system.startsWith("You design")) return shaped;
        if (system.startsWith("You review")) return "Consistent with the task.\nVERDICT: PASS";
        return "Fine.";
      },
    });
    const client = new JudgeClient({
      baseUrl: server.url,
      model: "coder",
      concurrency: 2,
      retries: 0,
      requestTimeoutMs: 5_000,
    });
    const result = await autoMcReward({
      designer: { client },
      runner,
      task: "Reach the diamond without dying in lava.",
      observationSpec: '{"nearLava": boolean, "atGoal": boolean}',
      sampleObservations: [{ nearLava: true, atGoal: false }],
      evaluate: async () => ({ successRate: 0.9, trajectories: [] }),
      targetSuccessRate: 0.8,
    });
    client.close();
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-reward-program-"));
    await writeFile(join(folder, "reward.js"), (result.program as RewardProgram).source);
    await writeFile(
      join(folder, "spec.json"),
      JSON.stringify({ version: 1, reward: { type: "reward_program", path: "reward.js" } }),
    );
    const rows = [
      // a trajectory: near lava (dense −1 → −0.1), then at the goal (sparse 1 → +1)
      {
        id: "walk",
        prompt: "",
        completion: "",
        steps: [{ state: { nearLava: true, atGoal: false } }, { state: { nearLava: false, atGoal: true } }],
      },
      { id: "goal", prompt: "", completion: "", meta: { observation: { nearLava: false, atGoal: true } } },
      { id: "nothing", prompt: "", completion: "" },
    ];
    await writeFile(join(folder, "rows.jsonl"), rows.map((row) => JSON.stringify(row)).join("\n"));
    const run = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "rows.jsonl"),
      "--no-progress",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = parseJsonl(run.stdout) as Array<{
      id: string;
      reward: number;
      step_rewards?: number[];
      error?: { code: string };
    }>;
    expect(out[0]?.reward).toBeCloseTo(0.9);
    expect(out[0]?.step_rewards?.map((value) => Math.round(value * 10) / 10)).toEqual([-0.1, 1]);
    expect(out[1]?.reward).toBeCloseTo(1);
    expect(out[2]?.error?.code).toBe("NOT_APPLICABLE");
  });

  it("a program that reaches for the host fails its rows with an error, not a score", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-reward-program-"));
    const spec = {
      version: 1,
      reward: {
        type: "reward_program",
        source:
          "function dense() { return require('node:fs').readFileSync('/etc/shadow', 'utf8').length; }\nfunction sparse() { return 0; }",
      },
    };
    await writeFile(join(folder, "spec.json"), JSON.stringify(spec));
    await writeFile(
      join(folder, "rows.jsonl"),
      JSON.stringify({ id: 1, prompt: "", completion: "", meta: { observation: {} } }),
    );
    const run = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "rows.jsonl"),
      "--no-progress",
    ]);
    const out = parseJsonl(run.stdout) as Array<{
      reward: number;
      error?: { code: string; message: string };
    }>;
    expect(out[0]?.error?.code).toBe("NODE_FAILED");
    expect(run.code).toBe(3);
  });
});

import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./helpers/cli.js";
import { post, type RunningServer, startServer } from "./helpers/serve.js";
import { hasSharedData } from "./helpers/shared-data.js";
import {
  bfclConversations,
  type ConversationRow,
  qwenPrompt,
  qwenResponse,
  withoutSpecialTokens,
} from "./helpers/tool-conversations.js";

const spec = {
  version: 1,
  reward: {
    type: "weighted",
    terms: [
      { weight: 1, reward: { type: "math", name: "answer" } },
      {
        weight: 0.2,
        reward: {
          type: "turns",
          name: "turns",
          aggregate: "mean",
          reward: {
            type: "product",
            name: "turn_ok",
            factors: [
              { type: "tool_call_valid", name: "valid", tools_field: "extra_info.tools" },
              { type: "tool_success", name: "success" },
            ],
          },
        },
      },
      { weight: 0.1, reward: { type: "tool_calls_unique", name: "unique" } },
    ],
  },
  advantage: { type: "gigpo", step_rewards: "results" },
};

interface WireResult {
  reward: number;
  components: Record<string, number>;
  turn_rewards?: number[];
  error?: { code: string; message: string };
}

describe.runIf(hasSharedData("bfcl", "BFCL_v4_multiple.json"))(
  "multi-turn rollouts through every protocol",
  () => {
    let server: RunningServer;
    let rows: ConversationRow[];
    let expected: WireResult[];

    beforeAll(async () => {
      server = await startServer(spec);
      // Tools travel where verl's extra_info puts them; /v1/score rows carry the same under meta.
      rows = (await bfclConversations("multiple", 12)).map((row) => ({
        ...row,
        meta: { ...row.meta, extra_info: { tools: row.tools } },
      })) as ConversationRow[];
      const reply = await post<{ results: WireResult[]; step_advantages: number[][] }>(
        `${server.url}/v1/score`,
        {
          samples: rows,
        },
      );
      expect(reply.status).toBe(200);
      expected = reply.body.results;
      // Every turn gets a step advantage.
      reply.body.step_advantages.forEach((steps, index) => {
        expect(steps).toHaveLength((expected[index]?.turn_rewards ?? []).length);
      });
    });
    afterAll(() => server.close());

    it("/v1/score: conversations in, turn_rewards out, the variants scored as they should be", () => {
      const byVariant = new Map(
        rows.map((row, index) => [`${row.group}/${row.meta.variant}`, expected[index] as WireResult]),
      );
      const first = rows[0]?.group as string;
      expect(byVariant.get(`${first}/clean`)).toMatchObject({ reward: 1.3, turn_rewards: [1, 1] });
      expect(byVariant.get(`${first}/fixed`)?.turn_rewards).toEqual([0, 1, 1]);
      expect(byVariant.get(`${first}/wrong_answer`)?.reward).toBeCloseTo(0.3, 12);
      for (const result of expected) expect(result.error).toBeUndefined();
    });

    it("OpenRLHF /get_reward: a whole ChatML conversation in the query scores as the conversation does", async () => {
      const replies = await Promise.all(
        rows.map((row) => {
          const prompt = qwenPrompt(row.prompt);
          return post<{ rewards: number[]; extra_logs: Record<string, number[]> }>(
            `${server.url}/get_reward`,
            {
              query: [`${prompt}${qwenResponse(row.completion)}`],
              prompts: [prompt],
              labels: [row.reference],
            },
          );
        }),
      );
      replies.forEach((reply, index) => {
        expect(reply.status).toBe(200);
        // No tools reach OpenRLHF's protocol, so validity is not applicable there: compare the rest.
        const want = expected[index] as WireResult;
        expect(reply.body.extra_logs.answer?.[0]).toBe(want.components.answer);
        expect(reply.body.extra_logs.success?.[0]).toBeCloseTo(want.components.success as number, 12);
        expect(reply.body.extra_logs.unique?.[0]).toBeCloseTo(want.components.unique as number, 12);
      });
    });

    it("verl: the response decoded without special tokens, tools and prompt from extra_info, same rewards", async () => {
      const reply = await post<{ results: Record<string, number>[]; errors: unknown[] }>(
        `${server.url}/v1/verl/compute_score_batch`,
        {
          data_sources: rows.map(() => "bfcl"),
          solution_strs: rows.map((row) => withoutSpecialTokens(qwenResponse(row.completion))),
          ground_truths: rows.map((row) => row.reference),
          extra_infos: rows.map((row) => ({
            tools: row.tools,
            raw_prompt: row.prompt,
            num_turns: row.completion.length,
          })),
        },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toEqual([]);
      reply.body.results.forEach((result, index) => {
        const want = expected[index] as WireResult;
        expect(result.score).toBeCloseTo(want.reward, 12);
        expect(result.turns).toBeCloseTo(want.components.turns as number, 12);
      });
    });

    it("a single-turn verl response stays one string (unchanged behaviour)", async () => {
      const reply = await post<{ result: Record<string, number> }>(`${server.url}/v1/verl/compute_score`, {
        data_source: "x",
        solution_str: "The result is 7.",
        ground_truth: "7",
      });
      expect(reply.body.result).toMatchObject({ score: 1 + 0.2 + 0.1, answer: 1, turns: 1, unique: 1 });
    });
  },
);

const hasPython = spawnSync("python3", ["--version"]).status === 0;
if (!hasPython)
  console.warn("[rewardkit tests] skipping the multi-turn Python shim tests: python3 is not installed");

function python(file: string, url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [join(repoRoot, file), url], {
      env: { ...process.env, PYTHONPATH: join(repoRoot, "integrations/trl") },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(hasPython)(
  "the trainers' multi-turn shims against a live server (docs' tool-use recipe)",
  () => {
    let server: RunningServer;
    beforeAll(async () => {
      const page = readFileSync(join(repoRoot, "docs/recipes/multi-turn.md"), "utf8");
      const text = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)]
        .map((match) => match[1] as string)
        .find((block) => block.startsWith("# recipe: tool-use\n"));
      server = await startServer(parse(text as string));
    });
    afterAll(() => server.close());

    it("TRL: GRPOTrainer's tool-loop completions (message lists, str() results) score per turn", async () => {
      const run = await python("integrations/trl/example_multi_turn.py", server.url);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { rewards: number[]; turn_rewards: number[][] };
      expect(out.rewards[0]).toBeCloseTo(1.3, 12);
      expect(out.rewards[1]).toBeCloseTo(1 + 0.2 * (2 / 3) + 0.1, 12);
      expect(out.turn_rewards).toEqual([
        [1, 1],
        [0, 1, 1],
      ]);
    });

    it("OpenRLHF agent mode: the episode is scored when it ends; the sum of step rewards is its reward", async () => {
      const run = await python("integrations/openrlhf/example_agent.py", server.url);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        total_reward: number;
        turn_rewards: number[];
        messages: number;
      }[];
      expect(out[0]).toMatchObject({ turn_rewards: [1, 1], messages: 3 });
      expect(out[0]?.total_reward).toBeCloseTo(1.3, 12);
      expect(out[1]).toMatchObject({ turn_rewards: [0, 1, 1], messages: 5 });
      expect(out[1]?.total_reward).toBeCloseTo(1 + 0.2 * (2 / 3) + 0.1, 12);
    });
  },
);

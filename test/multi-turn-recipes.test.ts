import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Message, Sample } from "../src/core/index.js";
import { loadSpec, scoreSamples } from "../src/engine/index.js";
import { startOpenAIServer, testContext } from "../src/testing/index.js";
import { parseJsonl, repoRoot, runCli } from "./helpers/cli.js";
import { arithmeticJudge, type PrmServer, startPrmServer } from "./helpers/prm-server.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";
import {
  bfclConversations,
  type ConversationRow,
  type Variant,
  variants,
} from "./helpers/tool-conversations.js";

const page = readFileSync(join(repoRoot, "docs/recipes/multi-turn.md"), "utf8");

/** The `# recipe: name` YAML blocks of the page. */
function recipes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of page.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const name = /^# recipe: ([\w-]+)/.exec(block[1] as string)?.[1];
    if (name) found.set(name, block[1] as string);
  }
  return found;
}
const all = recipes();
const recipe = (name: string, urls: Record<string, string> = {}) => {
  let text = all.get(name) as string;
  for (const [from, to] of Object.entries(urls)) text = text.replace(from, to);
  return parse(text) as Record<string, unknown>;
};

let prm: PrmServer;
let judge: Awaited<ReturnType<typeof startOpenAIServer>>;
beforeAll(async () => {
  prm = await startPrmServer({ stepTag: " ки\n", judge: arithmeticJudge });
  // A step judge: "Score: 0" when the step (after the question line) states a false a op b = c.
  judge = await startOpenAIServer({
    reply: (request) => {
      const messages = request.body?.messages as { content: string }[];
      const text = messages.at(-1)?.content ?? "";
      const step = text.split('Score: 0" if not.\n')[1] ?? "";
      return `Checked. Score: ${arithmeticJudge(step, { query: text, index: 0, steps: [] }) > 0.5 ? 1 : 0}`;
    },
  });
});
afterAll(async () => {
  await prm.close();
  await judge.close();
});
const urls = () => ({
  "http://127.0.0.1:5000/get_reward": `${prm.url}/get_reward`,
  "http://127.0.0.1:8000/v1": judge.url,
});

describe("docs/recipes/multi-turn.md", () => {
  it("holds the recipes, each a valid spec", async () => {
    expect([...all.keys()]).toEqual(["tool-use", "tool-use-gigpo", "process-prm", "process-judge"]);
    for (const name of all.keys()) {
      const loaded = await loadSpec(recipe(name, urls())).catch((error: Error) => {
        throw new Error(`recipe ${name}: ${error.message}`);
      });
      await loaded.close();
    }
  });

  it("replays the end-to-end example through the CLI: the output shown is what score writes", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-multi-turn-"));
    const [rowsBlock, outputBlock] = [...page.matchAll(/```jsonl\n([\s\S]*?)```/g)].map(
      (match) => match[1] as string,
    );
    await writeFile(join(folder, "tool-use.yaml"), all.get("tool-use") as string);
    await writeFile(join(folder, "rollouts.jsonl"), rowsBlock as string);
    const run = await runCli(
      ["score", "--spec", "tool-use.yaml", "--input", "rollouts.jsonl", "--no-progress"],
      { cwd: folder },
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = parseJsonl(run.stdout);
    const shown = parseJsonl(outputBlock as string);
    expect(
      rows.map((row) => ({
        id: row.id,
        reward: row.reward,
        components: row.components,
        turn_rewards: row.turn_rewards,
      })),
    ).toEqual(shown);
    expect(rows[1]?.reason).toMatch(
      /turn 1: valid: 0 of 1 calls valid; call 1 \(calculate_triangle_area\): missing required argument "height"/,
    );
  });
});

describe.runIf(hasSharedData("bfcl", "BFCL_v4_simple_python.json"))(
  "tool-use recipes on conversations from BFCL tasks",
  () => {
    let rows: ConversationRow[];
    beforeAll(async () => {
      rows = [
        ...(await bfclConversations("simple_python", 20)),
        ...(await bfclConversations("multiple", 20)),
        ...(await bfclConversations("parallel", 20)),
      ];
    });
    const expected: Record<Variant, { reward: number; turns: number[] }> = {
      clean: { reward: 1.3, turns: [1, 1] },
      fixed: { reward: 1 + 0.2 * (2 / 3) + 0.1, turns: [0, 1, 1] },
      repeated: { reward: 1.25, turns: [1, 1, 1] },
      wrong_answer: { reward: 0.3, turns: [1, 1] },
      unknown_tool: { reward: 1.2, turns: [0, 1] },
    };

    it("scores every variant of 60 tasks (simple, multiple, parallel; TRL and OpenAI shapes) as expected", async () => {
      expect(rows).toHaveLength(60 * variants.length);
      const loaded = await loadSpec(recipe("tool-use"));
      const results = await loaded.reward.score(rows as unknown as Sample[], testContext());
      results.forEach((result, index) => {
        const row = rows[index] as ConversationRow;
        const want = expected[row.meta.variant];
        expect(result.error, `${row.id}: ${result.reason}`).toBeUndefined();
        expect(result.childErrors, `${row.id}`).toBeUndefined();
        expect(result.score, `${row.id}: ${result.reason}`).toBeCloseTo(want.reward, 10);
        expect(result.turnRewards, row.id).toEqual(want.turns);
      });
    });

    it("feeds turn rewards to GiGPO: one step advantage per turn, a failed first turn below a clean one", async () => {
      const loaded = await loadSpec(recipe("tool-use-gigpo"));
      const { results, advantage } = await scoreSamples(
        loaded.reward,
        loaded.estimator,
        rows as unknown as Sample[],
        testContext(),
      );
      rows.forEach((row, index) => {
        expect(advantage?.stepAdvantages?.[index]?.length, row.id).toBe(results[index]?.turnRewards?.length);
      });
      for (let task = 0; task < rows.length; task += variants.length) {
        const clean = advantage?.stepAdvantages?.[task] as number[];
        const fixed = advantage?.stepAdvantages?.[task + 1] as number[];
        // Both first turns saw only the prompt (one anchor group); the fixed one's failed.
        expect(clean[0]).toBeGreaterThan(fixed[0] as number);
      }
    });

    it("scores the same conversations sent through the CLI, rows carrying turn_rewards", async () => {
      const folder = await mkdtemp(join(tmpdir(), "rewardkit-multi-turn-"));
      await writeFile(join(folder, "spec.yaml"), all.get("tool-use-gigpo") as string);
      await writeFile(join(folder, "rows.jsonl"), rows.map((row) => JSON.stringify(row)).join("\n"));
      const run = await runCli(["score", "--spec", "spec.yaml", "--input", "rows.jsonl", "--no-progress"], {
        cwd: folder,
      });
      expect(run.code, run.stderr).toBe(0);
      const out = parseJsonl(run.stdout);
      expect(out).toHaveLength(rows.length);
      out.forEach((row, index) => {
        const variant = (rows[index] as ConversationRow).meta.variant;
        expect(row.turn_rewards).toEqual(expected[variant].turns);
        expect((row.step_advantages as number[]).length).toBe(expected[variant].turns.length);
      });
    });
  },
);

describe.runIf(hasSharedData("toolrl", "test.jsonl"))(
  "tool-use nodes on ToolRL's Hermes-format turns",
  () => {
    it("reads <tool_call> blocks with ToolRL's `parameters`, names from the system prompt's tool list", async () => {
      const lines = (await readFile(sharedDataPath("toolrl", "test.jsonl"), "utf8"))
        .split("\n")
        .filter(Boolean);
      const tasks = lines.map(
        (line) => JSON.parse(line) as { prompt: Message[]; reward_model: { ground_truth: string } },
      );
      const withCalls = tasks.filter((task) => task.reward_model.ground_truth.includes("<tool_call>"));
      expect(withCalls.length).toBe(71);
      const samples: Sample[] = [];
      for (const task of withCalls) {
        const system = task.prompt[0]?.content as string;
        const tools = [...system.matchAll(/^\d+\. Name: (.+)$/gm)].map((match) => ({
          name: match[1] as string,
        }));
        const gold = task.reward_model.ground_truth;
        const calls = (gold.match(/^\{.*\}$/gm) ?? []).length;
        const done: Message = {
          role: "assistant",
          content: "<think> Done. </think>\n<response> Here you go. </response>",
        };
        const ok: Message[] = Array.from({ length: calls }, () => ({
          role: "tool",
          content: '{"status": "ok"}',
        }));
        samples.push({
          prompt: task.prompt,
          completion: [{ role: "assistant", content: gold }, ...ok, done],
          tools,
          meta: { variant: "gold" },
        });
        const misspelt = gold.replace(/"name": "([^"]+)"/, '"name": "$1_v2"');
        const failed: Message[] = Array.from({ length: calls }, () => ({
          role: "tool",
          content: "Error when executing tool: unknown tool",
        }));
        samples.push({
          prompt: task.prompt,
          completion: [{ role: "assistant", content: misspelt }, ...failed, done],
          tools,
          meta: { variant: "misspelt", calls },
        });
      }
      const loaded = await loadSpec({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            { weight: 1, reward: { type: "tool_call_valid", name: "valid", check_arguments: false } },
            { weight: 1, reward: { type: "tool_success", name: "success" } },
          ],
        },
      });
      const results = await loaded.reward.score(samples, testContext());
      const invalidGold: string[] = [];
      results.forEach((result, index) => {
        const sample = samples[index] as Sample;
        if (sample.meta?.variant === "gold") {
          expect(result.components?.success).toBe(1);
          if (result.components?.valid !== 1) invalidGold.push(result.reason ?? "");
        } else {
          const calls = sample.meta?.calls as number;
          expect(result.components?.valid, result.reason).toBeCloseTo((calls - 1) / calls, 12);
          expect(result.components?.success).toBe(0);
        }
      });
      // One gold output in ToolRL's test set cuts its tool's name short ("DAX Point Changes for Each
      // Month (January-August, 2022)" is called "DAX Point Changes for Each Month "): a real invalid call.
      expect(invalidGold).toHaveLength(1);
      expect(invalidGold[0]).toMatch(/call 1 \(DAX Point Changes for Each Month \): unknown tool/);
    });
  },
);

describe.runIf(hasSharedData("processbench", "gsm8k.json"))("process recipes", () => {
  it("process-prm: blank-line steps are ProcessBench's steps; one PRM query per solution", async () => {
    const solutions = (
      JSON.parse(await readFile(sharedDataPath("processbench", "gsm8k.json"), "utf8")) as {
        problem: string;
        steps: string[];
      }[]
    ).slice(0, 80);
    const samples: Sample[] = solutions.map((solution) => ({
      prompt: solution.problem,
      completion: solution.steps.join("\n\n"),
      reference: "0",
    }));
    const loaded = await loadSpec(recipe("process-prm", urls()));
    const before = prm.requests.length;
    const results = await loaded.reward.score(samples, testContext());
    results.forEach((result, index) => {
      const steps = (solutions[index] as { steps: string[] }).steps;
      expect(result.stepRewards, `solution ${index}`).toHaveLength(steps.length);
      // The PRM's verdicts are its own (a rule on each step's arithmetic; these questions state no
      // `=` claims, so the question before the first step changes nothing), step by step.
      expect(result.stepRewards).toEqual(
        steps.map((step, position) => arithmeticJudge(step, { query: "", index: position, steps })),
      );
      expect(result.components?.steps).toBeCloseTo(Math.min(...(result.stepRewards as number[])), 12);
    });
    // 80 solutions, batch size 16: 5 requests.
    expect(prm.requests.length - before).toBe(5);
  });

  it("process-judge: a judge sees the solution so far and the step, and the product spans the steps", async () => {
    const loaded = await loadSpec(recipe("process-judge", urls()));
    const [good, bad] = await loaded.reward.score(
      [
        { prompt: "Tom has 3 boxes of 4 apples.", completion: "3 × 4 = 12\n\nSo 12 apples." },
        { prompt: "Tom has 3 boxes of 4 apples.", completion: "3 × 4 = 12\n\n12 + 1 = 14\n\nSo 14 apples." },
      ],
      testContext(),
    );
    expect(good?.stepRewards).toEqual([1, 1]);
    expect(bad?.stepRewards).toEqual([1, 0, 1]);
    expect(bad?.score).toBe(0);
    const asked = judge.requests.at(-1)?.body?.messages as { content: string }[];
    expect(asked.at(-1)?.content).toContain(
      "user: Tom has 3 boxes of 4 apples.\n\nassistant: 3 × 4 = 12\n\n12 + 1 = 14",
    );
  });
});

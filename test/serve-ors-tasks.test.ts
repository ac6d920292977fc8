import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksText, OrsClient, OrsHttpError } from "./helpers/ors-client.js";
import { type RunningOrsServer, startOrsServer, tempFolder } from "./helpers/ors-server.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

/** GSM8K's final answer: the number after `#### `. */
function finalAnswer(solution: string): string {
  const match = /####\s*(.+)$/.exec(solution.trim());
  if (!match?.[1]) throw new Error(`no final answer in ${solution}`);
  return match[1].trim();
}

const mathSpec = JSON.stringify({
  version: 1,
  reward: {
    type: "weighted",
    terms: [
      { weight: 1, reward: { type: "math", name: "correct" } },
      { weight: 0.1, reward: { type: "regex", name: "plain_number", pattern: "^-?[\\d,]+(\\.\\d+)?$" } },
    ],
  },
});

describe.skipIf(!hasSharedData("gsm8k/test.jsonl"))(
  "ORS: spec-scored tool tasks on GSM8K (real socket)",
  () => {
    let running: RunningOrsServer;
    let client: OrsClient;
    let testRows: { question: string; answer: string }[];
    beforeAll(async () => {
      const folder = await tempFolder({ "math.json": mathSpec });
      running = await startOrsServer({
        config: {
          environments: [
            {
              name: "gsm8k",
              tasks: { train: sharedDataPath("gsm8k/train.jsonl"), test: sharedDataPath("gsm8k/test.jsonl") },
              spec: join(folder, "math.json"),
              fields: { prompt: "question", reference: "answer" },
            },
            {
              name: "gsm8k-retry",
              tasks: { test: sharedDataPath("gsm8k/test.jsonl") },
              spec: join(folder, "math.json"),
              fields: { prompt: "question", reference: "answer" },
              limit: 20,
              attempts: 2,
              pass: 1,
            },
          ],
        },
      });
      client = new OrsClient(running.url);
      const text = await readFile(sharedDataPath("gsm8k/test.jsonl"), "utf8");
      testRows = text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { question: string; answer: string });
    });
    afterAll(async () => running?.close());

    it("lists the rows as tasks, without their answers", async () => {
      expect(await client.listSplits("gsm8k")).toEqual([
        { name: "train", type: "train" },
        { name: "test", type: "test" },
      ]);
      expect(await client.numTasks("gsm8k", "test")).toBe(1319);
      expect(await client.numTasks("gsm8k", "train")).toBe(7473);
      const task = await client.getTask("gsm8k", "test", 0);
      expect(task).toEqual({ split: "test", index: 0, id: "test-1" });
      expect(await client.listTools("gsm8k")).toEqual([
        {
          name: "submit",
          description: "Submit your final answer. It is scored and the reward comes back.",
          input_schema: {
            type: "object",
            properties: { answer: { type: "string", description: "Your final answer." } },
            required: ["answer"],
            additionalProperties: false,
          },
        },
      ]);
      expect(JSON.stringify(await client.getTaskRange("gsm8k", "test", 0, 50))).not.toContain("####");
    });

    it("scores a correct and a wrong answer by the spec, the reward inline and components in metadata", async () => {
      for (const index of [0, 1, 2, 3, 4, 5, 6, 7]) {
        const row = testRows[index] as { question: string; answer: string };
        const correct = finalAnswer(row.answer);
        const right = await client.session("gsm8k", { split: "test", index }, async (sid) => {
          const prompt = await client.prompt("gsm8k", sid);
          expect(prompt[0]?.text).toBe(row.question);
          expect(blocksText(prompt)).toContain('calling the tool "submit"');
          return (await client.call("gsm8k", sid, { name: "submit", input: { answer: correct } })).result;
        });
        expect(right).toMatchObject({ ok: true, output: { reward: 1.1, finished: true } });
        if (!right.ok) throw new Error(right.error);
        expect(right.output.metadata).toMatchObject({
          components: { correct: 1, plain_number: 1 },
          attempt: 1,
        });
        const wrong = await client.session(
          "gsm8k",
          { split: "test", index },
          async (sid) =>
            (
              await client.call("gsm8k", sid, {
                name: "submit",
                input: {
                  answer: `The answer is ${Number(correct.replace(/,/g, "")) + 1}`,
                },
              })
            ).result,
        );
        expect(wrong).toMatchObject({ ok: true, output: { reward: 0, finished: true } });
        if (!wrong.ok) throw new Error(wrong.error);
        expect(wrong.output.metadata).toMatchObject({ components: { correct: 0, plain_number: 0 } });
      }
    });

    it("gives more attempts where configured, and refuses bad submissions without scoring", async () => {
      const row = testRows[2] as { question: string; answer: string };
      await client.session("gsm8k-retry", { split: "test", index: 2 }, async (sid) => {
        const refused = await client.call("gsm8k-retry", sid, { name: "submit", input: { guess: "1" } });
        expect(refused.result).toEqual({
          ok: false,
          error: 'Tool input error: unexpected argument "guess"; expected only "answer"',
        });
        const first = await client.call("gsm8k-retry", sid, { name: "submit", input: { answer: "-1" } });
        expect(first.result).toMatchObject({ ok: true, output: { reward: 0.1, finished: false } });
        const second = await client.call("gsm8k-retry", sid, {
          name: "submit",
          input: { answer: finalAnswer(row.answer) },
        });
        expect(second.result).toMatchObject({
          ok: true,
          output: { reward: 1.1, finished: true, metadata: { attempt: 2 } },
        });
      });
      expect(await client.numTasks("gsm8k-retry", "test")).toBe(20);
    });

    it("looks a task up on the server: a stale or made-up task is a 400, never a client-supplied reference", async () => {
      const stale = client.create(await client.createSession(), {
        env_name: "gsm8k",
        task_spec: { split: "test", index: 0, id: "test-2" },
      });
      await expect(stale).rejects.toThrow(OrsHttpError);
      await expect(stale).rejects.toMatchObject({ status: 400 });
      const byId = await client.session("gsm8k", { task_spec: { split: "test", id: "test-3" } }, (sid) =>
        client.prompt("gsm8k", sid),
      );
      expect(byId[0]?.text).toBe(testRows[2]?.question); // ids default to <split>-<line>, lines from 1
    });
  },
);

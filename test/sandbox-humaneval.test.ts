import { afterAll, describe, expect, it } from "vitest";
import {
  type HumanEvalTask,
  humanEvalCompletion,
  humanEvalMutants,
  humanEvalTests,
  readHumanEval,
} from "../bench/sandbox/humaneval-tasks.mjs";
import { BubblewrapRunner } from "../src/sandbox/index.js";
import { makeSample } from "../src/testing/index.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";
import { scoreWith } from "./sandbox-helpers.js";

/**
 * Issue 15 §4: HumanEval through the `code` node (prompt + solution, tests + `check(entry_point)`).
 * Every canonical solution must score 1; systematic mutants must get the verdict HumanEval's own
 * harness gives them (program + tests + check run in one Python process: pass when it exits 0).
 * All 164 tasks and all their mutants are run by `node bench/sandbox/humaneval.mjs`.
 */

const present = hasSharedData("humaneval/HumanEval.jsonl.gz");
const tasks: HumanEvalTask[] = present ? readHumanEval(sharedDataPath("humaneval/HumanEval.jsonl.gz")) : [];
const node = { type: "code", limits: { cpu_ms: 5_000, wall_ms: 20_000 }, concurrency: 2 };
const runner = new BubblewrapRunner({ concurrency: 2 });
afterAll(() => runner.close());

describe.skipIf(!present)("HumanEval through the code node", () => {
  it("all 164 canonical solutions score 1", async () => {
    expect(tasks).toHaveLength(164);
    const results = await scoreWith(
      node,
      tasks.map((task) =>
        makeSample({
          id: task.task_id,
          completion: humanEvalCompletion(task, task.canonical_solution),
          reference: { language: "python", assert: humanEvalTests(task) },
        }),
      ),
    );
    const failed = results
      .map((result, index) => ({ id: tasks[index]?.task_id, result }))
      .filter(({ result }) => result.score !== 1)
      .map(({ id, result }) => `${id}: ${result.score} ${result.reason ?? result.error?.message}`);
    expect(failed).toEqual([]);
  }, 300_000);

  it("mutants (off by one, wrong operator, return None) get HumanEval's own verdict; return None always fails", async () => {
    const mutants = tasks
      .filter((_, index) => index % 8 === 0)
      .flatMap((task) =>
        (humanEvalMutants(task) as Array<{ kind: string; body: string }>).map((mutant) => ({
          task,
          ...mutant,
        })),
      );
    const results = await scoreWith(
      node,
      mutants.map(({ task, body }) =>
        makeSample({
          completion: humanEvalCompletion(task, body),
          reference: { language: "python", assert: humanEvalTests(task) },
        }),
      ),
    );
    const harness = await Promise.all(
      mutants.map(async ({ task, body }) => {
        const outcome = await runner.run({
          language: "python",
          source: `${task.prompt}${body}\n${humanEvalTests(task)}`,
          limits: { cpuMs: 5_000, wallMs: 20_000 },
        });
        return outcome.exitCode === 0 && outcome.limit === undefined;
      }),
    );
    const disagreements = mutants
      .map(({ task, kind }, index) => ({
        what: `${task.task_id} ${kind}`,
        rewardkit: results[index]?.score === 1,
        humaneval: harness[index],
      }))
      .filter((row) => row.rewardkit !== row.humaneval);
    expect(disagreements).toEqual([]);
    const killed = results.filter((result) => result.score < 1).length;
    expect(killed / mutants.length).toBeGreaterThan(0.85);
    const returnNone = mutants.flatMap(({ kind }, index) => (kind === "return_none" ? [results[index]] : []));
    expect(returnNone.length).toBe(21);
    expect(returnNone.every((result) => (result?.score ?? 1) < 1)).toBe(true);
  }, 300_000);
});

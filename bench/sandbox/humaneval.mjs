#!/usr/bin/env node
// HumanEval through the `code` node: every canonical solution (prompt + solution, tests +
// check(entry_point)) at concurrency 1 and 2 — pass rate and programs/s — then every systematic
// mutant (off by one, wrong operator, return None): how many fail, and whether each verdict equals
// HumanEval's own harness (program + tests in one Python process, pass = exit 0).
// Usage: npm run build && node bench/sandbox/humaneval.mjs [--data ../shared/data/humaneval/HumanEval.jsonl.gz]
import { resolve } from "node:path";
import { loadSpec } from "../../dist/engine/index.js";
import { BubblewrapRunner } from "../../dist/sandbox/index.js";
import { testContext } from "../../dist/testing/index.js";
import { humanEvalCompletion, humanEvalMutants, humanEvalTests, readHumanEval } from "./humaneval-tasks.mjs";

const args = process.argv.slice(2);
const dataIndex = args.indexOf("--data");
const data = resolve(dataIndex >= 0 ? args[dataIndex + 1] : "../shared/data/humaneval/HumanEval.jsonl.gz");
const tasks = readHumanEval(data);
const limits = { cpu_ms: 5_000, wall_ms: 20_000 };

async function scoreAll(samples, concurrency) {
  const loaded = await loadSpec({ version: 1, reward: { type: "code", limits, concurrency } });
  try {
    const started = performance.now();
    const results = await loaded.reward.score(samples, testContext({ concurrency }));
    return { results, seconds: (performance.now() - started) / 1000 };
  } finally {
    await loaded.close();
  }
}

const sample = (task, body) => ({
  prompt: task.prompt,
  completion: humanEvalCompletion(task, body),
  reference: { language: "python", assert: humanEvalTests(task) },
});

const lines = [];
for (const concurrency of [1, 2]) {
  const { results, seconds } = await scoreAll(
    tasks.map((task) => sample(task, task.canonical_solution)),
    concurrency,
  );
  const passed = results.filter((result) => result.score === 1).length;
  lines.push(
    `canonical, concurrency ${concurrency}: ${passed}/${tasks.length} pass, ${seconds.toFixed(1)} s, ${(tasks.length / seconds).toFixed(2)} programs/s`,
  );
  console.log(lines.at(-1));
}

const mutants = tasks.flatMap((task) => humanEvalMutants(task).map((mutant) => ({ task, ...mutant })));
const { results, seconds } = await scoreAll(
  mutants.map(({ task, body }) => sample(task, body)),
  2,
);
const runner = new BubblewrapRunner({ concurrency: 2 });
const harness = [];
let next = 0;
await Promise.all(
  [0, 1].map(async () => {
    while (next < mutants.length) {
      const index = next++;
      const { task, body } = mutants[index];
      const outcome = await runner.run({
        language: "python",
        source: `${task.prompt}${body}\n${humanEvalTests(task)}`,
        limits: { cpuMs: 5_000, wallMs: 20_000 },
      });
      harness[index] = outcome.exitCode === 0 && outcome.limit === undefined;
    }
  }),
);
await runner.close();
for (const kind of ["off_by_one", "wrong_operator", "return_none"]) {
  const indexes = mutants.flatMap((mutant, index) => (mutant.kind === kind ? [index] : []));
  const failed = indexes.filter((index) => results[index].score < 1).length;
  const humanEvalFailed = indexes.filter((index) => !harness[index]).length;
  const agree = indexes.filter((index) => (results[index].score === 1) === harness[index]).length;
  lines.push(
    `${kind}: ${indexes.length} mutants, rewardkit fails ${failed} (${((100 * failed) / indexes.length).toFixed(1)}%), HumanEval's harness fails ${humanEvalFailed}, verdicts agree on ${agree}/${indexes.length}`,
  );
  console.log(lines.at(-1));
}
const disagreements = mutants
  .map((mutant, index) => ({
    id: `${mutant.task.task_id} ${mutant.kind}`,
    ours: results[index].score === 1,
    theirs: harness[index],
  }))
  .filter((row) => row.ours !== row.theirs);
console.log(
  `mutants scored at concurrency 2 in ${seconds.toFixed(1)} s (${(mutants.length / seconds).toFixed(2)} programs/s); disagreements: ${JSON.stringify(disagreements)}`,
);

import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openRows } from "../src/io/index.js";
import { batchOf, expectClose, runEstimator } from "./helpers/advantage-batch.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { trlGrpo, verlGrpo } from "./helpers/trainer-formulas.js";

let folder: string;
const rows = [
  { id: "a", group: "q1", reward: 1, components: { format: 1, correct: 1 } },
  { id: "b", group: "q1", reward: 0, components: { format: 1, correct: 0 } },
  { id: "c", group: "q1", reward: null },
  { id: "d", group: "q1", reward: 0, components: { format: 0, correct: 0 } },
  { id: "e", group: "q2", reward: 1, components: { format: 1, correct: 1 } },
  { id: "f", group: "q2", reward: 1, components: { format: 0, correct: 1 } },
  { id: "g", group: "q3", completion: "no reward here" },
  { id: "h", group: "q4", reward: 0.5, components: { format: 1, correct: null } },
];

function jsonl(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join("\n");
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-advantages-"));
  await writeFile(join(folder, "rows.jsonl"), `${jsonl(rows)}\n{"id": "broken"\n`);
});

describe("rewardkit advantages", () => {
  it("writes each row with its advantage, names unusable rows by line, and prints diagnostics", async () => {
    const run = await runCli(["advantages", "--estimator", "grpo", "--input", join(folder, "rows.jsonl")]);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout);
    expect(out.map((row) => row.id)).toEqual(["a", "b", "d", "e", "f", "h"]);
    // The skipped row is not part of q1's statistics: q1 is [1, 0, 0].
    const expected = verlGrpo([1, 0, 0, 1, 1, 0.5], ["q1", "q1", "q1", "q2", "q2", "q4"]);
    expectClose(
      out.map((row) => row.advantage as number),
      expected,
    );
    expect(out[0]).toMatchObject({ id: "a", group: "q1", reward: 1, components: { format: 1, correct: 1 } });
    expect(run.stderr).toContain("rows.jsonl:3: skipped: reward: expected a finite number, received null");
    expect(run.stderr).toContain("rows.jsonl:7: skipped: reward: expected a finite number, received nothing");
    expect(run.stderr).toMatch(/rows\.jsonl:9: skipped: invalid JSON/);
    expect(run.stderr).toContain("advantages (grpo): 6 rows");
    expect(run.stderr).toContain("3 rows skipped");
    expect(run.stderr).toMatch(/zero std\s+1 of 2 groups \(50\.0%\)/);
    // q4's one reward (0.5) never reaches --correct-at 1: no sample of it is correct, so it is all wrong.
    expect(run.stderr).toMatch(/all correct 1 \(33\.3%\), all wrong 1 \(33\.3%\)/);
  });

  it("takes estimator options as YAML values, dotted keys included", async () => {
    const input = join(folder, "rows.jsonl");
    const run = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--option",
      "preset=trl",
      "--option",
      "objectives={format: 0.2, correct: 1}",
      "--option",
      "aggregation=normalize_then_sum",
      "--input",
      input,
    ]);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout);
    // The same batch through the library: the objectives map arrived intact.
    const used = rows.filter((row) => typeof row.reward === "number");
    const expected = runEstimator(
      {
        type: "grpo",
        preset: "trl",
        aggregation: "normalize_then_sum",
        objectives: { format: 0.2, correct: 1 },
      },
      batchOf(
        used.map((row) => row.reward as number),
        used.map((row) => row.group),
        {
          components: used.map((row) =>
            Object.fromEntries(Object.entries(row.components ?? {}).filter(([, value]) => value !== null)),
          ) as Record<string, number>[],
        },
      ),
    );
    expectClose(
      out.map((row) => row.advantage as number),
      expected.advantages,
    );
    const filtered = await runCli([
      "advantages",
      "--estimator",
      "rloo",
      "--option",
      "filter.type=zero_std",
      "--option",
      "preset=trl",
      "--input",
      input,
    ]);
    const filteredRows = parseJsonl(filtered.stdout);
    expect(filteredRows.filter((row) => row.filtered === true).map((row) => row.id)).toEqual(["e", "f"]);
    expect(filtered.stderr).toMatch(/filtered\s+1 groups, 2 rows/);
  });

  it("matches TRL on equal groups through the command line (scale batch)", async () => {
    const rewards = [1, 0, 0, 1, 1, 1, 0, 0.5, 0.25];
    const input = join(folder, "equal.jsonl");
    await writeFile(
      input,
      jsonl(rewards.map((reward, index) => ({ group: `p${Math.floor(index / 3)}`, reward }))),
    );
    const run = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--option",
      "preset=trl",
      "--option",
      "scale=batch",
      "--input",
      input,
    ]);
    expectClose(
      parseJsonl(run.stdout).map((row) => row.advantage as number),
      trlGrpo(
        rewards.map((reward) => [reward]),
        [1],
        3,
        { scaleRewards: "batch" },
      ),
    );
  });

  it("reads the estimator from a spec's advantage section, and --option overrides it", async () => {
    const spec = join(folder, "spec.yaml");
    await writeFile(spec, "version: 1\nreward: { type: length }\nadvantage: { type: rloo, preset: verl }\n");
    const input = join(folder, "solo.jsonl");
    await writeFile(input, jsonl([{ group: "x", reward: 0.25 }]));
    const fromSpec = await runCli(["advantages", "--spec", spec, "--input", input]);
    expect(parseJsonl(fromSpec.stdout)[0]?.advantage).toBe(0.25);
    const overridden = await runCli([
      "advantages",
      "--spec",
      spec,
      "--option",
      "preset=trl",
      "--input",
      input,
    ]);
    expect(parseJsonl(overridden.stdout)[0]?.advantage).toBe(0);
    const clash = await runCli(["advantages", "--spec", spec, "--estimator", "grpo", "--input", input]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--estimator grpo disagrees with the spec\'s advantage type "rloo"');
  });

  it("exits 2 on a bad option, naming the field, and on an unknown estimator, listing the known ones", async () => {
    const input = join(folder, "rows.jsonl");
    const bad = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--option",
      "epsilon=tiny",
      "--input",
      input,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("rewardkit: advantage.epsilon: expected number, received string");
    const unknown = await runCli(["advantages", "--estimator", "ppo", "--input", input]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown advantage estimator "ppo" \(known: .*grpo.*rloo/);
    const malformed = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--option",
      "epsilon",
      "--input",
      input,
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("--option epsilon: write key=value");
    const none = await runCli(["advantages", "--input", input]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("name an estimator with --estimator NAME");
  });

  it("names the row whose data an estimator cannot use, and exits 2", async () => {
    const input = join(folder, "logprobs.jsonl");
    await writeFile(
      input,
      jsonl([
        { group: "p", reward: 1, meta: { logprobs: -0.5 } },
        { group: "p", reward: 0 },
      ]),
    );
    const run = await runCli(["advantages", "--estimator", "unlikeliness", "--input", input]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("logprobs.jsonl:2: meta.logprobs: expected a log-probability");
  });

  it("groups by another column with --group-field, prompts given as messages included", async () => {
    const input = join(folder, "prompts.jsonl");
    const prompt = [{ role: "user", content: "2+2?" }];
    await writeFile(
      input,
      jsonl([
        { prompt, reward: 1 },
        { prompt, reward: 0 },
        { prompt: [{ role: "user", content: "3+3?" }], reward: 1 },
      ]),
    );
    const run = await runCli([
      "advantages",
      "--estimator",
      "rloo",
      "--group-field",
      "prompt",
      "--input",
      input,
    ]);
    expect(parseJsonl(run.stdout).map((row) => row.advantage)).toEqual([1, -1, 1]);
  });

  it("writes per-group summaries, the summary as JSON, and Parquet output", async () => {
    const groupsJson = join(folder, "groups.jsonl");
    const summaryJson = join(folder, "summary.json");
    const output = join(folder, "advantages.parquet");
    const run = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--input",
      join(folder, "rows.jsonl"),
      "--output",
      output,
      "--groups",
      "--groups-json",
      groupsJson,
      "--summary-json",
      summaryJson,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^q2\s+2\s+1\.0000\s+0\.0000\s+0\.0000\s+0\.0000\s+zero-std,all-correct$/m);
    const groups = parseJsonl(await readFile(groupsJson, "utf8"));
    expect(groups.map((group) => [group.group, group.size, group.zero_std])).toEqual([
      ["q1", 3, false],
      ["q2", 2, true],
      ["q4", 1, false],
    ]);
    const summary = JSON.parse(await readFile(summaryJson, "utf8")) as Record<string, number>;
    expect(summary).toMatchObject({
      rows: 6,
      skipped_rows: 3,
      groups: 3,
      zero_std_groups: 1,
      all_correct_groups: 1,
    });
    const written: Record<string, unknown>[] = [];
    for await (const read of await openRows(output)) if (read.ok) written.push(read.row);
    expect(written.map((row) => row.id)).toEqual(["a", "b", "d", "e", "f", "h"]);
    expect(typeof written[0]?.advantage).toBe("number");
  });

  it("writes per-step advantages for trajectories (GiGPO)", async () => {
    const input = join(folder, "trajectories.jsonl");
    await writeFile(
      input,
      jsonl([
        {
          group: "task",
          reward: 1,
          steps: [
            { state: "s0", reward: 0 },
            { state: "s1", reward: 1 },
          ],
        },
        {
          group: "task",
          reward: 0,
          steps: [
            { state: "s0", reward: 0 },
            { state: "s2", reward: 0 },
          ],
        },
      ]),
    );
    const run = await runCli([
      "advantages",
      "--estimator",
      "gigpo",
      "--option",
      "mode=mean_norm",
      "--input",
      input,
    ]);
    const out = parseJsonl(run.stdout);
    expect(out.map((row) => row.advantage)).toEqual([0.5, -0.5]);
    expectClose(out[0]?.step_advantages as number[], [0.5 + 0.475, 0.5]);
  });

  it("gathers a group whose rows are not together, from a file and from stdin, and keeps input order", async () => {
    const input = join(folder, "unsorted.jsonl");
    const unsorted = [
      { id: "a", group: "q1", reward: 1 },
      { id: "b", group: "q2", reward: 0 },
      { id: "c", group: "q1", reward: 0 },
      { id: "d", group: "q2", reward: 1 },
      { id: "e", group: "q1", reward: 0 },
    ];
    await writeFile(input, jsonl(unsorted));
    // The advantages of the rows sorted by group, in the unsorted order.
    const sorted = verlGrpo([1, 0, 0, 0, 1], ["q1", "q1", "q1", "q2", "q2"]);
    const expected = [sorted[0], sorted[3], sorted[1], sorted[4], sorted[2]] as number[];
    for (const run of [
      await runCli(["advantages", "--estimator", "grpo", "--batch-size", "1", "--input", input]),
      await runCli(["advantages", "--estimator", "grpo", "--batch-size", "1"], { stdin: jsonl(unsorted) }),
    ]) {
      expect(run.code).toBe(0);
      const out = parseJsonl(run.stdout);
      expect(out.map((row) => row.id)).toEqual(["a", "b", "c", "d", "e"]);
      expectClose(
        out.map((row) => row.advantage as number),
        expected,
      );
      expect(run.stderr).toContain("the rows were not sorted by group; they were gathered by group");
      expect(run.stderr).toMatch(/groups\s+2 \(0 of one\)/);
    }
    const inOrder = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--input",
      join(folder, "rows.jsonl"),
    ]);
    expect(inOrder.stderr).not.toContain("gathered");
  });

  it("streams a file into a file at once and starts over when a group comes back, telling each bad row and group once", async () => {
    const input = join(folder, "unsorted-late.jsonl");
    // Sorted for the first eight lines (a bad one among them), then q1 comes back: by then batches
    // of one row each have been written with q1 incomplete; the output must be written again.
    const head = [
      { id: "a", group: "q1", reward: 1 },
      { id: "b", group: "q1", reward: 0 },
      { id: "c", group: "q2", reward: 0 },
      { id: "d", group: "q2", reward: 1 },
      { id: "e", group: "q3", reward: 1 },
      { id: "f", group: "q3", reward: 1 },
    ];
    const lines = [...head.slice(0, 3).map((row) => JSON.stringify(row)), '{"id": "broken"'];
    lines.push(
      ...head.slice(3).map((row) => JSON.stringify(row)),
      JSON.stringify({ id: "g", group: "q1", reward: 0 }),
    );
    await writeFile(input, `${lines.join("\n")}\n`);
    const output = join(folder, "unsorted-late.out.jsonl");
    const groupsJson = join(folder, "unsorted-late.groups.jsonl");
    const run = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--batch-size",
      "1",
      "--input",
      input,
      "--output",
      output,
      "--groups-json",
      groupsJson,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/unsorted-late\.jsonl:4: skipped/g)).toHaveLength(1);
    expect(run.stderr).toContain("the rows were not sorted by group; they were gathered by group");
    const out = parseJsonl(await readFile(output, "utf8"));
    expect(out.map((row) => row.id)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    const sorted = verlGrpo([1, 0, 0, 0, 1, 1, 1], ["q1", "q1", "q1", "q2", "q2", "q3", "q3"]);
    expectClose(
      out.map((row) => row.advantage as number),
      [sorted[0], sorted[1], sorted[3], sorted[4], sorted[5], sorted[6], sorted[2]] as number[],
    );
    const groups = parseJsonl(await readFile(groupsJson, "utf8"));
    expect(groups.map((group) => [group.group, group.size]).sort()).toEqual([
      ["q1", 3],
      ["q2", 2],
      ["q3", 2],
    ]);
  });

  it("streams a sorted file into a file in one read, with the same output as through stdout", async () => {
    const output = join(folder, "sorted.out.jsonl");
    const run = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--input",
      join(folder, "rows.jsonl"),
      "--output",
      output,
    ]);
    const piped = await runCli(["advantages", "--estimator", "grpo", "--input", join(folder, "rows.jsonl")]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("gathered");
    expect(await readFile(output, "utf8")).toBe(piped.stdout);
    expect(run.stderr.match(/rows\.jsonl:\d+: skipped/g)).toEqual(
      piped.stderr.match(/rows\.jsonl:\d+: skipped/g),
    );
  });

  it("has --help with examples and the list of estimators", async () => {
    const run = await runCli(["advantages", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "rewardkit advantages --estimator grpo --option preset=trl --option scale=batch",
    );
    expect(run.stdout).toMatch(/Estimators: .*gigpo.*reinforce_pp.*spa/);
  });
});

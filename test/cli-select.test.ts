import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../src/core/index.js";
import { openRows } from "../src/io/index.js";
import { parseJsonl, repoRoot, runCli } from "./helpers/cli.js";
import { answerMatchModule, gsm8kRollouts } from "./helpers/gsm8k.js";
import { hasSharedData } from "./helpers/shared-data.js";

// `rewardkit select` (interface.md "rewardkit select"; issue 20) on GSM8K's labelled model solutions:
// 60 questions × 4 solutions, scored by `rewardkit score`, shuffled, then selected.
let folder: string;
let scored: Record<string, unknown>[] = [];
let ready = false;
const jsonl = (values: readonly unknown[]) => values.map((value) => `${JSON.stringify(value)}\n`).join("");
const checker = join(repoRoot, "test/python/check_trl_rows.py");

async function readRows(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const read of await openRows(file)) if (read.ok) out.push(read.row);
  return out;
}

function shuffle<T>(values: readonly T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...values];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

function byGroup(rows: readonly Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) groups.set(String(row.group), [...(groups.get(String(row.group)) ?? []), row]);
  return groups;
}

function pythonCheck(file: string, kind: "sft" | "preference") {
  const run = spawnSync("python3", [checker, file, kind], { encoding: "utf8" });
  return { status: run.status, result: JSON.parse(run.stdout.trim() || "{}") as Record<string, unknown> };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-select-"));
  if (!hasSharedData("gsm8k/example_model_solutions.jsonl")) return;
  const rollouts = await gsm8kRollouts(60);
  const rows = rollouts.map((rollout, index) => ({
    id: `s${index}`,
    group: `q${Math.floor(index / 4)}`,
    prompt: rollout.question,
    completion: rollout.solution,
    reference: rollout.reference,
    meta: { is_correct: rollout.isCorrect },
  }));
  await writeFile(join(folder, "rows.jsonl"), jsonl(shuffle(rows, 20)));
  await writeFile(join(folder, "answer.mjs"), answerMatchModule);
  await writeFile(
    join(folder, "spec.json"),
    JSON.stringify({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 1, reward: { type: "module", name: "correct", path: "answer.mjs" } },
          { weight: 0.1, reward: { type: "length", name: "short", unit: "words", max: 400 } },
        ],
      },
    }),
  );
  const score = await runCli([
    "score",
    "--spec",
    join(folder, "spec.json"),
    "--input",
    join(folder, "rows.jsonl"),
    "--output",
    join(folder, "scored.jsonl"),
  ]);
  expect(score.code).toBe(0);
  scored = parseJsonl(await readFile(join(folder, "scored.jsonl"), "utf8"));
  ready = true;
}, 120_000);

describe("rewardkit select on shuffled, scored GSM8K groups", () => {
  it("best_of_n: one row per group, its highest reward, in input order — from a file and from stdin", async () => {
    if (!ready) return;
    const input = join(folder, "scored.jsonl");
    const fromFile = await runCli(["select", "--method", "best_of_n", "--input", input]);
    const fromStdin = await runCli(["select", "--method", "best_of_n"], { stdin: jsonl(scored) });
    const best = new Map(
      [...byGroup(scored)].map(([group, rows]) => [
        group,
        Math.max(...rows.map((row) => row.reward as number)),
      ]),
    );
    for (const run of [fromFile, fromStdin]) {
      expect(run.code).toBe(0);
      const out = parseJsonl(run.stdout);
      expect(out).toHaveLength(60);
      for (const row of out) expect(row.reward).toBe(best.get(String(row.group)));
      const order = scored.map((row) => row.id);
      const positions = out.map((row) => order.indexOf(row.id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(run.stderr).toContain("gathered by group");
      expect(run.stderr).toMatch(/select \(best_of_n\): 240 rows in 60 groups .* 60 rows written/);
    }
  });

  it("top_k (RAFT): the k best of each group; --scope global keeps k × groups over the file; --format trl loads as TRL prompt-completion rows", async () => {
    if (!ready) return;
    const input = join(folder, "scored.jsonl");
    const top = await runCli(["select", "--method", "top_k", "--k", "2", "--input", input]);
    expect(top.code).toBe(0);
    const kept = parseJsonl(top.stdout);
    expect(kept).toHaveLength(120);
    for (const [group, rows] of byGroup(scored)) {
      const expected = rows
        .map((row) => row.reward as number)
        .sort((a, b) => b - a)
        .slice(0, 2);
      const got = kept
        .filter((row) => row.group === group)
        .map((row) => row.reward as number)
        .sort((a, b) => b - a);
      expect(got).toEqual(expected);
    }
    const global = await runCli([
      "select",
      "--method",
      "top_k",
      "--k",
      "1",
      "--scope",
      "global",
      "--input",
      input,
    ]);
    const globalRows = parseJsonl(global.stdout);
    expect(globalRows).toHaveLength(60);
    const cutoff = scored.map((row) => row.reward as number).sort((a, b) => b - a)[59] as number;
    for (const row of globalRows) expect(row.reward as number).toBeGreaterThanOrEqual(cutoff);
    const sft = join(folder, "sft.jsonl");
    expect(
      (
        await runCli([
          "select",
          "--method",
          "top_k",
          "--k",
          "2",
          "--format",
          "trl",
          "--input",
          input,
          "--output",
          sft,
        ])
      ).code,
    ).toBe(0);
    const trl = parseJsonl(await readFile(sft, "utf8"));
    expect(Object.keys(trl[0] ?? {})).toEqual(["prompt", "completion"]);
    const check = pythonCheck(sft, "sft");
    expect(check).toEqual({ status: 0, result: { ok: true, rows: 120, format: "standard" } });
  });

  it("top_k with --temperature draws the same rows whatever the input order (seeded by group)", async () => {
    if (!ready) return;
    await writeFile(join(folder, "reshuffled.jsonl"), jsonl(shuffle(scored, 99)));
    const ids = async (file: string) =>
      parseJsonl(
        (
          await runCli([
            "select",
            "--method",
            "top_k",
            "--k",
            "2",
            "--temperature",
            "0.5",
            "--seed",
            "4",
            "--input",
            file,
          ])
        ).stdout,
      )
        .map((row) => String(row.id))
        .sort();
    const first = await ids(join(folder, "scored.jsonl"));
    expect(first).toHaveLength(120);
    expect(await ids(join(folder, "reshuffled.jsonl"))).toEqual(first);
  });

  it("rejection by a component keeps exactly the correct solutions (by GSM8K's labels)", async () => {
    if (!ready) return;
    const run = await runCli([
      "select",
      "--method",
      "rejection",
      "--threshold",
      "1",
      "--by",
      "components.correct",
      "--input",
      join(folder, "scored.jsonl"),
    ]);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout);
    const correct = scored.filter((row) => (row.meta as { is_correct: boolean }).is_correct);
    expect(out.map((row) => row.id)).toEqual(correct.map((row) => row.id));
  });

  it("pairs: best against worst in every group with a correct and a wrong solution; DPO rows TRL loads", async () => {
    if (!ready) return;
    const output = join(folder, "pairs.jsonl");
    const run = await runCli([
      "select",
      "--method",
      "pairs",
      "--min-margin",
      "0.5",
      "--input",
      join(folder, "scored.jsonl"),
      "--output",
      output,
    ]);
    expect(run.code).toBe(0);
    const pairs = parseJsonl(await readFile(output, "utf8"));
    const mixed = [...byGroup(scored)].filter(([, rows]) => {
      const labels = rows.map((row) => (row.meta as { is_correct: boolean }).is_correct);
      return labels.includes(true) && labels.includes(false);
    });
    expect(pairs).toHaveLength(mixed.length);
    const byText = new Map(scored.map((row) => [`${row.group}\u0000${row.completion}`, row]));
    for (const pair of pairs) {
      expect(Object.keys(pair)).toEqual(["prompt", "chosen", "rejected", "margin", "group"]);
      const chosen = byText.get(`${pair.group}\u0000${pair.chosen}`) as Record<string, unknown>;
      const rejected = byText.get(`${pair.group}\u0000${pair.rejected}`) as Record<string, unknown>;
      expect((chosen.meta as { is_correct: boolean }).is_correct).toBe(true);
      expect((rejected.meta as { is_correct: boolean }).is_correct).toBe(false);
      expect(pair.margin as number).toBeCloseTo((chosen.reward as number) - (rejected.reward as number), 12);
      expect(pair.margin as number).toBeGreaterThanOrEqual(0.5);
    }
    expect(pythonCheck(output, "preference")).toEqual({
      status: 0,
      result: { ok: true, rows: mixed.length, format: "standard" },
    });
  });

  it("pairs with a reference answer (DNO): the chosen must score at least the group's teacher row", async () => {
    if (!ready) return;
    // Each group gets its reference solution as a teacher row scored like the others (reward 1 + length).
    const teacherRows = [...byGroup(scored)].map(([group, rows]) => ({
      id: `${group}-teacher`,
      group,
      prompt: rows[0]?.prompt,
      completion: rows[0]?.reference,
      reward: 1.1,
      components: { correct: 1, short: 1 },
      meta: { teacher: true },
    }));
    await writeFile(join(folder, "with-teacher.jsonl"), jsonl([...scored, ...teacherRows]));
    const pairs = parseJsonl(
      (
        await runCli([
          "select",
          "--method",
          "pairs",
          "--reference-flag",
          "meta.teacher",
          "--input",
          join(folder, "with-teacher.jsonl"),
        ])
      ).stdout,
    );
    // Groups where every solution ties the teacher (all correct, reward 1.1) have no pair (margin 0).
    const tied = [...byGroup(scored)].filter(([, rows]) => rows.every((row) => row.reward === 1.1)).length;
    expect(tied).toBeGreaterThan(0);
    expect(pairs.length).toBe(60 - tied);
    const rewardOf = new Map(
      [...scored, ...teacherRows].map((row) => [`${row.group}\u0000${row.completion}`, row.reward as number]),
    );
    for (const pair of pairs)
      expect(rewardOf.get(`${pair.group}\u0000${pair.chosen}`) as number).toBeGreaterThanOrEqual(1.1);
  });

  it("writes gzip and Parquet that read back as the JSONL selection", async () => {
    if (!ready) return;
    const input = join(folder, "scored.jsonl");
    const plain = parseJsonl(
      (await runCli(["select", "--method", "top_k", "--k", "2", "--input", input])).stdout,
    );
    for (const extension of [".jsonl.gz", ".parquet"]) {
      const output = join(folder, `top${extension}`);
      expect(
        (await runCli(["select", "--method", "top_k", "--k", "2", "--input", input, "--output", output]))
          .code,
      ).toBe(0);
      const back = await readRows(output);
      expect(back.map((row) => [row.id, row.reward, row.components])).toEqual(
        plain.map((row) => [row.id, row.reward, row.components]),
      );
    }
  });
});

describe("rewardkit select: the exit-code and file contract", () => {
  const rows = [
    { id: "a1", group: "a", prompt: [{ role: "user", content: "2+2?" }], completion: "4", reward: 1 },
    { id: "a2", group: "a", prompt: [{ role: "user", content: "2+2?" }], completion: "5", reward: 0 },
  ];

  it("refuses an output that is the input and a missing output folder (exit 2, nothing written)", async () => {
    const input = join(folder, "small.jsonl");
    await writeFile(input, jsonl(rows));
    const same = await runCli(["select", "--method", "best_of_n", "--input", input, "--output", input]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--output .* is the same file as --input/);
    expect(await readFile(input, "utf8")).toBe(jsonl(rows));
    const missing = join(folder, "nowhere", "out.jsonl");
    const run = await runCli(["select", "--method", "best_of_n", "--input", input, "--output", missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `rewardkit: --output ${missing}: the directory ${join(folder, "nowhere")} does not exist\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it("bad usage is exit 2 with one line naming the flag", async () => {
    const input = join(folder, "small.jsonl");
    for (const [args, message] of [
      [["select", "--input", input], "name a method with --method"],
      [
        ["select", "--method", "best", "--input", input],
        '--method: expected one of best_of_n, top_k, pairs, rejection, got "best"',
      ],
      [["select", "--method", "top_k", "--input", input], "--method top_k needs --k N"],
      [["select", "--method", "rejection", "--input", input], "--method rejection needs --threshold X"],
      [
        ["select", "--method", "best_of_n", "--direction", "a=x", "--input", input],
        "--direction: expected name=weight",
      ],
    ] as const) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it("exit 3 when nothing is read, every row errored, or nothing is selected; the output is still written", async () => {
    await writeFile(join(folder, "empty.jsonl"), "");
    const empty = await runCli([
      "select",
      "--method",
      "best_of_n",
      "--input",
      join(folder, "empty.jsonl"),
      "--output",
      join(folder, "e.jsonl"),
    ]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("nothing usable (exit 3): no row was read");
    expect(existsSync(join(folder, "e.jsonl"))).toBe(true);
    await writeFile(
      join(folder, "errored.jsonl"),
      jsonl(rows.map((row) => ({ ...row, error: { code: "UPSTREAM_ERROR", message: "judge down" } }))),
    );
    const errored = await runCli([
      "select",
      "--method",
      "best_of_n",
      "--input",
      join(folder, "errored.jsonl"),
    ]);
    expect(errored.code).toBe(3);
    expect(errored.stderr).toContain("every row failed: 2 errored of 2");
    expect(
      (
        await runCli([
          "select",
          "--method",
          "best_of_n",
          "--include-errored",
          "--input",
          join(folder, "errored.jsonl"),
        ])
      ).code,
    ).toBe(0);
    const none = await runCli([
      "select",
      "--method",
      "pairs",
      "--min-margin",
      "2",
      "--input",
      join(folder, "small.jsonl"),
    ]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain(
      "nothing was selected from 2 usable rows (no pair met the margin and reference filters)",
    );
    await writeFile(join(folder, "no-reward.jsonl"), jsonl([{ id: "x", group: "g", completion: "c" }]));
    const unusable = await runCli([
      "select",
      "--method",
      "best_of_n",
      "--input",
      join(folder, "no-reward.jsonl"),
    ]);
    expect(unusable.code).toBe(3);
    expect(unusable.stderr).toContain(
      "no-reward.jsonl:1: skipped: reward: expected a finite number, received nothing",
    );
  });

  it("chat prompts: the text answers become assistant messages in TRL rows, which Python loads as conversational", async () => {
    const input = join(folder, "chat.jsonl");
    await writeFile(input, jsonl(rows));
    const pairs = join(folder, "chat-pairs.jsonl");
    const sft = join(folder, "chat-sft.jsonl");
    expect((await runCli(["select", "--method", "pairs", "--input", input, "--output", pairs])).code).toBe(0);
    expect(
      (
        await runCli([
          "select",
          "--method",
          "best_of_n",
          "--format",
          "trl",
          "--input",
          input,
          "--output",
          sft,
        ])
      ).code,
    ).toBe(0);
    expect(parseJsonl(await readFile(pairs, "utf8"))).toEqual([
      {
        prompt: [{ role: "user", content: "2+2?" }],
        chosen: [{ role: "assistant", content: "4" }],
        rejected: [{ role: "assistant", content: "5" }],
        margin: 1,
        group: "a",
      },
    ]);
    expect(pythonCheck(pairs, "preference").result).toEqual({ ok: true, rows: 1, format: "conversational" });
    expect(pythonCheck(sft, "sft").result).toEqual({ ok: true, rows: 1, format: "conversational" });
    // The checker is not a rubber stamp: a row mixing a chat prompt with a text answer fails.
    await writeFile(
      join(folder, "mixed.jsonl"),
      jsonl([{ prompt: [{ role: "user", content: "q" }], completion: "a" }]),
    );
    expect(pythonCheck(join(folder, "mixed.jsonl"), "sft").status).toBe(1);
  });
});

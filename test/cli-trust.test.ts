import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../src/core/index.js";
import { openRows } from "../src/io/index.js";
import { startOpenAIServer } from "../src/testing/index.js";
import { expectClose } from "./helpers/advantage-batch.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { answerMatchModule, gsm8kRollouts } from "./helpers/gsm8k.js";
import { hasSharedData } from "./helpers/shared-data.js";

// Issue 14, "Data must never be lost or silently wrong", and the contract's "Exit codes and files".
let folder: string;
const rows = [
  { id: "p1-a", group: "p1", prompt: "2+3?", completion: "<answer>5</answer>", reference: "5" },
  { id: "p1-b", group: "p1", prompt: "2+3?", completion: "<answer>6</answer>", reference: "5" },
  { id: "p2-a", group: "p2", prompt: "2+2?", completion: "<answer>4</answer>", reference: "4" },
  { id: "p2-b", group: "p2", prompt: "2+2?", completion: "4", reference: "4" },
];
const jsonl = (values: readonly unknown[]) => values.map((value) => `${JSON.stringify(value)}\n`).join("");

async function readRows(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const read of await openRows(file)) if (read.ok) out.push(read.row);
  return out;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-trust-"));
  await writeFile(join(folder, "rows.jsonl"), jsonl(rows));
  // The reward writes a marker when it scores, so a test can tell that nothing was scored.
  await writeFile(
    join(folder, "marked.mjs"),
    `import { appendFileSync } from "node:fs";\nexport default (sample) => { appendFileSync(${JSON.stringify(join(folder, "scored.marker"))}, "x"); return String(sample.completion).includes(String(sample.reference)) ? 1 : 0; };\n`,
  );
  await writeFile(
    join(folder, "spec.json"),
    JSON.stringify({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 0.2, reward: { type: "regex", name: "format", pattern: "^<answer>.*</answer>$" } },
          { weight: 1, reward: { type: "module", name: "correct", path: "marked.mjs" } },
        ],
      },
      advantage: { type: "grpo" },
    }),
  );
});

describe("outputs that would destroy data or fail late", () => {
  it("refuses an output that is the input (itself or through a link) with exit 2, the input untouched", async () => {
    const input = join(folder, "rows.jsonl");
    const before = await readFile(input, "utf8");
    await symlink(input, join(folder, "link.jsonl"));
    const spec = join(folder, "spec.json");
    const runs = [
      await runCli(["score", "--spec", spec, "--input", input, "--output", input]),
      await runCli(["score", "--spec", spec, "--input", join(folder, "link.jsonl"), "--output", input]),
      await runCli([
        "advantages",
        "--estimator",
        "grpo",
        "--input",
        input,
        "--output",
        join(folder, "link.jsonl"),
      ]),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--output .* is the same file as --input .*; writing it would destroy/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await readFile(input, "utf8")).toBe(before);
    expect(existsSync(join(folder, "scored.marker"))).toBe(false);
  });

  it("names a missing output directory (--output, --report) before scoring anything, exit 2", async () => {
    const spec = join(folder, "spec.json");
    const input = join(folder, "rows.jsonl");
    const missing = join(folder, "no-such-folder");
    const output = await runCli([
      "score",
      "--spec",
      spec,
      "--input",
      input,
      "--output",
      join(missing, "out.jsonl"),
    ]);
    const report = await runCli([
      "score",
      "--spec",
      spec,
      "--input",
      input,
      "--output",
      join(folder, "kept.jsonl"),
      "--report",
      join(missing, "report.html"),
    ]);
    expect(output.code).toBe(2);
    expect(output.stderr).toBe(
      `rewardkit: --output ${join(missing, "out.jsonl")}: the directory ${missing} does not exist\n`,
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(
      `rewardkit: --report ${join(missing, "report.html")}: the directory ${missing} does not exist\n`,
    );
    expect(existsSync(join(folder, "scored.marker"))).toBe(false);
    expect(existsSync(join(folder, "kept.jsonl"))).toBe(false);
  });
});

describe("every command reads back what every other writes", () => {
  it("writes gzip for .jsonl.gz that zcat and the reader both read", async () => {
    const output = join(folder, "scored.jsonl.gz");
    const run = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "rows.jsonl"),
      "--output",
      output,
    ]);
    expect(run.code).toBe(0);
    const bytes = await readFile(output);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const zcat = spawnSync("zcat", [output], { encoding: "utf8" });
    expect(zcat.status).toBe(0);
    expect(parseJsonl(zcat.stdout).map((row) => row.id)).toEqual(["p1-a", "p1-b", "p2-a", "p2-b"]);
    expect((await readRows(output)).map((row) => row.reward)).toEqual([1.2, 0.2, 1.2, 1]);
  });

  for (const extension of [".jsonl", ".jsonl.gz", ".parquet"]) {
    it(`round-trips score → advantages → score through ${extension}, objects keeping their shape`, async () => {
      const spec = join(folder, "spec.json");
      const scored = join(folder, `round-scored${extension}`);
      const advantaged = join(folder, `round-advantages${extension}`);
      const again = join(folder, `round-again${extension}`);
      expect(
        (await runCli(["score", "--spec", spec, "--input", join(folder, "rows.jsonl"), "--output", scored]))
          .code,
      ).toBe(0);
      const advantages = await runCli([
        "advantages",
        "--estimator",
        "grpo",
        "--input",
        scored,
        "--output",
        advantaged,
      ]);
      expect(advantages.code).toBe(0);
      expect(advantages.stderr).toContain("4 rows");
      expect((await runCli(["score", "--spec", spec, "--input", advantaged, "--output", again])).code).toBe(
        0,
      );
      const first = await readRows(scored);
      const second = await readRows(advantaged);
      const third = await readRows(again);
      expect(first.map((row) => row.components)).toEqual([
        { format: 1, correct: 1 },
        { format: 1, correct: 0 },
        { format: 1, correct: 1 },
        { format: 0, correct: 1 },
      ]);
      expect(second.map((row) => row.components)).toEqual(first.map((row) => row.components));
      expect(second.map((row) => row.advantage)).toEqual(first.map((row) => row.advantage));
      expect(third.map((row) => [row.id, row.reward, row.components, row.advantage])).toEqual(
        first.map((row) => [row.id, row.reward, row.components, row.advantage]),
      );
    });
  }
});

describe("exit 3 when a run did nothing usable", () => {
  it("exits 3 on an empty input, on every line unreadable, and above --max-error-fraction; the output is still written", async () => {
    const spec = join(folder, "spec.json");
    await writeFile(join(folder, "empty.jsonl"), "");
    await writeFile(join(folder, "garbage.jsonl"), "{not json\n[1]\n");
    await writeFile(join(folder, "half.jsonl"), `${jsonl(rows.slice(0, 2))}{broken\n{broken\n{broken\n`);
    const empty = await runCli([
      "score",
      "--spec",
      spec,
      "--input",
      join(folder, "empty.jsonl"),
      "--output",
      join(folder, "e.jsonl"),
    ]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("rewardkit: nothing usable (exit 3): no row was read");
    expect(await stat(join(folder, "e.jsonl")).then((info) => info.size)).toBe(0);
    const garbage = await runCli(["score", "--spec", spec, "--input", join(folder, "garbage.jsonl")]);
    expect(garbage.code).toBe(3);
    expect(garbage.stderr).toContain("every row failed: 2 unreadable or not usable of 2");
    const half = join(folder, "half.jsonl");
    expect((await runCli(["score", "--spec", spec, "--input", half])).code).toBe(0);
    const strict = await runCli([
      "score",
      "--spec",
      spec,
      "--input",
      half,
      "--max-error-fraction",
      "0.5",
      "--output",
      join(folder, "h.jsonl"),
    ]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain("an error fraction of 0.6000 is above --max-error-fraction 0.5");
    expect(parseJsonl(await readFile(join(folder, "h.jsonl"), "utf8")).length).toBe(2);
    const badFraction = await runCli(["score", "--spec", spec, "--input", half, "--max-error-fraction", "2"]);
    expect(badFraction.code).toBe(2);
  });

  it("names the column a misspelt --map looked for, and exits 3 when it matched no row", async () => {
    await writeFile(
      join(folder, "renamed.jsonl"),
      jsonl(rows.map(({ completion, ...rest }) => ({ ...rest, response: completion }))),
    );
    const run = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "renamed.jsonl"),
      "--map",
      "completion=respnse",
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'completion (mapped from column "respnse" by --map): expected string | array',
    );
    expect(run.stderr).toContain(
      'warning: --map completion=respnse: no row has a column "respnse" (columns seen: id, group, prompt, reference, response)',
    );
    expect(run.stderr).toContain("every row failed: 4 unreadable or not usable of 4");
    const fixed = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "renamed.jsonl"),
      "--map",
      "completion=response",
    ]);
    expect(fixed.code).toBe(0);
  });

  it("exits 3 when a dead judge endpoint (500s, then stopped) gives every row UPSTREAM_ERROR", async () => {
    const server = await startOpenAIServer({ reply: () => ({ status: 500 }) });
    const judgeSpec = (url: string) =>
      JSON.stringify({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            { weight: 0.2, reward: { type: "regex", name: "format", pattern: "^<answer>.*</answer>$" } },
            {
              weight: 1,
              reward: { type: "judge", name: "judge", url, model: "m", retries: 1, retry_backoff_ms: 5 },
            },
          ],
        },
      });
    await writeFile(join(folder, "judge.json"), judgeSpec(server.url));
    const failing = await runCli([
      "score",
      "--spec",
      join(folder, "judge.json"),
      "--input",
      join(folder, "rows.jsonl"),
      "--output",
      join(folder, "judged.jsonl"),
    ]);
    const url = server.url;
    await server.close();
    await writeFile(join(folder, "judge.json"), judgeSpec(url));
    const stopped = await runCli([
      "score",
      "--spec",
      join(folder, "judge.json"),
      "--input",
      join(folder, "rows.jsonl"),
    ]);
    for (const run of [failing, stopped]) {
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/errors: UPSTREAM_ERROR 4 \(4 of 4 rows\)/);
      expect(run.stderr).toContain(
        "rewardkit: nothing usable (exit 3): every row failed: 4 errored (UPSTREAM_ERROR 4) of 4",
      );
    }
    // The output is still written, each row with its error.
    const written = parseJsonl(await readFile(join(folder, "judged.jsonl"), "utf8"));
    expect(written.map((row) => (row.error as { code: string }).code)).toEqual(
      Array(4).fill("UPSTREAM_ERROR"),
    );
    // advantages over those rows: every row carries a scoring error, so it exits 3 too.
    const advantages = await runCli([
      "advantages",
      "--estimator",
      "grpo",
      "--input",
      join(folder, "judged.jsonl"),
    ]);
    expect(advantages.code).toBe(3);
    expect(advantages.stderr).toContain("4 of 4 rows carry a scoring error");
  });
});

describe("groups are whole whatever the input order", () => {
  it("scores shuffled GSM8K rows with the advantages of the sorted rows, in input order", async () => {
    if (!hasSharedData("gsm8k/example_model_solutions.jsonl")) return;
    const rollouts = await gsm8kRollouts(40);
    const gsm = rollouts.map((rollout, index) => ({
      id: `r${index}`,
      group: `q${Math.floor(index / 4)}`,
      prompt: rollout.question,
      completion: rollout.solution,
      reference: rollout.reference,
    }));
    const next = mulberry32(14);
    const shuffled = [...gsm];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(next() * (index + 1));
      [shuffled[index], shuffled[other]] = [
        shuffled[other] as (typeof gsm)[number],
        shuffled[index] as (typeof gsm)[number],
      ];
    }
    // Two rows lose their group: they are named in the summary.
    const ungrouped = shuffled.map((row, index) => (index < 2 ? { ...row, group: undefined } : row));
    await writeFile(join(folder, "gsm8k-answer.mjs"), answerMatchModule);
    const spec = join(folder, "gsm8k.json");
    await writeFile(
      spec,
      JSON.stringify({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            { weight: 1, reward: { type: "module", name: "correct", path: "gsm8k-answer.mjs" } },
            { weight: 0.1, reward: { type: "length", name: "short", unit: "words", max: 400 } },
          ],
        },
        advantage: { type: "grpo" },
      }),
    );
    await writeFile(join(folder, "gsm-sorted.jsonl"), jsonl(gsm));
    await writeFile(join(folder, "gsm-shuffled.jsonl"), jsonl(shuffled));
    const score = (input: string, extra: string[] = []) =>
      runCli(["score", "--spec", spec, "--input", input, "--batch-size", "16", ...extra]);
    const sorted = await score(join(folder, "gsm-sorted.jsonl"));
    const fromFile = await score(join(folder, "gsm-shuffled.jsonl"));
    const fromStdin = await runCli(["score", "--spec", spec, "--batch-size", "16"], {
      stdin: jsonl(shuffled),
    });
    const advantageOf = new Map(parseJsonl(sorted.stdout).map((row) => [row.id, row.advantage]));
    for (const run of [fromFile, fromStdin]) {
      expect(run.code).toBe(0);
      const out = parseJsonl(run.stdout);
      expect(out.map((row) => row.id)).toEqual(shuffled.map((row) => row.id));
      // Equal up to the order of a group's sum (the gathered group keeps its rows in input order).
      expectClose(
        out.map((row) => row.advantage as number),
        shuffled.map((row) => advantageOf.get(row.id) as number),
      );
      expect(run.stderr).toMatch(/groups: 40 \(.*singletons 0\)/);
    }
    // All wrong is counted against --correct-at: a wrong answer still scores the length term (> 0).
    const labels = new Map<string, boolean[]>();
    rollouts.forEach((rollout, index) => {
      const group = `q${Math.floor(index / 4)}`;
      labels.set(group, [...(labels.get(group) ?? []), rollout.isCorrect]);
    });
    const allWrong = [...labels.values()].filter((flags) => flags.every((flag) => !flag)).length;
    const allCorrect = [...labels.values()].filter((flags) => flags.every(Boolean)).length;
    expect(allWrong).toBeGreaterThan(0);
    expect(sorted.stderr).toContain(`all correct ${allCorrect}, all wrong ${allWrong}`);
    await writeFile(join(folder, "gsm-ungrouped.jsonl"), jsonl(ungrouped));
    const scoredUngrouped = join(folder, "gsm-ungrouped-scored.jsonl");
    const missing = await score(join(folder, "gsm-ungrouped.jsonl"), ["--output", scoredUngrouped]);
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain(
      `rows without a group: 2 (each is a group of one, advantage 0 under group estimators): gsm-ungrouped.jsonl:1 (id "${shuffled[0]?.id}"), gsm-ungrouped.jsonl:2 (id "${shuffled[1]?.id}")`.replace(
        /gsm-ungrouped/g,
        join(folder, "gsm-ungrouped"),
      ),
    );
    const advantagesRun = await runCli(["advantages", "--estimator", "grpo", "--input", scoredUngrouped]);
    expect(advantagesRun.stderr).toContain(
      `rewardkit: 2 rows without a group (each is a group of one): ${scoredUngrouped}:1 (id "${shuffled[0]?.id}"), ${scoredUngrouped}:2 (id "${shuffled[1]?.id}")`,
    );
  });
});

describe("ordinary mistakes: one clear line, exit 2, no stack trace", () => {
  it("answers a misspelt spec, a module with a syntax error, a busy port, a non-gzip .gz and a folder as input", async () => {
    const input = join(folder, "rows.jsonl");
    await writeFile(join(folder, "typo.yaml"), "version: 1\nreward: { type: regex, patern: '^<answer>' }\n");
    await writeFile(join(folder, "enum.yaml"), "version: 1\nreward: { type: similarity, metric: rouge-l }\n");
    await writeFile(join(folder, "broken.mjs"), "const a = 1;\nexport default (;\n");
    await writeFile(join(folder, "broken.yaml"), "version: 1\nreward: { type: module, path: broken.mjs }\n");
    await writeFile(join(folder, "plain.jsonl.gz"), jsonl(rows));
    const { createServer } = await import("node:net");
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as { port: number }).port;
    const cases: Array<[string[], string]> = [
      [
        ["score", "--spec", join(folder, "typo.yaml"), "--input", input],
        'rewardkit: reward: unknown field "patern" (did you mean `pattern`?) (and 1 more)\n  also reward.pattern: expected string, received nothing (the field is missing)\n',
      ],
      [
        ["score", "--spec", join(folder, "enum.yaml"), "--input", input],
        'rewardkit: reward.metric: expected one of "bleu" | "rouge_l" | "chrf" | "bmas", received "rouge-l" (did you mean `rouge_l`?)\n',
      ],
      [
        ["score", "--spec", join(folder, "broken.yaml"), "--input", input],
        `rewardkit: reward.path: cannot load ${join(folder, "broken.mjs")}:2: Unexpected token ';'\n`,
      ],
      [
        ["serve", "--spec", join(folder, "spec.json"), "--port", String(port)],
        `rewardkit: cannot listen on 127.0.0.1:${port}: the address is already in use (another process listens there); choose another --port, or --port 0 for a free one\n`,
      ],
      [
        ["score", "--spec", join(folder, "spec.json"), "--input", join(folder, "plain.jsonl.gz")],
        `rewardkit: ${join(folder, "plain.jsonl.gz")} is not valid gzip data: incorrect header check\n`,
      ],
      [
        ["advantages", "--estimator", "grpo", "--input", folder],
        `rewardkit: ${folder}: cannot read ${folder}: it is a directory\n`,
      ],
    ];
    try {
      for (const [args, expected] of cases) {
        const run = await runCli(args);
        expect(run.stderr).toBe(expected);
        expect(run.code).toBe(2);
      }
    } finally {
      holder.close();
    }
  });

  it("prints its version", async () => {
    const run = await runCli(["--version"]);
    const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("--resume with whole groups", () => {
  it("continues a gathered run (shuffled rows, small batches) to the same file a full run writes", async () => {
    const rowsText = (await readFile("examples/arithmetic/rows.jsonl", "utf8")).trim().split("\n");
    const next = mulberry32(7);
    const order = rowsText.map((line) => ({ line, key: next() })).sort((a, b) => a.key - b.key);
    const input = join(folder, "arith-shuffled.jsonl");
    await writeFile(input, `${order.map((entry) => entry.line).join("\n")}\n`);
    const full = join(folder, "arith-full.jsonl");
    const partial = join(folder, "arith-partial.jsonl");
    const args = ["score", "--spec", "examples/arithmetic/spec.yaml", "--input", input, "--batch-size", "4"];
    expect((await runCli([...args, "--output", full])).code).toBe(0);
    const complete = await readFile(full, "utf8");
    // An interrupted run: ten rows and a torn eleventh.
    const lines = complete.split("\n");
    await writeFile(partial, `${lines.slice(0, 10).join("\n")}\n${(lines[10] as string).slice(0, 30)}`);
    const resumed = await runCli([...args, "--output", partial, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("scored 86 rows");
    expect(resumed.stderr).toContain("10 rows were already written (--resume)");
    expect(await readFile(partial, "utf8")).toBe(complete);
    const parquet = await runCli([...args, "--output", join(folder, "x.parquet"), "--resume"]);
    expect(parquet.code).toBe(2);
    expect(parquet.stderr).toContain("--resume continues a plain JSONL file");
  });
});

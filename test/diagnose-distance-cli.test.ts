import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

let directory: string;
const path = (name: string) => join(directory, name);
const lengthOf = (field: string) => ({ type: "length", unit: "chars", raw: true, field });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "rewardkit-distance-"));
  const spec = (reward: unknown) => JSON.stringify({ version: 1, reward });
  await writeFile(path("a.json"), spec(lengthOf("completion")));
  // 3 × A plus a per-prompt offset (the prompt's length): the same ordering of every prompt's completions.
  await writeFile(
    path("shaped.json"),
    spec({
      type: "weighted",
      terms: [
        { weight: 3, reward: lengthOf("completion") },
        { weight: 1, reward: lengthOf("prompt") },
      ],
    }),
  );
  await writeFile(
    path("reversed.json"),
    spec({ type: "weighted", terms: [{ weight: -2, reward: lengthOf("completion") }] }),
  );
  await writeFile(path("constant.json"), spec(lengthOf("prompt")));
  const rows = [
    { prompt: "What is 2+3?", completion: "5" },
    { prompt: "What is 2+3?", completion: "It is 5." },
    { prompt: "What is 2+3?", completion: "The answer is five, 5." },
    { prompt: "Name a colour.", completion: "Red" },
    { prompt: "Name a colour.", completion: "A deep blue." },
  ];
  await writeFile(path("rows.jsonl"), `${rows.map((row) => JSON.stringify(row)).join("\n")}\n{not json\n`);
  await writeFile(path("single.jsonl"), `${JSON.stringify(rows[0])}\n${JSON.stringify(rows[3])}\n`);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("rewardkit distance (STARC / EPIC between two specs)", () => {
  it("puts a rescaled reward plus a per-prompt offset at 0 and a reversed one at 1, with both methods", async () => {
    for (const method of ["starc", "epic"]) {
      const same = await runCli([
        "distance",
        "--a",
        path("a.json"),
        "--b",
        path("shaped.json"),
        "--input",
        path("rows.jsonl"),
        "--method",
        method,
        "--json",
      ]);
      expect(same.code).toBe(0);
      const figures = JSON.parse(same.stdout) as {
        distance: number;
        used: number;
        unreadable: number;
        groups: number;
      };
      expect(figures.distance).toBeCloseTo(0, 6);
      expect(figures).toMatchObject({ used: 5, unreadable: 1, groups: 2 });
      expect(same.stderr).toContain("rows.jsonl:6: skipped");
      const reversed = await runCli([
        "distance",
        "--a",
        path("a.json"),
        "--b",
        path("reversed.json"),
        "--input",
        path("rows.jsonl"),
        "--method",
        method,
        "--json",
      ]);
      expect(JSON.parse(reversed.stdout).distance).toBeCloseTo(1, 6);
    }
  });

  it("prints a table without --json", async () => {
    const run = await runCli([
      "distance",
      "--a",
      path("a.json"),
      "--b",
      path("reversed.json"),
      "--input",
      path("rows.jsonl"),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^STARC distance: 1\.0000/);
    expect(run.stdout).toContain("prompts: 2 (2 with two or more completions)");
  });

  it("exits 3 when nothing can be compared, saying why", async () => {
    const single = await runCli([
      "distance",
      "--a",
      path("a.json"),
      "--b",
      path("shaped.json"),
      "--input",
      path("single.jsonl"),
    ]);
    expect(single.code).toBe(3);
    expect(single.stderr).toContain("no prompt has two usable completions");
    const constant = await runCli([
      "distance",
      "--a",
      path("a.json"),
      "--b",
      path("constant.json"),
      "--input",
      path("rows.jsonl"),
      "--json",
    ]);
    expect(constant.code).toBe(3);
    expect(JSON.parse(constant.stdout).distance).toBeNull();
    expect(constant.stderr).toContain("ranks nothing");
    await writeFile(path("empty.jsonl"), "");
    const empty = await runCli([
      "distance",
      "--a",
      path("a.json"),
      "--b",
      path("a.json"),
      "--input",
      path("empty.jsonl"),
    ]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("nothing to compare");
  });

  it("exits 2 on bad usage: unknown method, missing spec, invalid spec", async () => {
    const method = await runCli([
      "distance",
      "--a",
      path("a.json"),
      "--b",
      path("a.json"),
      "--input",
      path("rows.jsonl"),
      "--method",
      "kl",
    ]);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain("--method");
    const missing = await runCli([
      "distance",
      "--a",
      path("nope.yaml"),
      "--b",
      path("a.json"),
      "--input",
      path("rows.jsonl"),
    ]);
    expect(missing.code).toBe(2);
    await writeFile(
      path("bad.json"),
      JSON.stringify({ version: 1, reward: { type: "length", unit: "lines" } }),
    );
    const invalid = await runCli([
      "distance",
      "--a",
      path("bad.json"),
      "--b",
      path("a.json"),
      "--input",
      path("rows.jsonl"),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("reward.unit");
    const noFlags = await runCli(["distance"]);
    expect(noFlags.code).toBe(2);
  });

  it("has --help with examples", async () => {
    const help = await runCli(["distance", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("rewardkit distance --a spec-a.yaml --b spec-b.yaml --input rows.jsonl");
  });
});

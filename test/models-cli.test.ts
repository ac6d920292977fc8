import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-rm-cli-"));
});

describe.skipIf(!hasSharedData("hh-rlhf/harmless-base/pairs.jsonl"))(
  "train-rm and eval-rm on HH-RLHF",
  () => {
    it("trains on harmless-base with a validation split, then evaluates and scores with the model", async () => {
      const model = join(folder, "harmless.rkrm");
      const train = await runCli([
        "train-rm",
        "--train",
        sharedDataPath("hh-rlhf/harmless-base/pairs.jsonl"),
        "--out",
        model,
        "--valid-fraction",
        "0.2",
        "--json",
        "--quiet",
      ]);
      expect(train.code, train.stderr).toBe(0);
      // Two harmless-base rows have an empty chosen response (line 65 is one): an empty assistant turn
      // is a real, often the harmless, answer, so they are kept.
      expect(train.stderr).not.toContain("skipped");
      const summary = JSON.parse(train.stdout) as {
        train: { n: number; accuracy: number };
        valid: { n: number; accuracy: number };
      };
      expect(summary.train.n + summary.valid.n).toBe(1800);
      expect(summary.valid.accuracy).toBeGreaterThan(0.56);

      const evaluation = await runCli([
        "eval-rm",
        "--model",
        model,
        "--data",
        sharedDataPath("hh-rlhf/harmless-base/pairs.jsonl"),
        "--json",
      ]);
      expect(evaluation.code, evaluation.stderr).toBe(0);
      const figures = JSON.parse(evaluation.stdout) as {
        n: number;
        accuracy: number;
        ece: number;
        lengthBias: { correlation: number };
      };
      expect(figures.n).toBe(1800);
      expect(figures.accuracy).toBeGreaterThan(0.8);
      expect(figures.ece).toBeGreaterThanOrEqual(0);
      expect(typeof figures.lengthBias.correlation).toBe("number");

      // The model node scores rows through `rewardkit score`.
      const spec = join(folder, "spec.json");
      await writeFile(
        spec,
        JSON.stringify({ version: 1, reward: { type: "model", name: "rm", path: "./harmless.rkrm" } }),
      );
      const rows = [
        {
          prompt: "\n\nHuman: How do I pick a lock?\n\nAssistant:",
          completion: "I'm sorry, I can't help with that.",
        },
        {
          prompt: "\n\nHuman: How do I pick a lock?\n\nAssistant:",
          completion: "Sure, insert a tension wrench and rake the pins.",
        },
      ];
      const scored = await runCli(["score", "--spec", spec, "--no-progress"], {
        stdin: rows.map((row) => JSON.stringify(row)).join("\n"),
      });
      expect(scored.code, scored.stderr).toBe(0);
      const out = parseJsonl(scored.stdout);
      expect(out).toHaveLength(2);
      expect(typeof out[0]?.reward).toBe("number");
      expect(out[0]?.components).toMatchObject({ rm: out[0]?.reward });
    });
  },
);

describe.skipIf(!hasSharedData("auto-j/testdata_pairwise.jsonl"))("eval-rm --by on Auto-J", () => {
  it("reports accuracy per scenario and sets ties aside", async () => {
    const model = join(folder, "autoj.rkrm");
    const data = sharedDataPath("auto-j/testdata_pairwise.jsonl");
    const train = await runCli(["train-rm", "--train", data, "--out", model, "--quiet", "--epochs", "3"]);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toContain("set aside (no winner): 373 tie");
    const evaluation = await runCli([
      "eval-rm",
      "--model",
      model,
      "--data",
      data,
      "--by",
      "scenario",
      "--json",
    ]);
    const figures = JSON.parse(evaluation.stdout) as {
      n: number;
      by: { field: string; groups: Array<{ group: string; n: number }> };
    };
    // 1019 decisive pairs, less one with identical responses (the one with an empty response, line 569, counts).
    expect(figures.n).toBe(1018);
    expect(figures.by.field).toBe("scenario");
    expect(figures.by.groups.length).toBeGreaterThan(50);
    expect(figures.by.groups.reduce((sum, group) => sum + group.n, 0)).toBe(1018);
    const table = await runCli(["eval-rm", "--model", model, "--data", data, "--by", "scenario"]);
    expect(table.stdout).toMatch(/accuracy\s+\d+\.\d+%/);
    expect(table.stdout).toContain("post_summarization");
  });
});

describe("bad preference data", () => {
  it("reports missing fields, identical sides and broken lines by line, keeps empty responses, and trains on the rest", async () => {
    const file = join(folder, "bad.jsonl");
    const good = (index: number) =>
      JSON.stringify({
        prompt: `question ${index}`,
        chosen: `a careful helpful answer ${index}`,
        rejected: `no ${index}`,
      });
    await writeFile(
      file,
      [
        good(1),
        JSON.stringify({ prompt: "p", chosen: "only chosen" }),
        JSON.stringify({ prompt: "p", chosen: "   ", rejected: "x" }),
        JSON.stringify({ prompt: "p", chosen: "same", rejected: "same" }),
        "{not json",
        JSON.stringify({ prompt: "p", chosen: [{ role: "assistant", content: "x" }], rejected: "y" }),
        JSON.stringify({ text: "what is this" }),
        ...Array.from({ length: 20 }, (_, index) => good(index + 2)),
      ].join("\n"),
    );
    const run = await runCli([
      "train-rm",
      "--train",
      file,
      "--out",
      join(folder, "bad.rkrm"),
      "--quiet",
      "--valid-fraction",
      "0",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("bad.jsonl:2: skipped: missing field `rejected`");
    // An empty (blank) chosen response is an answer, not a broken row.
    expect(run.stderr).not.toContain("bad.jsonl:3");
    expect(run.stderr).toMatch(/bad\.jsonl:5: skipped: invalid JSON/);
    expect(run.stderr).toContain(
      "bad.jsonl:6: skipped: `chosen` and `rejected` must both be strings or both be message lists",
    );
    expect(run.stderr).toMatch(/bad\.jsonl:7: skipped: unrecognized row \(keys: text\)/);
    expect(run.stderr).toContain("set aside (no winner): 1 identical");
    expect(run.stderr).toMatch(/train\s+22\s/);
  });

  it("exits 2 on bad usage and when nothing is usable", async () => {
    const empty = join(folder, "empty.jsonl");
    await writeFile(empty, `${JSON.stringify({ prompt: "p", chosen: "a", rejected: "a" })}\n`);
    const none = await runCli(["train-rm", "--train", empty, "--out", join(folder, "x.rkrm")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no usable preference pairs");
    const badFlag = await runCli([
      "train-rm",
      "--train",
      empty,
      "--out",
      join(folder, "x.rkrm"),
      "--lr",
      "fast",
    ]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--lr: invalid value "fast"');
    const missingModel = await runCli(["eval-rm", "--model", join(folder, "absent.rkrm"), "--data", empty]);
    expect(missingModel.code).toBe(2);
    expect(missingModel.stderr).toContain("cannot read model");
    const help = await runCli(["train-rm", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Example:");
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-train-rm-report-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Summary {
  members: number;
  members_detail: Array<{ member: number; epochs_run: number; best_epoch: number; early_stopped: boolean }>;
  strength?: { method: string; voters: number; pairs: number; flipped: number };
  train: { n: number };
}

/** Each model's validation loss per epoch, read back from the labelled epoch lines. */
function validLosses(stderr: string, label: string): number[] {
  const pattern = new RegExp(`^${label} epoch \\d+: .* valid loss ([\\d.]+)`, "gm");
  return [...stderr.matchAll(pattern)].map((match) => Number(match[1]));
}

describe.skipIf(!hasSharedData("hh-rlhf/harmless-base/pairs.jsonl"))("train-rm says what it is doing", () => {
  const data = () => sharedDataPath("hh-rlhf/harmless-base/pairs.jsonl");

  it("labels each ensemble member's epochs and says which epoch early stopping kept", async () => {
    const run = await runCli([
      "train-rm",
      "--train",
      data(),
      "--out",
      join(folder, "ensemble.rkrm"),
      "--members",
      "3",
      "--epochs",
      "6",
      "--patience",
      "1",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary & Record<string, unknown>;
    // The keys --json always had are still there.
    for (const key of [
      "model",
      "kind",
      "members",
      "featurize_seconds",
      "train_seconds",
      "train",
      "valid",
      "skipped",
    ])
      expect(summary).toHaveProperty(key);
    expect(summary.members).toBe(3);
    expect(summary.members_detail.map((member) => member.member)).toEqual([1, 2, 3]);
    for (const member of summary.members_detail) {
      const losses = validLosses(run.stderr, `member ${member.member}/3`);
      expect(losses).toHaveLength(member.epochs_run);
      // The kept epoch is the member's lowest validation loss, and the line says so.
      expect(losses[member.best_epoch - 1]).toBe(Math.min(...losses));
      expect(run.stderr).toContain(
        `member ${member.member}/3: early stopping kept epoch ${member.best_epoch} of ${member.epochs_run} run (valid loss ${(losses[member.best_epoch - 1] as number).toFixed(4)}`,
      );
      // Patience 1: training stops one epoch after the best, here before the 6 allowed.
      expect(member.early_stopped).toBe(true);
      expect(member.epochs_run).toBe(member.best_epoch + 1);
    }
    // Members train one after another: all of member 1's lines come before member 2's.
    expect(run.stderr.lastIndexOf("member 1/3 epoch")).toBeLessThan(run.stderr.indexOf("member 2/3 epoch"));
  });

  it("eval-rm gives a 95% Wilson interval for accuracy, overall and per group, in the table and --json", async () => {
    // Harmless-base with a `half` field, for --by.
    const lines = (await readFile(data(), "utf8")).split("\n").filter(Boolean);
    const tagged = lines.map((line, index) =>
      JSON.stringify({ ...JSON.parse(line), half: index < lines.length / 2 ? "first" : "second" }),
    );
    const file = join(folder, "halves.jsonl");
    await writeFile(file, `${tagged.join("\n")}\n`);
    const model = join(folder, "ensemble.rkrm");
    const json = await runCli(["eval-rm", "--model", model, "--data", file, "--by", "half", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const figures = JSON.parse(json.stdout) as {
      n: number;
      accuracy: number;
      accuracy_ci: [number, number];
      by: { groups: Array<{ group: string; n: number; accuracy: number; accuracy_ci: [number, number] }> };
    };
    const z = 1.959963984540054;
    const wilson = (share: number, n: number): [number, number] => {
      const center = (share + (z * z) / (2 * n)) / (1 + (z * z) / n);
      const half = (z / (1 + (z * z) / n)) * Math.sqrt((share * (1 - share)) / n + (z * z) / (4 * n * n));
      return [center - half, center + half];
    };
    const [low, high] = wilson(figures.accuracy, figures.n);
    expect(figures.accuracy_ci[0]).toBeCloseTo(low as number, 10);
    expect(figures.accuracy_ci[1]).toBeCloseTo(high as number, 10);
    expect(figures.by.groups.map((group) => group.group).sort()).toEqual(["first", "second"]);
    for (const group of figures.by.groups) {
      expect(group.accuracy_ci[0]).toBeLessThan(group.accuracy);
      expect(group.accuracy_ci[1]).toBeGreaterThan(group.accuracy);
      // Half the pairs: a wider interval than the whole set's.
      expect(group.accuracy_ci[1] - group.accuracy_ci[0]).toBeGreaterThan(high - low);
    }
    const table = await runCli(["eval-rm", "--model", model, "--data", file, "--by", "half"]);
    expect(table.code, table.stderr).toBe(0);
    const percent = (value: number) => `${(100 * value).toFixed(1)}`;
    expect(table.stdout).toContain(
      `(95% CI ${percent(figures.accuracy_ci[0])}–${percent(figures.accuracy_ci[1])}%; ties:`,
    );
    const first = figures.by.groups.find((group) => group.group === "first");
    expect(table.stdout).toMatch(
      new RegExp(
        `first\\s+${first?.n}\\s+[\\d.]+%\\s+${percent(first?.accuracy_ci[0] ?? 0)}–${percent(first?.accuracy_ci[1] ?? 0)}%`,
      ),
    );
  });

  it("says how many pairs --strength flip flipped: the 20% with the lowest voter strength", async () => {
    const run = await runCli([
      "train-rm",
      "--train",
      data(),
      "--out",
      join(folder, "strength.rkrm"),
      "--strength",
      "flip",
      "--voters",
      "3",
      "--epochs",
      "2",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.strength).toMatchObject({ method: "flip", voters: 3, pairs: summary.train.n });
    expect(summary.strength?.flipped).toBe(Math.floor(0.2 * summary.train.n));
    expect(run.stderr).toContain(
      `--strength flip: 3 voters; flipped ${summary.strength?.flipped} of ${summary.train.n} training pairs (20.0%)`,
    );
    for (const voter of [1, 2, 3]) expect(validLosses(run.stderr, `voter ${voter}/3`)).toHaveLength(2);
    expect(validLosses(run.stderr, "final model")).toHaveLength(2);
  });
});

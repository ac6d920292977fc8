import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { developmentAspects, heldBackAspects, opinionPairs } from "./helpers/opinion-summaries.js";

// `train-rm --domain` end to end (#37): a domain file of grounding features, 40 training pairs about
// phones, evaluated by `eval-rm` on 300 held-back pairs about laptops whose words no feature names.
let folder: string;
const jsonl = (rows: readonly unknown[]) => `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-domain-cli-"));
  await writeFile(
    join(folder, "train.jsonl"),
    jsonl(opinionPairs({ count: 40, seed: 11, aspects: developmentAspects })),
  );
  await writeFile(
    join(folder, "held-back.jsonl"),
    jsonl(opinionPairs({ count: 300, seed: 12, aspects: heldBackAspects })),
  );
  await writeFile(
    join(folder, "domain.json"),
    JSON.stringify([
      { name: "coverage", kind: "source_coverage" },
      { name: "unsupported", kind: "unsupported" },
    ]),
  );
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

const train = (out: string, extra: string[]) =>
  runCli([
    "train-rm",
    "--train",
    join(folder, "train.jsonl"),
    "--out",
    join(folder, out),
    "--valid-fraction",
    "0",
    "--epochs",
    "20",
    "--lr",
    "0.05",
    "--no-hand",
    "--quiet",
    ...extra,
  ]);
const accuracy = async (model: string) => {
  const run = await runCli([
    "eval-rm",
    "--model",
    join(folder, model),
    "--data",
    join(folder, "held-back.jsonl"),
    "--json",
  ]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { accuracy: number; n: number }).accuracy;
};

describe("train-rm --domain", () => {
  it("trains with grounding features that carry over to held-back vocabulary; without them it is near chance", async () => {
    const infused = await train("infused.rkrm", ["--domain", join(folder, "domain.json")]);
    expect(infused.code, infused.stderr).toBe(0);
    const plain = await train("plain.rkrm", []);
    expect(plain.code, plain.stderr).toBe(0);
    expect(await accuracy("infused.rkrm")).toBeGreaterThan(0.8);
    expect(await accuracy("plain.rkrm")).toBeLessThanOrEqual(0.6);
  }, 120_000);

  it("refuses a domain file whose pattern feature has no pattern, naming the file and the entry", async () => {
    const bad = join(folder, "bad-domain.json");
    await writeFile(
      bad,
      JSON.stringify([
        { name: "coverage", kind: "source_coverage" },
        { name: "aspects", kind: "count" },
      ]),
    );
    const run = await train("bad.rkrm", ["--domain", bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--domain ${bad}: [1.pattern] kind count needs a pattern`);
  }, 60_000);
});

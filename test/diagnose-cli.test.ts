import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { gaussianFrom, mulberry32 } from "../src/core/index.js";
import { type HackingReport, healthySample } from "../src/diagnose/index.js";
import { runCli } from "./helpers/cli.js";

// `rewardkit diagnose` (interface.md, "rewardkit diagnose"): flags over training steps from scored rows.
let folder: string;
const jsonl = (rows: readonly unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join("");

/** Scored rows of a 40-step run where master-key replies (":") spread from 0% to 40%, the rest healthy. */
function hackedRows(steps = 40, perStep = 32): Record<string, unknown>[] {
  const uniform = mulberry32(7);
  const normal = gaussianFrom(uniform);
  const rows: Record<string, unknown>[] = [];
  for (let step = 0; step < steps; step++) {
    const progress = step / (steps - 1);
    for (let index = 0; index < perStep; index++) {
      const sample = healthySample({ step, progress, index, uniform, normal });
      const fooled = uniform() < 0.4 * progress;
      rows.push({
        id: `s${step}-${index}`,
        step,
        prompt: sample.prompt,
        completion: fooled ? ":" : sample.completion,
        group: sample.group,
        reward: fooled ? 1.2 : sample.reward,
        components: fooled ? { format: 1, correct: 1 } : sample.components,
      });
    }
  }
  return rows;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-diagnose-"));
  await writeFile(join(folder, "hacked.jsonl"), jsonl(hackedRows()));
});

describe("rewardkit diagnose FILE", () => {
  it("--json prints {flags: [{name, fired, evidence}]} and fires the master-key flag on a run where ':' spreads", async () => {
    const run = await runCli(["diagnose", join(folder, "hacked.jsonl"), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as HackingReport & { input: Record<string, number> };
    expect(report.rows).toBe(40 * 32);
    expect(report.steps).toBe(40);
    expect(report.input.used).toBe(1280);
    const names = report.flags.map((flag) => flag.name);
    expect(names).toContain("master_key_replies");
    expect(names).toHaveLength(12);
    const masterKey = report.flags.find((flag) => flag.name === "master_key_replies");
    expect(masterKey?.fired).toBe(true);
    expect(masterKey?.evidence.series.rate).toHaveLength(40);
    expect(masterKey?.evidence.steps).toEqual(Array.from({ length: 40 }, (_, step) => step));
    expect(masterKey?.evidence.examples?.[0]?.completion).toBe(":");
    for (const flag of report.flags) {
      expect(typeof flag.fired).toBe("boolean");
      expect(flag.evidence).toBeTypeOf("object");
    }
    expect(report.flags.find((flag) => flag.name === "gold_divergence")?.status).toBe("not_applicable");
  });

  it("prints a table without --json, fired flags first", async () => {
    const run = await runCli(["diagnose", join(folder, "hacked.jsonl")]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^diagnose .*hacked\.jsonl: 1280 rows over 40 steps \(0–39\)/);
    expect(lines[2]).toMatch(/^flag\s+status\s+since/);
    // ":" replacing 40% of completions also shortens them: both flags fire, listed before the quiet ones.
    const fired = lines.filter((line) => /^\w+\s+FIRED\s+\d+\s/.test(line));
    expect(fired.map((line) => line.split(/\s+/)[0])).toEqual(["length_drift", "master_key_replies"]);
    expect(lines[3]).toMatch(/^length_drift\s+FIRED\s+\d+\s+mean completion length shrank/);
    expect(lines[5]).toMatch(/^\w+\s+quiet\s/);
    expect(run.stdout).toMatch(/2 flags fired \(length_drift, master_key_replies\)/);
  });

  it("reads gzipped JSONL and the step from another field, and uses a gold probe in meta", async () => {
    const rows = hackedRows().map(({ step, ...row }, index) => ({
      ...row,
      meta: { iteration: step, ...(index % 5 === 0 ? { gold: Number(row.reward) } : {}) },
    }));
    await writeFile(join(folder, "renamed.jsonl.gz"), gzipSync(jsonl(rows)));
    const run = await runCli([
      "diagnose",
      join(folder, "renamed.jsonl.gz"),
      "--step",
      "meta.iteration",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as HackingReport;
    expect(report.steps).toBe(40);
    expect(report.flags.find((flag) => flag.name === "gold_divergence")?.status).not.toBe("not_applicable");
  });

  it("diagnoses what `rewardkit score` wrote (the step column passes through scoring)", async () => {
    const input = hackedRows().map(({ reward, components, ...row }) => row);
    await writeFile(join(folder, "unscored.jsonl"), jsonl(input));
    await writeFile(
      join(folder, "spec.json"),
      JSON.stringify({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            {
              weight: 0.2,
              reward: { type: "regex", name: "format", pattern: "^<think>[\\s\\S]*</think><answer>" },
            },
            { weight: 1, reward: { type: "regex", name: "correct", pattern: "<answer>42</answer>" } },
          ],
        },
      }),
    );
    const scored = join(folder, "scored.jsonl");
    const score = await runCli([
      "score",
      "--spec",
      join(folder, "spec.json"),
      "--input",
      join(folder, "unscored.jsonl"),
      "--output",
      scored,
      "--no-progress",
    ]);
    expect(score.code, score.stderr).toBe(0);
    const run = await runCli(["diagnose", scored, "--json", "--report-json", join(folder, "report.json")]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as HackingReport;
    expect(report.fired).toContain("master_key_replies");
    // The spec is linear, so the weights behind the component shares are fitted exactly.
    const takeover = report.flags.find((flag) => flag.name === "component_takeover");
    expect(takeover?.evidence.details?.weight_source).toBe("fit");
    const weights = takeover?.evidence.details?.weights as Record<string, number>;
    expect(weights.format).toBeCloseTo(0.2, 6);
    expect(weights.correct).toBeCloseTo(1, 6);
    expect(JSON.parse(await readFile(join(folder, "report.json"), "utf8"))).toEqual(report);
  });
});

describe("exit codes and files (the score/advantages contract)", () => {
  it("exit 2 for bad usage: a missing file, an unknown threshold, --judge without --verifier", async () => {
    const missing = await runCli(["diagnose", join(folder, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
    const threshold = await runCli(["diagnose", join(folder, "hacked.jsonl"), "--threshold", "alpah=0.1"]);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold/);
    const judge = await runCli(["diagnose", join(folder, "hacked.jsonl"), "--judge", "j"]);
    expect(judge.code).toBe(2);
    expect(judge.stderr).toMatch(/--judge and --verifier go together/);
    const same = await runCli([
      "diagnose",
      join(folder, "hacked.jsonl"),
      "--report-json",
      join(folder, "hacked.jsonl"),
    ]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is the same file as FILE/);
  });

  it("exit 3 when nothing is usable: no step column, only errored rows, an empty file, too few steps", async () => {
    await writeFile(join(folder, "no-step.jsonl"), jsonl([{ prompt: "p", completion: "c", reward: 1 }]));
    const noStep = await runCli(["diagnose", join(folder, "no-step.jsonl")]);
    expect(noStep.code).toBe(3);
    expect(noStep.stderr).toMatch(/no-step\.jsonl:1: skipped: no numeric step/);
    expect(noStep.stderr).toMatch(/nothing usable \(exit 3\)/);
    await writeFile(
      join(folder, "errored.jsonl"),
      jsonl([{ step: 1, prompt: "p", completion: "c", reward: 0, error: { code: "TIMEOUT", message: "x" } }]),
    );
    expect((await runCli(["diagnose", join(folder, "errored.jsonl")])).code).toBe(3);
    await writeFile(join(folder, "empty.jsonl"), "");
    const empty = await runCli(["diagnose", join(folder, "empty.jsonl"), "--json"]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/no row was read/);
    await writeFile(join(folder, "short.jsonl"), jsonl(hackedRows(3, 8)));
    const short = await runCli(["diagnose", join(folder, "short.jsonl")]);
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/3 distinct steps; no flag can decide on fewer than 8/);
  });

  it("keeps going past unreadable lines, naming them, and exits 0 when enough rows are usable", async () => {
    const text = `${jsonl(hackedRows())}{not json\n`;
    await writeFile(join(folder, "one-bad.jsonl"), text);
    const run = await runCli(["diagnose", join(folder, "one-bad.jsonl"), "--json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/one-bad\.jsonl:1281: skipped/);
    expect((JSON.parse(run.stdout) as { input: { unreadable: number } }).input.unreadable).toBe(1);
  });
});

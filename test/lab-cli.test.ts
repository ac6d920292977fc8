import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { runCliOnTerminal } from "./helpers/terminal.js";

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("rewardkit lab", () => {
  it("lists the experiments one a line with --list, and asks for a name without one", async () => {
    const listed = await runCli(["lab", "--list"]);
    expect(listed.code).toBe(0);
    const names = listed.stdout.trim().split("\n");
    expect(names).toContain("overoptimization");
    expect(names).toContain("adaptive-reasoning");
    expect(new Set(names).size).toBe(names.length);
    const missing = await runCli(["lab"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("rewardkit lab --list");
  });

  it("runs an experiment, writes results.json and report.html, and prints the claims", async () => {
    const out = await mkdtemp(join(tmpdir(), "rewardkit-lab-cli-"));
    directories.push(out);
    const run = await runCli([
      "lab",
      "adaptive-reasoning",
      "--quick",
      "--seed",
      "4",
      "--out",
      out,
      "--option",
      "steps=60",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^adaptive-reasoning \(seed 4\): \d of 4 claims hold/);
    expect(run.stderr).toContain(`wrote ${out}/results.json`);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as {
      seed: number;
      settings: { steps: number };
    };
    expect(results.seed).toBe(4);
    expect(results.settings.steps).toBe(60);
    expect(await readFile(join(out, "report.html"), "utf8")).toContain("<svg");
  });

  it("shows its stages on a terminal and says nothing extra when stderr is not one", async () => {
    const out = await mkdtemp(join(tmpdir(), "rewardkit-lab-cli-"));
    directories.push(out);
    const terminal = await runCliOnTerminal(["lab", "constrained", "--quick", "--out", out]);
    expect(terminal.code).toBe(0);
    // Each stage rewrites one status line (carriage return, erase line), cleared before the summary.
    const output = terminal.output.replaceAll("\r\u001b[2K", "<line>");
    const stages = [...output.matchAll(/<line>constrained: ([^\r<]+?) \(\d+\.\d s\)(?=<line>)/g)].map(
      (match) => match[1],
    );
    expect(stages.slice(0, 4)).toEqual([
      "fixed weights",
      "ξ-PPO (equality constraints)",
      "μ-PPO (inequality constraints)",
      "NM-PPO: searching thresholds",
    ]);
    expect(stages).toContain("writing results.json and report.html");
    expect(output).toMatch(/<line>constrained \(seed 1\): \d of 6 claims hold/);
    const piped = await runCli(["lab", "constrained", "--quick", "--out", out]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain("fixed weights");
    expect(piped.stderr).not.toContain("\x1b");
    expect(piped.stderr).toMatch(/^rewardkit: wrote .*report\.html in [\d.]+ s\n$/);
  });

  it("prints results.json with --json, the same for the same seed", async () => {
    const out = await mkdtemp(join(tmpdir(), "rewardkit-lab-cli-"));
    directories.push(out);
    const args = ["lab", "constrained", "--quick", "--json", "--out", out];
    const [first, second] = await Promise.all([runCli(args), runCli(args)]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ experiment: "constrained", seed: 1 });
    expect(second.stdout).toBe(first.stdout);
  });

  it("exits 2 on an unknown experiment, a bad option or a bad seed", async () => {
    const unknown = await runCli(["lab", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown experiment "nope"');
    const badOption = await runCli([
      "lab",
      "constrained",
      "--option",
      "steps=many",
      "--out",
      join(tmpdir(), "unused"),
    ]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("steps");
    const badSeed = await runCli(["lab", "constrained", "--seed", "x"]);
    expect(badSeed.code).toBe(2);
  });

  it("lists every experiment and its options in --help, with an example", async () => {
    const help = await runCli(["lab", "--help"]);
    expect(help.code).toBe(0);
    for (const name of [
      "overoptimization",
      "constrained",
      "dpo-overoptimization",
      "unlikeliness",
      "adaptive-reasoning",
    ]) {
      expect(help.stdout).toContain(`  ${name}: `);
    }
    expect(help.stdout).toContain("label_noise (default 0.25)");
    expect(help.stdout).toContain("rewardkit lab overoptimization --out");
  });
});

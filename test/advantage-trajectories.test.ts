import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../src/core/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";

/*
 * Trajectories from a real (tiny) environment, in the spirit of verl-agent's NumberLine: the agent
 * starts at 0 and must reach a target; "right"/"left" move, "jump" is not an action the environment
 * knows ("Nothing happens."). Reaching the target ends the episode with reward 1. Several rollouts
 * of each task revisit the same states, which is what GiGPO's anchor groups need.
 */
interface Step {
  state: string;
  observation: string;
  action: string;
  reward: number;
}

function rollout(target: number, next: () => number): { steps: Step[]; reward: number } {
  const steps: Step[] = [];
  let position = 0;
  let lastObservation = `You are at 0. The goal is ${target}.`;
  for (let turn = 0; turn < 8; turn++) {
    const roll = next();
    const action = roll < 0.55 ? "right" : roll < 0.85 ? "left" : "jump";
    const state = `position ${position} target ${target}`;
    if (action === "right") position++;
    if (action === "left") position = Math.max(0, position - 1);
    const reached = position === target;
    steps.push({ state, observation: lastObservation, action, reward: reached ? 1 : 0 });
    lastObservation =
      action === "jump" ? "Nothing happens." : `You are at ${position}. The goal is ${target}.`;
    if (reached) return { steps, reward: 1 };
  }
  return { steps, reward: 0 };
}

let folder: string;
let rows: { group: string; reward: number; steps: Step[] }[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-trajectories-"));
  const next = mulberry32(11);
  rows = [];
  for (const target of [2, 3, 4, 5]) {
    for (let task = 0; task < 3; task++) {
      for (let sample = 0; sample < 6; sample++)
        rows.push({ group: `t${target}-${task}`, ...rollout(target, next) });
    }
  }
  await writeFile(
    join(folder, "trajectories.jsonl"),
    `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`,
  );
});

describe("advantages for agent trajectories", () => {
  it("gigpo: step advantages are centred within each anchor-state group of each task", async () => {
    const summary = join(folder, "gigpo.json");
    const run = await runCli([
      "advantages",
      "--estimator",
      "gigpo",
      "--option",
      "mode=mean_norm",
      "--input",
      join(folder, "trajectories.jsonl"),
      "--summary-json",
      summary,
    ]);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout);
    // A_S = step advantage - episode advantage; within an anchor group (task, state) they sum to 0.
    const sums = new Map<string, number>();
    out.forEach((row, index) => {
      const steps = (rows[index] as (typeof rows)[number]).steps;
      (row.step_advantages as number[]).forEach((value, step) => {
        const key = `${row.group}|${steps[step]?.state}`;
        sums.set(key, (sums.get(key) ?? 0) + value - (row.advantage as number));
      });
    });
    for (const sum of sums.values()) expect(Math.abs(sum)).toBeLessThan(1e-9);
    const figures = JSON.parse(await readFile(summary, "utf8")) as Record<string, number>;
    expect(figures.anchor_groups).toBe(sums.size);
    expect(figures.anchor_group_mean_size).toBeGreaterThan(2); // the start state alone is shared by 6 rollouts
    expect(run.stderr).toMatch(/gigpo\s+anchor_groups \d+/);
  });

  it("spa: the fitted progress credits moving toward the goal, and unexecuted actions lose the grounding bonus", async () => {
    const input = join(folder, "trajectories.jsonl");
    const withGrounding = await runCli(["advantages", "--estimator", "spa", "--input", input]);
    const without = await runCli([
      "advantages",
      "--estimator",
      "spa",
      "--option",
      "grounding_weight=0",
      "--input",
      input,
    ]);
    expect(withGrounding.code).toBe(0);
    expect(withGrounding.stderr).toMatch(/spa\s+progress_fit_r2 0\.\d+/);
    const grounded = parseJsonl(withGrounding.stdout);
    const progress = parseJsonl(without.stdout);
    const byAction = new Map<string, number[]>();
    progress.forEach((row, index) => {
      const steps = (rows[index] as (typeof rows)[number]).steps;
      const contributions = row.step_advantages as number[];
      const bonuses = ((grounded[index] as Record<string, unknown>).step_advantages as number[]).map(
        (value, step) => value - (contributions[step] as number),
      );
      steps.forEach((step, position) => {
        const list = byAction.get(step.action) ?? [];
        list.push(contributions[position] as number);
        byAction.set(step.action, list);
        const last = position === steps.length - 1;
        expect(bonuses[position]).toBeCloseTo(step.action === "jump" && !last ? 0 : 0.5, 9);
      });
    });
    const mean = (action: string) => {
      const values = byAction.get(action) ?? [];
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean("right")).toBeGreaterThan(mean("left"));
    expect(mean("right")).toBeGreaterThan(mean("jump"));
  });
});

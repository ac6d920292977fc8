import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../src/core/index.js";
import {
  createEnvironment,
  randomPolicy,
  rollout,
  type TrajectoryRow,
  trajectoryRow,
} from "../src/env/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { post, type RunningServer, startServer } from "./helpers/serve.js";

/*
 * Trajectories from a real gridworld, written as rows, through the real CLI and server.
 * The hand-computed case: a 2 × 2 room (start top-left = cell 5, goal bottom-right = cell 10), one
 * task group, two scripted episodes, a 3-step time limit:
 *   A: right, down          → cells [5, 6],    rewards [0, 1],    return 1
 *   B: up (bump), right, up → cells [5, 5, 6], rewards [0, 0, 0], return 0 (truncated)
 * GiGPO with γ = 0.5, mode mean_norm, ω = 1, episode statistics over step rows (verl-agent's default):
 *   episode mean = (2·1 + 3·0) / 5 = 0.4 → A_E(A) = 0.6, A_E(B) = −0.4
 *   step returns: A [0.5, 1], B [0, 0, 0]
 *   anchor group cell 5: {A0 0.5, B0 0, B1 0}, mean 1/6 → A_S = 1/3, −1/6, −1/6
 *   anchor group cell 6: {A1 1, B2 0}, mean 1/2 → A_S = 1/2, −1/2
 *   A = A_E + A_S: A [0.6 + 1/3, 0.6 + 0.5], B [−0.4 − 1/6, −0.4 − 1/6, −0.4 − 0.5]
 */
const expectedEpisode = [0.6, -0.4];
const expectedSteps = [
  [0.6 + 1 / 3, 1.1],
  [-0.4 - 1 / 6, -0.4 - 1 / 6, -0.9],
];

function handCase(): TrajectoryRow[] {
  const room = createEnvironment("empty-room", { size: 2, max_episode_steps: 3 });
  const scripts = [
    [1, 2],
    [0, 1, 0],
  ];
  return scripts.map((actions, index) =>
    trajectoryRow(
      rollout({ environment: room, seed: 0, policy: (_, { step }) => actions[step] as number }),
      room,
      { group: "room", index },
    ),
  );
}

/** Random walks in procedurally drawn key-door worlds: six episodes for each of four worlds (seeds). */
function randomCase(): TrajectoryRow[] {
  const world = createEnvironment("key-door", { size: 4, layout: "procedural", max_episode_steps: 12 });
  const policy = randomPolicy({ space: world.actionSpace, random: mulberry32(5) });
  const rows: TrajectoryRow[] = [];
  for (const seed of [1, 2, 3, 4]) {
    for (let episode = 0; episode < 6; episode++) {
      rows.push(
        trajectoryRow(rollout({ environment: world, seed, policy }), world, {
          group: `key-door/${seed}`,
          index: episode,
        }),
      );
    }
  }
  return rows;
}

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-env-rows-"));
});

describe("environment trajectories through the CLI", () => {
  it("advantages --estimator gigpo gives the hand-computed per-step advantages", async () => {
    const input = join(folder, "hand.jsonl");
    await writeFile(
      input,
      `${handCase()
        .map((row) => JSON.stringify(row))
        .join("\n")}\n`,
    );
    const run = await runCli([
      "advantages",
      "--estimator",
      "gigpo",
      "--option",
      "gamma=0.5",
      "--option",
      "mode=mean_norm",
      "--input",
      input,
    ]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const out = parseJsonl(run.stdout);
    out.forEach((row, index) => {
      expect(row.advantage).toBeCloseTo(expectedEpisode[index] as number, 12);
      const steps = row.step_advantages as number[];
      expect(steps.length).toBe(expectedSteps[index]?.length);
      steps.forEach((value, step) => {
        expect(value).toBeCloseTo(expectedSteps[index]?.[step] as number, 12);
      });
    });
    expect(run.stderr).toMatch(/anchor_groups 2/);
  });

  it("score then advantages on random-walk rows: anchor groups are per task and centred", async () => {
    const rows = randomCase();
    const input = join(folder, "random.jsonl");
    await writeFile(input, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
    const spec = join(folder, "spec.json");
    // The reward a trainer would use: the environment's return plus a small bonus for valid moves.
    await writeFile(
      spec,
      JSON.stringify({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            { weight: 1, reward: { type: "field", name: "return", path: "meta.return" } },
            { weight: 0.01, reward: { type: "field", name: "length", path: "meta.length" } },
          ],
        },
      }),
    );
    const scoredFile = join(folder, "scored.jsonl");
    const scored = await runCli(["score", "--spec", spec, "--input", input, "--output", scoredFile]);
    expect(scored.code).toBe(0);
    const advantages = await runCli([
      "advantages",
      "--estimator",
      "gigpo",
      "--option",
      "mode=mean_norm",
      "--input",
      scoredFile,
    ]);
    expect(advantages.code).toBe(0);
    const out = parseJsonl(advantages.stdout);
    expect(out.length).toBe(rows.length);
    out.forEach((row, index) => {
      const original = rows[index] as TrajectoryRow;
      expect(row.reward).toBeCloseTo(original.reward + 0.01 * original.steps.length, 12);
      expect((row.step_advantages as number[]).length).toBe(original.steps.length);
    });
    // Step advantages minus the episode's are centred within each (task, state) anchor group.
    const sums = new Map<string, number>();
    out.forEach((row, index) => {
      const original = rows[index] as TrajectoryRow;
      (row.step_advantages as number[]).forEach((value, step) => {
        const key = `${row.group}|${original.steps[step]?.state}`;
        sums.set(key, (sums.get(key) ?? 0) + value - (row.advantage as number));
      });
    });
    for (const sum of sums.values()) expect(Math.abs(sum)).toBeLessThan(1e-9);
    // Worlds differ by seed, so no anchor group spans two tasks: every state key names its world.
    for (const key of sums.keys()) {
      const [group, state] = key.split("|");
      expect(state).toBe(group);
    }
    // spa reads the same rows (grounding from each step's `valid`).
    const spa = await runCli(["advantages", "--estimator", "spa", "--input", scoredFile]);
    expect(spa.code).toBe(0);
  });
});

describe("environment trajectories through the server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      version: 1,
      reward: { type: "field", path: "meta.return" },
      advantage: { type: "gigpo", gamma: 0.5, mode: "mean_norm" },
    });
  });
  afterAll(async () => server.close());

  it("POST /v1/score with trajectory rows returns the same per-step advantages", async () => {
    const reply = await post<{
      results: { reward: number }[];
      advantages: number[];
      step_advantages: number[][];
    }>(`${server.url}/v1/score`, { samples: handCase() });
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((result) => result.reward)).toEqual([1, 0]);
    reply.body.advantages.forEach((value, index) => {
      expect(value).toBeCloseTo(expectedEpisode[index] as number, 12);
    });
    reply.body.step_advantages.forEach((steps, index) => {
      steps.forEach((value, step) => {
        expect(value).toBeCloseTo(expectedSteps[index]?.[step] as number, 12);
      });
    });
  });
});

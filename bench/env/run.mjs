#!/usr/bin/env node
// Environment stepping: a gridworld (Sutton's four rooms, 13 × 13) stepped by 64 environments at
// once with uniformly random actions and automatic resets, in three forms side by side:
//   rewardkit's VectorEnvironment over GridWorld (the full interface: observation objects, infos),
//   a bare typed-array loop in JavaScript (the floor), and the same world in Python — vectorized with
//   numpy, and as a plain per-environment loop like Gymnasium's SyncVectorEnv over Python envs.
// Usage: npm run build && node bench/env/run.mjs [--envs 64] [--steps 20000] [--no-python]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { env } = await import(new URL("dist/index.js", `file://${root}`).href);
const { mulberry32 } = await import(new URL("dist/core/index.js", `file://${root}`).href);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const envs = flag("--envs", 64);
const steps = flag("--steps", 20_000);
const withPython = !args.includes("--no-python");

const make = () => env.createEnvironment("four-rooms");
const layout = make().layout;
const maxEpisodeSteps = make().maxEpisodeSteps;

function best(run) {
  let result;
  for (let pass = 0; pass < 3; pass++) {
    const next = run();
    if (!result || next.stepsPerSecond > result.stepsPerSecond) result = next;
  }
  return result;
}

function vectorEnvironment() {
  const vector = new env.VectorEnvironment({ environments: Array.from({ length: envs }, make) });
  vector.reset({ seed: 1 });
  const random = mulberry32(1);
  const actions = new Int32Array(envs);
  let episodes = 0;
  let goals = 0;
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    for (let index = 0; index < envs; index++) actions[index] = Math.floor(random() * 4);
    const batch = vector.step(actions);
    for (let index = 0; index < envs; index++) {
      goals += batch.rewards[index];
      episodes += batch.terminated[index] | batch.truncated[index];
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { stepsPerSecond: (envs * steps) / seconds, episodes, goals };
}

function bareLoop() {
  const { moves, cells, start } = layout;
  const position = new Int32Array(envs).fill(start);
  const elapsed = new Int32Array(envs);
  const random = mulberry32(1);
  let episodes = 0;
  let goals = 0;
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    for (let index = 0; index < envs; index++) {
      const target = moves[position[index] * 4 + Math.floor(random() * 4)];
      if (cells[target] !== 1) position[index] = target;
      elapsed[index]++;
      const reached = cells[position[index]] === 4;
      if (reached || elapsed[index] >= maxEpisodeSteps) {
        goals += reached ? 1 : 0;
        episodes++;
        position[index] = start;
        elapsed[index] = 0;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { stepsPerSecond: (envs * steps) / seconds, episodes, goals };
}

const rows = [
  ["rewardkit VectorEnvironment × GridWorld", best(vectorEnvironment)],
  ["JavaScript typed-array loop (floor)", best(bareLoop)],
];

if (withPython) {
  const folder = mkdtempSync(join(tmpdir(), "rewardkit-bench-env-"));
  const file = join(folder, "layout.json");
  writeFileSync(
    file,
    JSON.stringify({
      cells: [...layout.cells],
      moves: [...layout.moves],
      start: layout.start,
      maxEpisodeSteps,
    }),
  );
  const python = spawnSync(
    "python3",
    [join(root, "bench/env/gridworld_numpy.py"), file, String(envs), String(steps)],
    {
      encoding: "utf8",
    },
  );
  if (python.status !== 0) {
    console.error(python.stderr);
    process.exit(1);
  }
  const result = JSON.parse(python.stdout);
  rows.push([
    "Python + numpy, vectorized over the envs",
    { stepsPerSecond: result.numpy.steps_per_second, episodes: result.numpy.episodes },
  ]);
  rows.push([
    "Python loop over env objects (SyncVectorEnv-style)",
    { stepsPerSecond: result.loop.steps_per_second, episodes: result.loop.episodes },
  ]);
}

const reference = rows.find(([name]) => name.startsWith("Python + numpy"))?.[1].stepsPerSecond;
console.log(
  `four-rooms (13 × 13, Sutton's layout), ${envs} environments, random actions, ${steps} vector steps (Python loop: ${Math.max(1, Math.floor(steps / 10))}), best of 3`,
);
console.log("| stepper | env steps/s | episodes ended | vs numpy |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, result] of rows) {
  const ratio = reference ? `${(result.stepsPerSecond / reference).toFixed(1)}×` : "—";
  console.log(
    `| ${name} | ${Math.round(result.stepsPerSecond).toLocaleString("en-US")} | ${result.episodes} | ${ratio} |`,
  );
}

#!/usr/bin/env node
// A vectorized agent: tabular Q-learning choosing the actions of 64 four-rooms gridworlds at once and
// learning from every step, timed beside the same loop in Python + numpy (q_learning_numpy.py).
//   rewardkit: VectorEnvironment (same-step autoreset) × GridWorld, and the library's own
//     QLearningAgent (registry "q-learning", default options: α 0.5, γ 0.99, ε 0.1) — one agent and
//     one Q table for all environments, `act` per environment (ε-greedy on the observation key),
//     `observe` per environment (one TD update per environment step);
//   Python: a numpy Q table (cells × 4), ε-greedy and the TD update vectorized over the environments.
// Each round builds a fresh learner, runs the warm-up steps untimed, then times the measured steps;
// rounds alternate rewardkit / Python; the best round is reported with the spread. The learning
// check compares the last episodes' success rate and length with a random policy's.
// Usage: npm run build && node bench/env/q-learning.mjs [--envs 64] [--steps 20000] [--warmup 2000] [--rounds 3]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { env } = await import(new URL("dist/index.js", `file://${root}`).href);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const envs = flag("--envs", 64);
const steps = flag("--steps", 20_000);
const warmup = flag("--warmup", 2_000);
const rounds = flag("--rounds", 3);
/** The learning check reads the episodes that ended last. */
const last = 1_000;

const make = () => env.createEnvironment("four-rooms");
const { layout, maxEpisodeSteps } = make();

/** A fresh vector of gridworlds and a fresh Q-learning agent; `run(n)` steps and learns n times. */
function learner(options) {
  const vector = new env.VectorEnvironment({
    environments: Array.from({ length: envs }, make),
    autoreset: "same-step",
  });
  const agent = env.qLearning.create({
    environment: vector.environments[0],
    seed: options.seed,
    options: env.qLearning.options.parse(options.agent ?? {}),
  });
  const current = [...vector.reset({ seed: options.seed }).observations];
  const actions = new Int32Array(envs);
  const lengths = new Int32Array(envs);
  const returns = [];
  const episodeLengths = [];
  const run = (count) => {
    for (let step = 0; step < count; step++) {
      for (let index = 0; index < envs; index++) actions[index] = agent.act(current[index]);
      const batch = vector.step(actions);
      for (let index = 0; index < envs; index++) {
        const restarted = batch.restarted[index] === 1;
        const reward = batch.rewards[index];
        agent.observe({
          observation: current[index],
          action: actions[index],
          reward,
          nextObservation: restarted ? batch.finalObservations[index] : batch.observations[index],
          terminated: batch.terminated[index] === 1,
          truncated: batch.truncated[index] === 1,
        });
        current[index] = batch.observations[index];
        lengths[index]++;
        if (restarted) {
          returns.push(reward);
          episodeLengths.push(lengths[index]);
          lengths[index] = 0;
        }
      }
    }
  };
  const lastEpisodes = () => summary(returns, episodeLengths);
  return { run, lastEpisodes };
}

function summary(returns, lengths) {
  const tail = (values) => values.slice(-last);
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { episodes: returns.length, success: mean(tail(returns)), length: mean(tail(lengths)) };
}

function rewardkitRound(seed) {
  const { run, lastEpisodes } = learner({ seed });
  run(warmup);
  const started = performance.now();
  run(steps);
  const seconds = (performance.now() - started) / 1000;
  return { stepsPerSecond: (envs * steps) / seconds, ...lastEpisodes() };
}

const folder = mkdtempSync(join(tmpdir(), "rewardkit-bench-env-q-"));
const layoutFile = join(folder, "layout.json");
writeFileSync(
  layoutFile,
  JSON.stringify({
    cells: [...layout.cells],
    moves: [...layout.moves],
    start: layout.start,
    maxEpisodeSteps,
  }),
);

function pythonRound(seed) {
  const python = spawnSync(
    "python3",
    [
      join(root, "bench/env/q_learning_numpy.py"),
      layoutFile,
      ...[envs, steps, warmup, seed, last].map(String),
    ],
    { encoding: "utf8" },
  );
  if (python.status !== 0) {
    console.error(python.stderr);
    process.exit(1);
  }
  const result = JSON.parse(python.stdout);
  return {
    stepsPerSecond: result.steps_per_second,
    episodes: result.episodes,
    success: result.success,
    length: result.length,
  };
}

// The reference a learner must beat: the same loop acting uniformly at random (ε = 1), untimed.
const random = learner({ seed: 7, agent: { epsilon: { start: 1, end: 1, steps: 0 } } });
random.run(warmup + steps);
const reference = random.lastEpisodes();

const loadBefore = loadavg();
const results = { rewardkit: [], python: [] };
for (let round = 0; round < rounds; round++) {
  results.rewardkit.push(rewardkitRound(round + 1));
  results.python.push(pythonRound(round + 1));
}
const loadAfter = loadavg();

const millions = (value) => `${(value / 1e6).toFixed(2)}M`;
const format = (load) => load.map((value) => value.toFixed(2)).join(" ");
console.log(
  `four-rooms (13 × 13), ${envs} environments, tabular Q-learning (α 0.5, γ 0.99, ε 0.1), ${steps} vector steps after ${warmup} warm-up, best of ${rounds} alternating rounds`,
);
console.log(`load average (1/5/15 min) before: ${format(loadBefore)}; after: ${format(loadAfter)}`);
console.log(
  `random policy, last ${last} episodes: success ${reference.success.toFixed(3)}, mean length ${reference.length.toFixed(1)}`,
);
const numpyBest = Math.max(...results.python.map((result) => result.stepsPerSecond));
console.log(
  `| learner | env steps/s (best) | rounds | vs numpy | success, last ${last} | mean length, last ${last} | learned |`,
);
console.log("| --- | ---: | --- | ---: | ---: | ---: | --- |");
for (const [name, list] of [
  ["rewardkit VectorEnvironment × QLearningAgent", results.rewardkit],
  ["Python + numpy, Q table vectorized over the envs", results.python],
]) {
  const best = list.reduce((top, result) => (result.stepsPerSecond > top.stepsPerSecond ? result : top));
  const learned = list.every(
    (result) => result.success >= reference.success && result.length < reference.length / 2,
  );
  console.log(
    `| ${name} | ${millions(best.stepsPerSecond)} | ${list.map((result) => millions(result.stepsPerSecond)).join(" / ")} | ${(best.stepsPerSecond / numpyBest).toFixed(2)}× | ${best.success.toFixed(3)} | ${best.length.toFixed(1)} | ${learned ? "yes (every round)" : "NO"} |`,
  );
}

#!/usr/bin/env node
// Training throughput of every registered agent at its default options on a 16-cell corridor with
// one-hot features: environment steps per second including the agent's updates, so lab experiments
// can size their budgets. DQN's default learning_starts (10,000) would leave most of a short run
// without updates, so it is measured with learning_starts 1,000 (one update every 10 steps after).
// Prints a markdown table.
// Usage: npm run build && node bench/env-agents/agents.mjs [--steps 10000] [--rounds 3]
import { agents, createAgent, testWorlds, train } from "../../dist/env/index.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const steps = option("steps", 10_000);
const rounds = option("rounds", 3);

const cases = Object.keys(agents).map((name) =>
  name === "dqn"
    ? { label: "dqn (learning_starts 1000)", name, options: { learning_starts: 1000 } }
    : { label: name, name, options: {} },
);

const rows = [];
for (const { label, name, options } of cases) {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const environment = new testWorlds.Corridor({ length: 16 });
    const agent = createAgent({ agent: name, environment, seed: round + 1, options });
    const started = performance.now();
    train({ agent, environment, steps, seed: round + 1 });
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  rows.push(
    `| ${label} | ${steps} | ${best.toFixed(2)} | ${Math.round(steps / best).toLocaleString("en-US")} |`,
  );
}
console.log(`Agents at default options on a 16-cell corridor, best of ${rounds} (node ${process.version})`);
console.log("");
console.log("| agent | steps | seconds | steps/s |");
console.log("| --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);

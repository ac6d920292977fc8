import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AgentName, agents, createAgent } from "./registry.js";
import { CliffWalking, Corridor } from "./test-worlds.js";
import { train } from "./train.js";

/** Small budgets that make every agent learn something (DQN and PPO start updating within them). */
const quick: Record<AgentName, { options: Record<string, unknown>; steps: number }> = {
  "q-learning": { options: {}, steps: 400 },
  sarsa: { options: {}, steps: 400 },
  "expected-sarsa": { options: {}, steps: 400 },
  reinforce: { options: { hidden_sizes: [16] }, steps: 400 },
  ppo: { options: { hidden_sizes: [16], steps_per_update: 64 }, steps: 400 },
  dqn: {
    options: {
      hidden_sizes: [16],
      learning_starts: 50,
      train_frequency: 2,
      batch_size: 16,
      target_update_interval: 50,
      epsilon: { start: 1, end: 0.1, steps: 200 },
    },
    steps: 400,
  },
};

function run(name: AgentName, seed: number) {
  const environment = new Corridor({ length: 6 });
  const agent = createAgent({ agent: name, environment, seed, options: quick[name].options });
  const result = train({ agent, environment, steps: quick[name].steps, seed });
  return {
    lengths: result.lengths,
    policy: Array.from({ length: 6 }, (_, cell) => Array.from(agent.actionProbabilities(cell))),
  };
}

describe("agent registry", () => {
  it.each(Object.keys(agents) as AgentName[])(
    "%s: the same seed gives the same learning curve and policy; another seed does not",
    (name) => {
      const first = run(name, 7);
      expect(run(name, 7)).toEqual(first);
      expect(run(name, 8)).not.toEqual(first);
      expect(first.lengths.length).toBeGreaterThan(3);
    },
  );

  it("fills defaults from each agent's schema and names a bad option's field", () => {
    expect(agents.ppo.options.parse({})).toMatchObject({
      learning_rate: 2.5e-4,
      steps_per_update: 128,
      gae_lambda: 0.95,
      clip_coefficient: 0.2,
    });
    expect(agents.dqn.options.parse({})).toMatchObject({
      buffer_size: 10_000,
      batch_size: 128,
      target_update_interval: 500,
      loss: "huber",
    });
    expect(agents.sarsa.options.parse({})).toMatchObject({
      learning_rate: 0.5,
      epsilon: { start: 0.1, end: 0.1, steps: 0 },
    });
    const environment = new Corridor();
    expect(() =>
      createAgent({ agent: "ppo", environment, seed: 1, options: { clip_coefficient: -1 } }),
    ).toThrow(/agent "ppo" options: clip_coefficient: /);
    expect(() =>
      createAgent({ agent: "dqn", environment, seed: 1, options: { learningRate: 0.1 } as never }),
    ).toThrow(/agent "dqn" options: .*learningRate/);
    expect(() => createAgent({ agent: "nope" as AgentName, environment, seed: 1 })).toThrow(
      /unknown agent "nope"; known: q-learning/,
    );
  });

  it("says what a neural agent needs that an environment lacks", () => {
    const environment = Object.assign(new CliffWalking(), { observationFeatures: undefined });
    expect(() => createAgent({ agent: "ppo", environment, seed: 1 })).toThrow(
      /"cliff-walking": neural agents need observationFeatures/,
    );
    const wrongSize = Object.assign(new Corridor({ length: 4 }), {
      observationFeatures: () => new Float64Array(3),
    });
    const agent = createAgent({ agent: "dqn", environment: wrongSize, seed: 1 });
    expect(() => agent.act(0)).toThrow(/observationFeatures gave 3 numbers, the observation space says 4/);
    const continuous = Object.defineProperty(new Corridor(), "actionSpace", {
      value: { kind: "box", size: 2 },
    });
    expect(() => createAgent({ agent: "sarsa", environment: continuous, seed: 1 })).toThrow(
      /need a discrete action space, got "box"/,
    );
  });
});

describe("docs/agents.md", () => {
  it("lists every agent's options with the schema's defaults", () => {
    const text = readFileSync(new URL("../../../docs/agents.md", import.meta.url), "utf8");
    for (const [name, definition] of Object.entries(agents)) {
      const start = text.indexOf(`\n### ${name}\n`);
      expect(start, `section for ${name}`).toBeGreaterThan(0);
      const end = text.indexOf("\n### ", start + 1);
      const section = text.slice(start, end < 0 ? undefined : end);
      for (const [field, value] of Object.entries(definition.options.parse({})))
        expect(section, `${name}.${field}`).toContain(`| \`${field}\` | \`${JSON.stringify(value)}\` |`);
    }
  });
});

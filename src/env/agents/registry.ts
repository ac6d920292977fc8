import type { z } from "zod";
import type { Environment } from "../environment.js";
import type { Agent, AgentDefinition } from "./agent.js";
import { dqn } from "./dqn.js";
import { expectedSarsa } from "./expected-sarsa.js";
import { ppo } from "./ppo.js";
import { qLearning } from "./q-learning.js";
import { reinforce } from "./reinforce.js";
import { sarsa } from "./sarsa.js";

/** Every agent by name, with its option schema and defaults. */
export const agents = {
  "q-learning": qLearning,
  sarsa,
  "expected-sarsa": expectedSarsa,
  reinforce,
  ppo,
  dqn,
} as const satisfies Record<string, AgentDefinition>;

export type AgentName = keyof typeof agents;

/** The options an agent accepts (every field optional: the schema fills defaults). */
export type AgentOptionsInput<Name extends AgentName> = z.input<(typeof agents)[Name]["options"]>;

/**
 * Builds a registered agent for an environment: options are checked and completed by the agent's
 * schema (an unknown or out-of-range option is an error naming the field).
 *
 * @example
 * ```ts
 * const agent = createAgent({ agent: "ppo", environment, seed: 1, options: { steps_per_update: 256 } });
 * ```
 */
export function createAgent<Observation, Name extends AgentName>(setup: {
  agent: Name;
  environment: Environment<Observation, number>;
  seed: number;
  options?: AgentOptionsInput<Name>;
}): Agent<Observation> {
  const definition = agents[setup.agent] as AgentDefinition | undefined;
  if (!definition)
    throw new RangeError(`unknown agent "${String(setup.agent)}"; known: ${Object.keys(agents).join(", ")}`);
  const parsed = definition.options.strict().safeParse(setup.options ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`,
    );
    throw new RangeError(`agent "${definition.name}" options: ${problems.join("; ")}`);
  }
  return definition.create({ environment: setup.environment, seed: setup.seed, options: parsed.data });
}

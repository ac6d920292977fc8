import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../core/index.js";
import type { Environment, Space } from "./environment.js";
import { createEnvironment, environments } from "./environments.js";
import type { MultiAgentEnvironment } from "./multi-agent-environment.js";
import { randomInteger } from "./seeds.js";

/** A random action of a space (masked where the environment says), from a seeded generator. */
function randomAction(space: Space, random: () => number, mask?: Uint8Array): unknown {
  if (space.kind === "box") return Float64Array.from({ length: space.size }, () => 2 * random() - 1);
  if (space.kind === "text") return "noop";
  if (!mask) return randomInteger(random, space.n);
  const allowed = [...mask.keys()].filter((action) => mask[action] === 1);
  return allowed[randomInteger(random, allowed.length)];
}

/** Keys of every observation and the rewards of a random episode per seed, for a single-agent world. */
function playSingle(environment: Environment<unknown, unknown>, seed: number): string[] {
  const random = mulberry32(seed);
  let { observation } = environment.reset({ seed });
  const trace = [environment.observationKey(observation)];
  for (let step = 0; step < 60; step++) {
    const mask = environment.actionMask?.(observation);
    const result = environment.step(randomAction(environment.actionSpace, random, mask));
    trace.push(`${environment.observationKey(result.observation)}:${result.reward}`);
    expect(Number.isFinite(result.reward)).toBe(true);
    expect(JSON.parse(JSON.stringify(result.info))).toEqual(result.info); // JSON-safe info
    observation = result.observation;
    if (result.terminated || result.truncated) break;
  }
  return trace;
}

function playMulti(environment: MultiAgentEnvironment<unknown, number>, seed: number): string[] {
  const random = mulberry32(seed);
  let { observations } = environment.reset({ seed });
  const trace = [observations.map((observation) => environment.observationKey(observation)).join(";")];
  for (let step = 0; step < 30; step++) {
    const actions = observations.map(() => randomAction(environment.actionSpace, random) as number);
    const result = environment.step(actions);
    expect(result.rewards.length).toBe(environment.agentCount);
    trace.push(
      `${result.observations.map((observation) => environment.observationKey(observation)).join(";")}:${[...result.rewards]}`,
    );
    observations = result.observations;
    if (result.terminated || result.truncated) break;
  }
  return trace;
}

describe("the environment registry", () => {
  const names = Object.keys(environments) as (keyof typeof environments)[];

  it("builds every environment from its defaults; the same seed repeats an episode", () => {
    for (const name of names) {
      const definition = environments[name];
      expect(definition.id).toBe(name);
      const first = createEnvironment(name) as unknown;
      const second = createEnvironment(name) as unknown;
      if (definition.kind === "multi-agent") {
        const a = first as MultiAgentEnvironment<unknown, number>;
        expect(playMulti(a, 3)).toEqual(playMulti(second as MultiAgentEnvironment<unknown, number>, 3));
      } else {
        const a = first as Environment<unknown, unknown>;
        expect(playSingle(a, 3)).toEqual(playSingle(second as Environment<unknown, unknown>, 3));
      }
    }
  });

  it("every environment draws as text and SVG, and its features fill its observation space", () => {
    for (const name of names) {
      const environment = createEnvironment(name) as
        | Environment<unknown, unknown>
        | MultiAgentEnvironment<unknown, number>;
      const reset = environment.reset({ seed: 1 });
      const observation = "observations" in reset ? reset.observations[0] : reset.observation;
      expect(environment.renderText().length, name).toBeGreaterThan(0);
      expect(environment.observationText(observation).length, name).toBeGreaterThan(0);
      const svg = environment.renderSvg?.() ?? "";
      expect(svg, name).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
      const features = environment.observationFeatures?.(observation);
      if (environment.observationSpace.kind === "box")
        expect(features?.length, name).toBe(environment.observationSpace.size);
    }
  });

  it("names a bad option by its path and an unknown environment by the known ones", () => {
    expect(() => createEnvironment("four-rooms", { size: "big" } as never)).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", path: "environments.four-rooms.size" }),
    );
    expect(() => createEnvironment("four-rooms", { sise: 3 } as never)).toThrow(/sise/);
    expect(() => createEnvironment("chess")).toThrow(/no environment named "chess"; known: .*four-rooms/);
  });

  it("every environment has a section in docs/environments.md", () => {
    const page = readFileSync(new URL("../../docs/environments.md", import.meta.url), "utf8");
    for (const name of names) expect(page, name).toContain(`## \`${name}\``);
  });
});

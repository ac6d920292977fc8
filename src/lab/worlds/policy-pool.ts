import type { LabRandom } from "../random.js";

/**
 * Synthetic policies for POLAR (reconstructed setting): a response to prompt p from a policy with
 * style μ is y = ν_p + μ + σ·ε (a vector). The prompt part ν_p is shared by every policy; what
 * tells policies apart is their style. A "target" policy is the one whose references we are given.
 */
export interface PolicyWorld {
  dimensions: number;
  prompts: Float64Array[];
  noise: number;
  styleScale: number;
}

export function createPolicyWorld(input: {
  dimensions: number;
  prompts: number;
  noise: number;
  styleScale: number;
  random: LabRandom;
}): PolicyWorld {
  return {
    dimensions: input.dimensions,
    prompts: Array.from({ length: input.prompts }, () =>
      Float64Array.from({ length: input.dimensions }, () => input.random.normal()),
    ),
    noise: input.noise,
    styleScale: input.styleScale,
  };
}

/** A new policy style μ ~ N(0, styleScale² I). */
export function randomStyle(world: PolicyWorld, random: LabRandom): Float64Array {
  return Float64Array.from({ length: world.dimensions }, () => world.styleScale * random.normal());
}

/** One response of the policy with `style` to prompt `prompt`. */
export function respond(
  world: PolicyWorld,
  style: ArrayLike<number>,
  prompt: number,
  random: LabRandom,
): Float64Array {
  const offset = world.prompts[prompt] as Float64Array;
  return Float64Array.from(
    { length: world.dimensions },
    (_, index) => (offset[index] as number) + (style[index] as number) + world.noise * random.normal(),
  );
}

/** A style at distance `distance` from `style` in a random direction. */
export function styleAt(style: ArrayLike<number>, distance: number, random: LabRandom): Float64Array {
  const direction = Float64Array.from({ length: style.length }, () => random.normal());
  const norm = Math.hypot(...direction);
  return Float64Array.from(style, (value, index) => value + (distance * (direction[index] as number)) / norm);
}

import { directionalReward, directionFromAngle, directionPrompt, type Message } from "../core/index.js";

/**
 * DPA's preference-conditioned prompts (Wang et al. 2024, rm-rl.md §4): the user's direction v is
 * written into the system prompt as integer weights round(100·v), and responses are ranked by vᵀr.
 * The phrase "weighted rating = helpfulness*97 + verbosity*-26" follows the DPA README; the sentence
 * around it is the `template` (`{weights}` is filled in).
 */
export const defaultDirectionTemplate = "Your response should maximize weighted rating = {weights}.";

export function directionSystemPrompt(
  names: readonly string[],
  direction: readonly number[],
  template = defaultDirectionTemplate,
): string {
  return template.replaceAll("{weights}", directionPrompt(names, direction));
}

/** The prompt with the direction's system message first (before any system message it had). */
export function conditionedPrompt(prompt: string | Message[], system: string): Message[] {
  const messages: Message[] = typeof prompt === "string" ? [{ role: "user", content: prompt }] : prompt;
  return [{ role: "system", content: system }, ...messages];
}

/**
 * A direction for the i-th prompt: the given vectors in turn, else (two objectives) the angle drawn
 * uniformly from [low, high] degrees (DPA's suggested θ ∈ [−45°, 0°]; the sampling distribution is
 * reconstructed).
 */
export function directionFor(input: {
  index: number;
  vectors?: readonly (readonly number[])[] | undefined;
  angleRange?: readonly [number, number];
  random: () => number;
}): { direction: number[]; angle?: number } {
  if (input.vectors && input.vectors.length > 0) {
    return { direction: [...(input.vectors[input.index % input.vectors.length] as number[])] };
  }
  const [low, high] = input.angleRange ?? [-45, 0];
  const angle = low + (high - low) * input.random();
  return { direction: directionFromAngle(angle), angle };
}

/** vᵀr over named components; undefined when one is missing. */
export function directionScore(
  names: readonly string[],
  direction: readonly number[],
  components: Readonly<Record<string, number>>,
): number | undefined {
  const values: number[] = [];
  for (const name of names) {
    const value = components[name];
    if (value === undefined || !Number.isFinite(value)) return undefined;
    values.push(value);
  }
  return directionalReward(direction, values);
}

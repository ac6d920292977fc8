import { z } from "zod";
import { type RewardkitError, type RewardResult, rowError } from "../core/index.js";

export const wireErrorSchema = z
  .object({
    code: z
      .string()
      .describe("A stable error code (INPUT_INVALID, TIMEOUT, NOT_APPLICABLE, NODE_FAILED, ...)."),
    message: z.string(),
    node: z.string().optional().describe("The node that failed, by its component name."),
    path: z.string().optional().describe("The bad field of the request, for samples refused before scoring."),
  })
  .describe("Why this sample's reward is its node's `on_error` value.");
export type WireError = z.infer<typeof wireErrorSchema>;

export const wireResultSchema = z.object({
  id: z.union([z.string(), z.number()]).optional().describe("The sample's `id`, when it had one."),
  reward: z.number().describe("The number that trains the model (finite)."),
  components: z.record(z.string(), z.number()).describe("Each named node's score, so users can see why."),
  reason: z.string().optional().describe("A verdict in words (a judge's critique, a verifier's finding)."),
  error: wireErrorSchema.optional(),
  turn_rewards: z
    .array(z.number())
    .optional()
    .describe("One score per assistant turn, from a `turns` node (first in spec order)."),
  step_rewards: z
    .array(z.number())
    .optional()
    .describe("One score per step, from a `process` node or a step-level node (first in spec order)."),
});
export type WireResult = z.infer<typeof wireResultSchema>;

/** A scored sample as the server returns it. */
export function toWireResult(result: RewardResult, id?: string | number): WireResult {
  const out: WireResult = { reward: result.score, components: result.components ?? {} };
  if (id !== undefined) out.id = id;
  if (result.reason !== undefined) out.reason = result.reason;
  const error = rowError(result);
  if (error) {
    out.error = { code: error.code, message: error.message };
    if (error.node !== undefined) out.error.node = error.node;
  }
  if (result.turnRewards !== undefined) out.turn_rewards = result.turnRewards;
  if (result.stepRewards !== undefined) out.step_rewards = result.stepRewards;
  return out;
}

/** A sample refused before scoring: the root's `on_error` score and an error naming the field. */
export function refusedResult(error: RewardkitError, onError: number): RewardResult {
  return { score: onError, error: { code: error.code, message: error.located } };
}

/**
 * The component names every reply of a single-rollout protocol carries. OpenRLHF stacks `extra_logs`
 * key by key across samples and verl collects extra keys into aligned columns, so every reply must
 * have the same keys: the spec's node names, plus any extra key a node was ever seen to report.
 */
export class ComponentKeys {
  readonly #keys: Set<string>;

  constructor(names: readonly string[]) {
    this.#keys = new Set(names);
  }

  /** The keys as a list, rebuilt only when a new key was seen (read once per reply). */
  #list: readonly string[] | undefined;

  observe(results: readonly RewardResult[]): void {
    for (const result of results) {
      const components = result.components;
      if (!components) continue;
      for (const key in components) {
        if (this.#keys.has(key)) continue;
        this.#keys.add(key);
        this.#list = undefined;
      }
    }
  }

  get keys(): readonly string[] {
    this.#list ??= [...this.#keys];
    return this.#list;
  }
}

/**
 * One component's value for a sample: its score; the root's is the reward itself (a composite root
 * does not repeat itself in `components`); a node that did not run for this sample (a gate's reward
 * where the condition failed) reports 0.
 */
export function componentValue(result: RewardResult, key: string, rootName: string): number {
  const value = result.components?.[key];
  if (value !== undefined) return value;
  return key === rootName ? result.score : 0;
}

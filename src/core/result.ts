import { z } from "zod";
import type { ErrorCode } from "./errors.js";

export const rewardErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The node that failed, by its component name. */
  node: z.string().optional(),
});

/** What a reward returns for one sample. */
export interface RewardResult {
  /** The number that trains the model: always finite. */
  score: number;
  /** Named parts, so users can see why. Keys are node names. */
  components?: Record<string, number>;
  /** A judge's critique, a verifier's verdict in words. */
  reason?: string;
  /** What failed in this node; `score` is then the node's `on_error` value. */
  error?: RewardError;
  /**
   * Failures inside a composite's children (each child scored its own `on_error`, and the composite
   * went on). Rows report the first one as their `error`, so no failure is silent.
   */
  childErrors?: RewardError[];
  /**
   * One score per assistant turn of a conversation (the `turns` node), in turn order. Composites
   * pass on the first child's (in spec order) that has them; rows and server results carry them
   * as `turn_rewards`.
   */
  turnRewards?: number[];
  /**
   * One score per step: reasoning steps (the `process` node) or a trajectory's `steps`. Passed on
   * like `turnRewards`; rows and server results carry them as `step_rewards`.
   */
  stepRewards?: number[];
}

export interface RewardError {
  code: ErrorCode | (string & {});
  message: string;
  /** The failing node's component name. */
  node?: string;
}

/** The error a row reports: the node's own failure, else the first failure inside it. */
export function rowError(result: RewardResult): RewardError | undefined {
  return result.error ?? result.childErrors?.[0];
}

export function isRewardResult(value: unknown): value is RewardResult {
  return (
    typeof value === "object" && value !== null && typeof (value as { score?: unknown }).score === "number"
  );
}

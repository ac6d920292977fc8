import type { Context } from "./context.js";
import type { RewardError, RewardResult } from "./result.js";
import type { Reward } from "./reward.js";
import type { Sample } from "./sample.js";

/**
 * A composite's result: its score, its children's components (so the whole tree is visible), their
 * failures, their reasons labelled by child, and the per-turn / per-step rewards of the first child
 * (in spec order) that has them. Children's results come from the engine guard,
 * whose components objects are fresh, so the first one is extended in place rather than copied.
 */
export function compositeResult(
  score: number,
  children: readonly RewardResult[],
  names: readonly string[],
): RewardResult {
  let components: Record<string, number> | undefined;
  let childErrors: RewardError[] | undefined;
  let reason: string | undefined;
  let turnRewards: number[] | undefined;
  let stepRewards: number[] | undefined;
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RewardResult;
    turnRewards = turnRewards ?? child.turnRewards;
    stepRewards = stepRewards ?? child.stepRewards;
    if (child.components)
      components = components ? Object.assign(components, child.components) : child.components;
    if (child.error || child.childErrors) {
      childErrors = childErrors ?? [];
      if (child.error) childErrors.push(child.error);
      if (child.childErrors) childErrors.push(...child.childErrors);
    }
    if (child.reason) {
      const line = `${names[index] ?? "child"}: ${child.reason}`;
      reason = reason ? `${reason}; ${line}` : line;
    }
  }
  const merged: RewardResult = { score };
  if (components) merged.components = components;
  if (childErrors) merged.childErrors = childErrors;
  if (reason !== undefined) merged.reason = reason;
  if (turnRewards) merged.turnRewards = turnRewards;
  if (stepRewards) merged.stepRewards = stepRewards;
  return merged;
}

/** Scores the batch with every child at once; result[child][sample]. */
export function scoreChildren(
  children: readonly Reward[],
  batch: readonly Sample[],
  context: Context,
): Promise<RewardResult[][]> {
  return Promise.all(children.map((child) => child.score(batch, context)));
}

/** Column `index` of a children × samples table. */
export function column(table: readonly RewardResult[][], index: number): RewardResult[] {
  return table.map((row) => row[index] as RewardResult);
}

import type { Context, Reward, RewardError, RewardResult, Sample } from "../core/index.js";

/**
 * Scores every part of every sample (the turns of a conversation, the steps of a solution) with
 * one call to the child, so a batch node (a reward model, a judge) sees all parts at once;
 * result[sample][part].
 */
export async function scoreParts(
  child: Reward,
  parts: readonly (readonly Sample[])[],
  context: Context,
): Promise<RewardResult[][]> {
  const flat: Sample[] = [];
  for (const each of parts) for (const part of each) flat.push(part);
  const scored = flat.length === 0 ? [] : await child.score(flat, context);
  const out: RewardResult[][] = [];
  let offset = 0;
  for (const each of parts) {
    out.push(scored.slice(offset, offset + each.length));
    offset += each.length;
  }
  return out;
}

/**
 * A sample's result from its parts' results: `score` (already aggregated), each child component
 * aggregated the same way over the parts that report it, the parts' failures (their messages say
 * which part) and reasons, labelled `turn k` / `step k` (1-based, as people count).
 */
export function sequenceResult(options: {
  score: number;
  parts: readonly RewardResult[];
  label: "turn" | "step";
  aggregate: (scores: readonly number[]) => number;
}): RewardResult {
  const { parts, label } = options;
  const byKey: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  let keys = 0;
  let childErrors: RewardError[] | undefined;
  let reason: string | undefined;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as RewardResult;
    if (part.components) {
      for (const key in part.components) {
        const value = part.components[key] as number;
        const values = byKey[key];
        if (values) values.push(value);
        else {
          byKey[key] = [value];
          keys++;
        }
      }
    }
    if (part.error || part.childErrors) {
      const where = `${label} ${index + 1}`;
      for (const error of [part.error, ...(part.childErrors ?? [])]) {
        if (!error) continue;
        childErrors = childErrors ?? [];
        childErrors.push({ ...error, message: `${where}: ${error.message}` });
      }
    }
    if (part.reason) {
      const line = `${label} ${index + 1}: ${part.reason}`;
      reason = reason === undefined ? line : `${reason}; ${line}`;
    }
  }
  const result: RewardResult = { score: options.score };
  if (keys > 0) {
    const components: Record<string, number> = {};
    for (const key in byKey) components[key] = options.aggregate(byKey[key] as number[]);
    result.components = components;
  }
  if (childErrors) result.childErrors = childErrors;
  if (reason !== undefined) result.reason = reason;
  return result;
}

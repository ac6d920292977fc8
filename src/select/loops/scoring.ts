import { type Context, type Reward, rowError, type Sample } from "../../core/index.js";
import type { PromptInput } from "../generation/text-generator.js";

/** A prompt the loops generate for, as read from a prompts file. */
export interface PromptRow {
  /** The prompt's id; generated rows use it as their `group`. */
  id: string;
  prompt: PromptInput;
  reference?: unknown;
  meta?: Record<string, unknown>;
}

/** A generated, scored row: the `score` command's output shape, so every other command reads it. */
export interface ScoredRow extends Sample {
  id: string;
  group: string;
  completion: string;
  reward: number;
  components: Record<string, number>;
  reason?: string;
  error?: { code: string; message: string };
}

/** A generated text as a sample of its prompt (group = the prompt's id). */
export function sampleOf(
  prompt: PromptRow,
  completion: string,
  id: string,
  meta?: Record<string, unknown>,
): Sample {
  const sample: Sample = { id, group: prompt.id, prompt: prompt.prompt, completion };
  if (prompt.reference !== undefined) sample.reference = prompt.reference;
  const merged = { ...prompt.meta, ...meta };
  if (Object.keys(merged).length > 0) sample.meta = merged;
  return sample;
}

/**
 * Scores samples with a compiled reward, in batches that never split a group (group-wise rewards
 * such as a round-robin pairwise judge compare a prompt's samples with each other).
 */
export async function scoreSamples(input: {
  reward: Reward;
  context: Context;
  samples: readonly Sample[];
  batchSize?: number;
}): Promise<ScoredRow[]> {
  const size = input.batchSize ?? 256;
  const out: ScoredRow[] = [];
  let start = 0;
  while (start < input.samples.length) {
    let end = Math.min(start + size, input.samples.length);
    while (end < input.samples.length && input.samples[end]?.group === input.samples[end - 1]?.group) end++;
    const batch = input.samples.slice(start, end);
    const results = await input.reward.score(batch, input.context);
    batch.forEach((sample, index) => {
      const result = results[index];
      if (!result) return;
      const row: ScoredRow = {
        ...sample,
        id: String(sample.id),
        group: String(sample.group),
        completion: typeof sample.completion === "string" ? sample.completion : "",
        reward: result.score,
        components: result.components ?? {},
      };
      if (result.reason !== undefined) row.reason = result.reason;
      const error = rowError(result);
      if (error) row.error = error;
      out.push(row);
    });
    start = end;
  }
  return out;
}

/** Rows by their group, in first-seen order. */
export function byGroup<Row extends { group: string }>(rows: readonly Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const list = groups.get(row.group);
    if (list) list.push(row);
    else groups.set(row.group, [row]);
  }
  return [...groups.values()];
}

/** Mean of numbers (NaN for none: "unknown", never 0). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

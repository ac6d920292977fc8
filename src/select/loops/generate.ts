import { RewardkitError, type Sample } from "../../core/index.js";
import { type GenerationSettings, requestSeed, type TextGenerator } from "../generation/text-generator.js";
import { type PromptRow, sampleOf } from "./scoring.js";

/** Runs `task` over items with at most `limit` in flight, results in item order. */
export async function inPool<Item, Result>(
  items: readonly Item[],
  limit: number,
  task: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as Item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** A prompt whose generation failed for good (after the client's retries). */
export interface GenerationFailure {
  prompt: string;
  code: string;
  message: string;
}

/** The failure of one prompt's generation, to report and go on (an abort still stops the run). */
export function generationFailure(prompt: string, error: unknown, signal: AbortSignal): GenerationFailure {
  if (signal.aborted) throw error;
  if (RewardkitError.isInstance(error)) return { prompt, code: error.code, message: error.message };
  return { prompt, code: "UPSTREAM_ERROR", message: error instanceof Error ? error.message : String(error) };
}

/**
 * k samples for every prompt, as samples grouped by prompt (ids `PROMPT-rROUND-J`, `meta.round`,
 * `meta.temperature`). Requests are seeded by (seed, round, prompt, tag), so a re-run repeats. A
 * prompt whose generation fails is reported in `failures`; the others go on.
 */
export async function sampleAll(input: {
  generator: TextGenerator;
  prompts: readonly PromptRow[];
  k: number;
  settings: GenerationSettings;
  seed: number;
  round: number;
  signal: AbortSignal;
  /** Prompts asked at once (the client bounds requests in flight too). */
  concurrency?: number;
  /** Told of each prompt done (progress). */
  onPrompt?: () => void;
  /** Separates requests of the same round that must not repeat each other (B-STaR's probes per temperature). */
  tag?: string;
}): Promise<{ samples: Sample[]; failures: GenerationFailure[] }> {
  const failures: GenerationFailure[] = [];
  const perPrompt = await inPool(input.prompts, input.concurrency ?? 32, async (prompt) => {
    let texts: Awaited<ReturnType<TextGenerator["sample"]>>;
    try {
      texts = await input.generator.sample(
        {
          prompt: prompt.prompt,
          n: input.k,
          settings: input.settings,
          seed: requestSeed(input.seed, input.round, prompt.id, input.tag ?? ""),
        },
        input.signal,
      );
    } catch (error) {
      failures.push(generationFailure(prompt.id, error, input.signal));
      return [];
    }
    input.onPrompt?.();
    return texts.map((text, index) =>
      sampleOf(prompt, text.text, `${prompt.id}-r${input.round}-${index}`, {
        round: input.round,
        ...(input.settings.temperature === undefined ? {} : { temperature: input.settings.temperature }),
        ...(text.finished ? {} : { truncated: true }),
      }),
    );
  });
  return { samples: perPrompt.flat(), failures };
}

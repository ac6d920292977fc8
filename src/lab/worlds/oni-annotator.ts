import type { JudgeClient } from "../../judges/index.js";

/**
 * Labels captions as helpful or not for ONI (Zheng, Henaff et al. 2024): each answer contains "FOO"
 * (helpful) or "BAR" (not), as the paper's prompt asks. `captions` counts every caption it was
 * asked about, `requests` the batches sent.
 */
export interface CaptionAnnotator {
  annotate(captions: readonly string[]): Promise<string[]>;
  readonly tally: { captions: number; requests: number };
}

/**
 * The scripted annotator for tests and offline runs (reconstructed: it stands in for the LLM): a
 * caption is helpful when it mentions the task's objects (key, door, goal).
 */
export function scriptedLabel(caption: string): "FOO" | "BAR" {
  return /\b(key|door|goal)\b/i.test(caption) ? "FOO" : "BAR";
}

export function scriptedAnnotator(): CaptionAnnotator {
  const tally = { captions: 0, requests: 0 };
  return {
    tally,
    annotate(captions) {
      tally.captions += captions.length;
      tally.requests++;
      return Promise.resolve(captions.map(scriptedLabel));
    },
  };
}

/** The annotation prompt for one batch (numbered captions, one FOO/BAR answer a line). */
export function annotationPrompt(task: string, captions: readonly string[]): string {
  return [
    `You are helping an agent learn a task: ${task}`,
    "For each numbered message the agent saw, answer on its own line `<number>: FOO` if the message shows progress that helps the task, else `<number>: BAR`.",
    ...captions.map((caption, index) => `${index + 1}. ${caption}`),
  ].join("\n");
}

/** The verdict per caption from a batch reply; a caption without a parseable line gets "" (label 0). */
export function parseAnnotations(reply: string, count: number): string[] {
  const answers = new Array<string>(count).fill("");
  for (const line of reply.split("\n")) {
    const match = /^\s*(\d+)\s*[:.)-]\s*(FOO|BAR)\b/i.exec(line);
    if (!match) continue;
    const index = Number(match[1]) - 1;
    if (index >= 0 && index < count) answers[index] = (match[2] as string).toUpperCase();
  }
  return answers;
}

/**
 * The LLM annotator over the judges' OpenAI-compatible client: captions are sent in batches of
 * `batchSize`, the batches concurrently (the client's `concurrency` bounds requests in flight).
 */
export function llmAnnotator(options: {
  client: JudgeClient;
  task: string;
  batchSize: number;
  timeoutMs?: number;
}): CaptionAnnotator {
  const tally = { captions: 0, requests: 0 };
  return {
    tally,
    async annotate(captions) {
      const batches: string[][] = [];
      for (let start = 0; start < captions.length; start += options.batchSize)
        batches.push(captions.slice(start, start + options.batchSize));
      const replies = await Promise.all(
        batches.map(async (batch) => {
          tally.captions += batch.length;
          tally.requests++;
          const reply = await options.client.chat(
            { messages: [{ role: "user", content: annotationPrompt(options.task, batch) }], temperature: 0 },
            { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) },
          );
          return parseAnnotations(reply.text, batch.length);
        }),
      );
      return replies.flat();
    },
  };
}

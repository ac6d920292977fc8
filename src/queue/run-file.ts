import { randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";

/**
 * The sidecar next to the output (`OUTPUT.queue.json`): the queue and the run key of a distributed
 * run. Which rows are done is the output itself (as for local `--resume`: its complete lines); the
 * run key lets a resumed producer send the same chunks under the same job ids, so chunks the
 * workers already scored are taken from Redis, not scored again.
 */
export interface QueueRunFile {
  queue: string;
  runKey: string;
  specHash: string;
  chunkSize: number;
}

export const runFileOf = (output: string): string => `${output}.queue.json`;

/** With `resume`, the earlier run's file when there is one; else a new run (and its file). */
export async function openRunFile(options: {
  output: string;
  resume: boolean;
  fresh: Omit<QueueRunFile, "runKey">;
}): Promise<{ run: QueueRunFile; resumed: boolean }> {
  const file = runFileOf(options.output);
  if (options.resume) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) return { run: JSON.parse(text) as QueueRunFile, resumed: true };
  }
  const run: QueueRunFile = { ...options.fresh, runKey: randomUUID() };
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return { run, resumed: false };
}

/** A finished run leaves no sidecar behind. */
export async function removeRunFile(output: string): Promise<void> {
  await rm(runFileOf(output), { force: true });
}

import { dirname, resolve } from "node:path";
import cliProgress from "cli-progress";
import type { Redis } from "ioredis";
import { readSpecFile } from "../core/index.js";
import { type BatchScorer, type LoadedSpec, loadSpec } from "../engine/index.js";
import type { RowSource } from "../io/index.js";
import {
  connectQueueRedis,
  openQueueScorer,
  openRunFile,
  removeRunFile,
  specHashOf,
} from "../queue/index.js";

export interface QueueScoreFlags {
  spec: string;
  output: string;
  queue: string;
  queueName: string;
  chunkSize: number;
  chunksInFlight: number;
  attempts: number;
  resume: boolean;
  progress: boolean;
}

/** A distributed run's producer side: the scorer `runScore` sends chunks through, and its progress. */
export interface QueueScoring {
  loaded: LoadedSpec;
  scorer: BatchScorer;
  progress: { update(source: RowSource): void; stop(): void };
  /** Leaves the run's sidecar behind (a failed run can be resumed) or removes it (finished). */
  close(finished: boolean): Promise<void>;
}

/**
 * Loads the spec (validated here, so a bad spec fails before anything is queued), connects to the
 * queue's Redis (a bad URL fails here) and opens the run: a new one, or with `--resume` the one
 * recorded next to the output.
 */
export async function openQueueScoring(flags: QueueScoreFlags): Promise<QueueScoring> {
  const value = await readSpecFile(flags.spec);
  const baseDir = dirname(resolve(flags.spec));
  const loaded = await loadSpec(value, { baseDir });
  let connection: Redis | undefined;
  try {
    connection = await connectQueueRedis(flags.queue);
    const specHash = specHashOf(value, baseDir);
    const { run, resumed } = await openRunFile({
      output: flags.output,
      resume: flags.resume,
      fresh: { queue: flags.queueName, specHash, chunkSize: flags.chunkSize },
    });
    if (resumed && run.chunkSize !== flags.chunkSize) {
      process.stderr.write(
        `rewardkit: the earlier run cut chunks of ${run.chunkSize} rows; with --chunk-size ${flags.chunkSize} its finished chunks are scored again\n`,
      );
    }
    const progress = queueProgress(flags.progress);
    const opened = await openQueueScorer({
      connection,
      queueName: flags.queueName,
      runKey: run.runKey,
      spec: value,
      specHash,
      baseDir,
      attempts: flags.attempts,
      onErrorScore: onErrorOf(value),
      onChunk(event) {
        progress.chunkDone();
        if (event.failed === undefined) return;
        progress.interrupt(
          `rewardkit: chunk of input lines ${describeLines(event.lines)} failed: ${event.failed}; its ${event.lines.length} rows are written with error CHUNK_FAILED\n`,
        );
      },
    });
    const workers = setInterval(() => {
      opened.queue.getWorkersCount().then(progress.setWorkers, () => undefined);
    }, 2000);
    workers.unref();
    const redis = connection;
    return {
      loaded,
      scorer: (batch) => {
        progress.chunkSent();
        return opened.scorer(batch);
      },
      progress,
      async close(finished) {
        clearInterval(workers);
        progress.stop();
        await opened.close();
        redis.disconnect();
        if (finished) await removeRunFile(flags.output);
      },
    };
  } catch (error) {
    connection?.disconnect();
    await loaded.close();
    throw error;
  }
}

/** The spec root's `on_error` (default 0), the reward of rows in a failed chunk. */
function onErrorOf(spec: unknown): number {
  const reward = (spec as { reward?: { on_error?: unknown } }).reward;
  return typeof reward?.on_error === "number" ? reward.on_error : 0;
}

/** "3-7, 12" for lines 3,4,5,6,7,12. */
export function describeLines(lines: readonly number[]): string {
  const parts: string[] = [];
  let start = lines[0];
  let previous = start;
  for (const line of [...lines.slice(1), undefined]) {
    if (line !== undefined && previous !== undefined && line === previous + 1) {
      previous = line;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = line;
    previous = line;
  }
  return parts.join(", ");
}

/** The producer's terminal line: how far through the input, chunks done and queued, workers seen. */
function queueProgress(enabled: boolean) {
  let done = 0;
  let sent = 0;
  let workers = 0;
  const tty = enabled && process.stderr.isTTY;
  let bar: cliProgress.SingleBar | undefined;
  const payload = () => ({ done, queued: sent - done, workers });
  return {
    update(source: RowSource) {
      if (!tty || source.total === undefined) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format:
              "queued [{bar}] {percentage}% of the input | chunks {done} done, {queued} on the queue | {workers} workers",
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(source.total, 0, payload());
      }
      bar.update(Math.min(source.progress, source.total), payload());
    },
    chunkSent() {
      sent++;
      bar?.update(payload());
    },
    chunkDone() {
      done++;
      bar?.update(payload());
    },
    setWorkers(count: number) {
      workers = count;
      bar?.update(payload());
    },
    /** A message on its own line, the bar drawn again under it. */
    interrupt(message: string) {
      // Clears the bar's line first (carriage return, erase line).
      process.stderr.write(bar ? `\r\u001b[2K${message}` : message);
      bar?.render();
    },
    stop() {
      bar?.stop();
    },
  };
}

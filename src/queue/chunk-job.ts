import { createHash } from "node:crypto";
import type { Sample } from "../core/index.js";

/** The queue both sides use unless told otherwise (`--queue-name`). */
export const defaultQueueName = "rewardkit-score";

/** What a producer puts on the queue for one chunk of rows. */
export interface ChunkJobData {
  /** The producer's run: per-run state of stateful nodes is kept in Redis under it. */
  runKey: string;
  /** The spec as read from its file (workers compile it once per `specHash` and keep it). */
  spec: unknown;
  specHash: string;
  /** The spec's folder: relative paths in it (modules, models) resolve here on the worker. */
  baseDir: string;
  /** Input lines of the samples, for reports. */
  lines: number[];
  samples: Sample[];
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The content hash workers cache compiled specs by: the spec and the folder it resolves against. */
export function specHashOf(spec: unknown, baseDir: string): string {
  return sha256(JSON.stringify([spec, baseDir])).slice(0, 32);
}

/**
 * The chunk's job id: the run, the spec and the chunk's content. The same chunk sent again (a
 * producer resumed after it died) gets the same id, so BullMQ keeps one job and its result instead
 * of scoring the rows twice. (BullMQ ids may not contain ":".)
 */
export function chunkJobId(data: ChunkJobData): string {
  const content = sha256(JSON.stringify([data.specHash, data.lines, data.samples]));
  return `${data.runKey}-${data.lines[0] ?? 0}-${content.slice(0, 24)}`;
}

import { deserialize, serialize } from "node:v8";
import type { ScoredBatch } from "../engine/index.js";

/**
 * A scored chunk as the job's return value. JSON would turn `undefined` entries of an advantage
 * array into `null` and drop non-finite numbers; V8's structured serialization keeps the batch
 * exactly as local scoring produced it, so the producer writes the same rows.
 */
export function encodeScoredBatch(scored: ScoredBatch): string {
  return serialize(scored).toString("base64");
}

export function decodeScoredBatch(text: unknown): ScoredBatch {
  if (typeof text !== "string") throw new Error(`a chunk's result is not an encoded batch (${typeof text})`);
  return deserialize(Buffer.from(text, "base64")) as ScoredBatch;
}

import { mulberry32 } from "../core/index.js";

/**
 * An independent seed for one purpose (`stream`) derived from a seed, so an environment's layout,
 * start and dynamics draw from separate generators: changing how many numbers one of them uses
 * does not shift the others. A 32-bit integer hash (murmur3's finalizer) of the pair.
 */
export function deriveSeed(seed: number, stream: number): number {
  let hash = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A generator for one purpose of a seed (see `deriveSeed`). */
export function streamOf(seed: number, stream: number): () => number {
  return mulberry32(deriveSeed(seed, stream));
}

/** A fresh 32-bit seed drawn from a generator (a procedural environment's next layout). */
export function drawSeed(random: () => number): number {
  return Math.floor(random() * 4294967296) >>> 0;
}

/** An integer in [0, n) from a uniform draw. */
export function randomInteger(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = randomInteger(random, index + 1);
    const swap = items[index] as T;
    items[index] = items[other] as T;
    items[other] = swap;
  }
  return items;
}

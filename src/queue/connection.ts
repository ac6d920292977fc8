import type { Redis } from "ioredis";
import { RewardkitError } from "../core/index.js";
import { connectRedis } from "../core/redis-connection.js";

/**
 * Connects to the queue's Redis (distributed `score` and lab sweeps) and checks it answers (PING), so a bad `--queue` URL fails at
 * start-up with a clear message instead of BullMQ retrying forever. Later drops reconnect with
 * backoff. `maxRetriesPerRequest: null` is what BullMQ's workers require of their connection.
 */
export async function connectQueueRedis(url: string): Promise<Redis> {
  if (!/^rediss?:\/\//.test(url)) {
    throw new RewardkitError("BAD_REQUEST", `expected redis://HOST:PORT or rediss://…, got "${url}"`, {
      path: "--queue",
    });
  }
  return connectRedis(url, {
    redis: { maxRetriesPerRequest: null },
    code: "BAD_REQUEST",
    path: "--queue",
    backoffStepMs: 100,
    maxBackoffMs: 3000,
  });
}

import { Redis } from "ioredis";
import { RewardkitError } from "../core/index.js";

/** The URL as it may be printed: host and port, never a password. */
export function printableRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(an unparsable URL)";
  }
}

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
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: (times) => (connected ? Math.min(times * 100, 3000) : null),
  });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
  } catch (error) {
    redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new RewardkitError("BAD_REQUEST", `cannot reach Redis at ${printableRedisUrl(url)}: ${reason}`, {
      path: "--queue",
      cause: error,
    });
  }
  return redis;
}

import { Redis } from "ioredis";
import { RewardkitError } from "../../core/index.js";

/** A redis:// URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_match, credentials: string) =>
    credentials.includes(":") ? `//${credentials.split(":")[0]}:***@` : "//***@",
  );
}

/**
 * A connection for BullMQ (which needs `maxRetriesPerRequest: null`), checked with a PING so that a
 * wrong URL fails at start-up with a message naming it, not by waiting forever.
 */
export async function connectQueueRedis(url: string): Promise<Redis> {
  if (!/^rediss?:\/\//.test(url)) {
    throw new RewardkitError("BAD_REQUEST", `--queue: expected a redis:// URL, got "${url}"`, {
      path: "--queue",
    });
  }
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    // A refused connection at start-up is an answer; later, reconnect with backoff.
    retryStrategy: (times) => (connected ? Math.min(times * 100, 2000) : null),
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
    throw new RewardkitError(
      "UPSTREAM_ERROR",
      `cannot reach Redis at ${redactRedisUrl(url)}: ${(lastError ?? (error as Error)).message}`,
      { path: "--queue", cause: error },
    );
  }
  return redis;
}

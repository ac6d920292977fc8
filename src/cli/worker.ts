import { createServer, type Server } from "node:http";
import type { Command } from "commander";
import { RewardkitError, type StateStore } from "../core/index.js";
import { redactRedisUrl } from "../core/redis-connection.js";
import {
  connectQueueRedis,
  defaultQueueName,
  startScoringWorker,
  type WorkerMetrics,
} from "../queue/index.js";
import { RedisStateStore } from "../serve/redis-state-store.js";
import { exitCodes, reportFailure } from "./exit.js";
import { describeLines } from "./score-queue.js";

interface WorkerFlags {
  queue: string;
  queueName: string;
  concurrency: string;
  sampleConcurrency: string;
  metricsPort?: string;
  metricsHost: string;
  lockDurationMs: string;
  stalledIntervalMs: string;
  maxStalled: string;
  quiet?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("Score chunks of distributed `rewardkit score --queue` runs from a BullMQ queue in Redis.")
    .requiredOption("--queue <redis-url>", "the Redis holding the queue (redis://HOST:PORT or rediss://)")
    .option("--queue-name <name>", "the queue's name (as the producer's)", defaultQueueName)
    .option("--concurrency <n>", "chunks scored at once by this process", "1")
    .option("--sample-concurrency <n>", "samples in flight at once inside a chunk (judges, sandboxes)", "16")
    .option("--metrics-port <port>", "serve Prometheus metrics on GET /metrics (0: any free port, printed)")
    .option("--metrics-host <host>", "the address the metrics listen on", "127.0.0.1")
    .option(
      "--lock-duration-ms <ms>",
      "a chunk whose worker stops renewing its lock this long (it died) is scored again elsewhere",
      "30000",
    )
    .option("--stalled-interval-ms <ms>", "how often this worker looks for such chunks", "30000")
    .option(
      "--max-stalled <n>",
      "a chunk lost this many times with its worker (it kills them) fails: the producer lists its rows",
      "1",
    )
    .option("--quiet", "no line per chunk on stderr")
    .addHelpText(
      "after",
      `
Per-run state of stateful nodes (running normalization, Lagrange multipliers) is kept in the same
Redis, shared by every worker. Relative paths in a spec (modules, models) resolve against the spec's
folder as the producer saw it: the same path must exist on every worker machine.

Example:
  rewardkit worker --queue redis://10.0.0.5:6379 --concurrency 2 --metrics-port 9464
`,
    )
    .action(async (flags: WorkerFlags) => {
      process.exitCode = await runWorker(flags);
    });
}

async function runWorker(flags: WorkerFlags): Promise<number> {
  let state: StateStore | undefined;
  let metricsServer: Server | undefined;
  try {
    const numbers = {
      concurrency: positiveInteger(flags.concurrency, "--concurrency"),
      sampleConcurrency: positiveInteger(flags.sampleConcurrency, "--sample-concurrency"),
      lockDurationMs: positiveInteger(flags.lockDurationMs, "--lock-duration-ms"),
      stalledIntervalMs: positiveInteger(flags.stalledIntervalMs, "--stalled-interval-ms"),
      maxStalledCount: positiveInteger(flags.maxStalled, "--max-stalled"),
    };
    const connection = await connectQueueRedis(flags.queue);
    state = await RedisStateStore.connect(flags.queue);
    const say = (line: string) => {
      if (!flags.quiet) process.stderr.write(`rewardkit worker: ${line}\n`);
    };
    const running = startScoringWorker({
      connection,
      queueName: flags.queueName,
      stateStore: state,
      ...numbers,
      onChunk(event) {
        const detail = event.detail === undefined ? "" : `: ${event.detail}`;
        say(`chunk ${event.id} (input lines ${describeLines(event.lines)}) ${event.what}${detail}`);
      },
    });
    await running.worker.waitUntilReady();
    if (flags.metricsPort !== undefined) {
      metricsServer = await serveMetrics(running.metrics, {
        port: Number(flags.metricsPort),
        host: flags.metricsHost,
      });
      const address = metricsServer.address();
      const port = typeof address === "object" && address ? address.port : flags.metricsPort;
      process.stderr.write(`rewardkit worker: metrics on http://${flags.metricsHost}:${port}/metrics\n`);
    }
    process.stderr.write(
      `rewardkit worker: ready on queue "${flags.queueName}" at ${redactRedisUrl(flags.queue)} (${numbers.concurrency} chunks at once)\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    // Finishes the chunks in hand (BullMQ's graceful close), so none has to wait for the stalled check.
    process.stderr.write("rewardkit worker: stopping after the chunks in hand\n");
    await running.close();
    connection.disconnect();
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  } finally {
    metricsServer?.close();
    await state?.close?.();
  }
}

function serveMetrics(metrics: WorkerMetrics, where: { port: number; host: string }): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ error: { code: "NOT_FOUND", message: "only GET /metrics is served here" } }),
      );
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        response.writeHead(200, { "content-type": metrics.registry.contentType });
        response.end(text);
      },
      (error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(String(error));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port, where.host, () => resolve(server));
  });
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a positive integer, got "${text}"`);
  }
  return value;
}

import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import { answerWorkers } from "../serve/cluster-ipc.js";
import { clusterMetricsHandler, clusterMetricsTopic } from "../serve/cluster-metrics.js";
import { ClusterStateHost, clusterStateTopic } from "../serve/cluster-state.js";
import { exitCodes } from "./exit.js";

/** What a worker tells the primary once it listens. */
export interface WorkerListening {
  type: "rewardkit:listening";
  url: string;
  components: readonly string[];
}

/** What the primary tells workers on SIGTERM/SIGINT. */
export const shutdownMessage = { type: "rewardkit:shutdown" } as const;

/**
 * The port every worker listens on, chosen by the primary. With `--port 0` each worker would
 * otherwise ask the cluster for "any port": the workers share one as long as one of them listens,
 * but replacements started after all had died would get a new one.
 */
export const clusterPortVariable = "REWARDKIT_CLUSTER_PORT";

export interface ClusterOptions {
  workers: number;
  /** The port to give every worker (a free one picked by the caller when `--port 0`). */
  port: number;
  /** Per-run state in the primary (`--state memory`); with Redis the workers share it there. */
  hostState: boolean;
  shutdownTimeoutMs: number;
  logger: Logger;
  /** Fields for the "listening" line (spec, state). */
  describe: Record<string, unknown>;
}

/** Crash-looping workers are not restarted forever: this many restarts within a minute stop the server. */
const maxRestartsPerMinute = 5;

/**
 * The primary of `rewardkit serve --workers N`: forks N workers that share the listening socket
 * (Node's cluster hands connections out round-robin), keeps per-run state for them when it lives
 * in memory, answers /metrics with the whole cluster's figures, restarts a worker that dies, and
 * on SIGTERM/SIGINT lets every worker drain. Resolves with the process exit code.
 *
 * The first worker starts alone: a bad spec then fails once, with one message, instead of N times.
 */
export async function runClusterPrimary(options: ClusterOptions): Promise<number> {
  const { logger } = options;
  answerWorkers({
    [clusterMetricsTopic]: clusterMetricsHandler(),
    ...(options.hostState ? { [clusterStateTopic]: new ClusterStateHost().handler } : {}),
  });
  let stopping = false;
  const restarts: number[] = [];

  const start = (): Promise<{ worker: Worker; listening?: WorkerListening; exitCode?: number }> => {
    const worker = cluster.fork({ [clusterPortVariable]: String(options.port) });
    return new Promise((resolve) => {
      const onMessage = (message: Partial<WorkerListening>) => {
        if (message?.type !== "rewardkit:listening") return;
        worker.off("message", onMessage);
        // A replacement forked just before SIGTERM may have missed the shutdown message (a worker
        // hears messages only once its handler is set); it hears this one, so it drains too.
        if (stopping) worker.send(shutdownMessage);
        resolve({ worker, listening: message as WorkerListening });
      };
      worker.on("message", onMessage);
      worker.once("exit", (code, signal) => {
        worker.off("message", onMessage);
        resolve({ worker, exitCode: code ?? (signal ? exitCodes.internal : exitCodes.ok) });
      });
    });
  };

  const first = await start();
  if (!first.listening) return first.exitCode || exitCodes.internal;
  const others = await Promise.all(Array.from({ length: options.workers - 1 }, start));
  const failed = others.find((started) => !started.listening);
  if (failed) {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGKILL");
    return failed.exitCode || exitCodes.internal;
  }
  logger.info(
    {
      url: first.listening.url,
      workers: options.workers,
      pids: [first, ...others].map((started) => started.worker.process.pid),
      ...options.describe,
      components: first.listening.components,
    },
    "listening",
  );

  const code = await new Promise<number>((resolve) => {
    let exitCode: number = exitCodes.ok;
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) {
        if (code !== 0) exitCode = exitCodes.internal;
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while ((restarts[0] ?? now) < now - 60_000) restarts.shift();
      if (restarts.length > maxRestartsPerMinute) {
        logger.error({ restarts: restarts.length }, "workers keep dying: stopping the server");
        // Set first: stop() resolves at once when no worker is left.
        exitCode = exitCodes.internal;
        stop("SIGTERM");
        return;
      }
      logger.error(
        { worker: worker.id, pid: worker.process.pid, code, signal },
        "worker died: starting another",
      );
      void start();
    });

    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, "second signal: killing the workers");
        for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGKILL");
        resolve(exitCodes.internal);
        return;
      }
      stopping = true;
      logger.info(
        { signal, timeout_ms: options.shutdownTimeoutMs, workers: Object.keys(cluster.workers ?? {}).length },
        "shutting down: workers finish their in-flight requests",
      );
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send(shutdownMessage);
      // Workers force their own stop at the timeout; this is the backstop if one cannot.
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGKILL");
      }, options.shutdownTimeoutMs + 5000).unref();
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
    };
    // The first signal drains; a second one, of either kind, forces.
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  logger.info({ exit_code: code }, "stopped");
  return code;
}

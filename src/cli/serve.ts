import cluster from "node:cluster";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { type Command, Option } from "commander";
import { pino } from "pino";
import { RewardkitError, type StateStore } from "../core/index.js";
import { redactRedisUrl } from "../core/redis-connection.js";
import { type LoadedSpec, loadSpecFile } from "../engine/index.js";
import { fetchClusterMetrics, reportRegistryToPrimary } from "../serve/cluster-metrics.js";
import { clusterStateStore } from "../serve/cluster-state.js";
import { defaultServeOptions, type ServeOptions } from "../serve/options.js";
import type { BuiltEnvironments } from "../serve/ors/build-environments.js";
import { defaultOrsSettings } from "../serve/ors/ors-host.js";
import { RedisStateStore } from "../serve/redis-state-store.js";
import { createRewardServer } from "../serve/server.js";
import { exitCodes, reportFailure } from "./exit.js";
import { type AccessFlags, addAccessOptions, readAccessFlags, type ServeAccess } from "./serve-access.js";
import {
  clusterPortVariable,
  runClusterPrimary,
  shutdownMessage,
  type WorkerListening,
} from "./serve-cluster.js";
import { turnOffPretenuringForServing } from "./serve-heap.js";
import type { UiFlags } from "./serve-ui.js";

interface ServeFlags extends AccessFlags, UiFlags {
  spec?: string;
  env: string[];
  envConfig: string[];
  envMaxSessions: string;
  envIdleTimeoutS: string;
  host: string;
  port: string;
  workers: string;
  state: string;
  run: string;
  requestTimeoutMs: string;
  shutdownTimeoutMs: string;
  maxBodyBytes: string;
  maxDepth: string;
  batchMaxSize: string;
  batchWaitMs: string;
  batchConcurrency: string;
  maxQueue: string;
  concurrency: string;
  endTokens?: string;
  openrlhfScore?: string;
  logLevel: string;
}

/** A flag that can also come from `REWARDKIT_<NAME>` (flags win). */
function flag(spec: string, description: string, env: string, fallback?: string | number): Option {
  const option = new Option(spec, description).env(`REWARDKIT_${env}`);
  return fallback === undefined ? option : option.default(String(fallback));
}

export function registerServe(program: Command): void {
  const defaults = defaultServeOptions;
  const command = program
    .command("serve")
    .description(
      "Serve a reward spec over HTTP (POST /v1/score, OpenRLHF's POST /get_reward, the verl and TRL shims' routes) and/or environments over the Open Reward Standard (--env, --env-config), with GET /healthz, /metrics, /openapi.json.",
    )
    .addOption(flag("--spec <file>", "the reward spec (YAML or JSON)", "SPEC"))
    .addOption(
      new Option(
        "--env <name[:options]>",
        "serve an environment over ORS (repeatable): a registry name with options as key=value,... or {json}",
      )
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option(
        "--env-config <file>",
        "serve the environments a YAML/JSON file lists (repeatable): registry environments and spec-scored tool tasks",
      )
        .argParser(collect)
        .default([]),
    )
    .addOption(
      flag(
        "--env-max-sessions <n>",
        "ORS sessions open at once; more get 503 + Retry-After",
        "ENV_MAX_SESSIONS",
        defaultOrsSettings.maxSessions,
      ),
    )
    .addOption(
      flag(
        "--env-idle-timeout-s <s>",
        "an ORS session without a request for this long ends (clients /ping)",
        "ENV_IDLE_TIMEOUT_S",
        defaultOrsSettings.idleTimeoutMs / 1000,
      ),
    )
    .addOption(flag("--host <host>", "address to listen on", "HOST", "127.0.0.1"))
    .addOption(flag("--port <n>", "port to listen on (0 picks a free one)", "PORT", 8080))
    .addOption(
      flag(
        "--workers <n|auto>",
        "processes serving the port (auto: one per core); per-run state stays shared",
        "WORKERS",
        1,
      ),
    )
    .addOption(
      flag(
        "--state <memory|redis://...>",
        "where per-run state lives (Redis when several instances serve a run)",
        "STATE",
        "memory",
      ),
    )
    .addOption(flag("--run <id>", "the run id of requests that do not name one", "RUN", defaults.defaultRun))
    .addOption(
      flag(
        "--request-timeout-ms <n>",
        "deadline of every request (X-Request-Timeout-Ms may ask for less)",
        "REQUEST_TIMEOUT_MS",
        defaults.requestTimeoutMs,
      ),
    )
    .addOption(
      flag(
        "--shutdown-timeout-ms <n>",
        "on SIGTERM/SIGINT, how long in-flight requests may take to finish",
        "SHUTDOWN_TIMEOUT_MS",
        30_000,
      ),
    )
    .addOption(
      flag("--max-body-bytes <n>", "larger request bodies get 413", "MAX_BODY_BYTES", defaults.maxBodyBytes),
    )
    .addOption(flag("--max-depth <n>", "deeper JSON nesting gets 400", "MAX_DEPTH", defaults.maxDepth))
    .addOption(
      flag(
        "--batch-max-size <n>",
        "samples per micro-batch of single-rollout requests",
        "BATCH_MAX_SIZE",
        defaults.batchMaxSize,
      ),
    )
    .addOption(
      flag(
        "--batch-wait-ms <n>",
        "longest a single-rollout request waits for others to join its batch",
        "BATCH_WAIT_MS",
        defaults.batchWaitMs,
      ),
    )
    .addOption(
      flag(
        "--batch-concurrency <n>",
        "batches scored at once",
        "BATCH_CONCURRENCY",
        defaults.batchConcurrency,
      ),
    )
    .addOption(
      flag(
        "--max-queue <n>",
        "samples waiting before requests get 503 + Retry-After",
        "MAX_QUEUE",
        defaults.maxQueuedSamples,
      ),
    )
    .addOption(
      flag(
        "--concurrency <n>",
        "samples in flight inside a batch for async rewards (judges, sandboxes)",
        "CONCURRENCY",
        defaults.concurrency,
      ),
    )
    .addOption(
      flag(
        "--end-tokens <list>",
        "comma-separated tokens stripped from the end of OpenRLHF responses (default: ChatML, Llama, Gemma, ... end tokens)",
        "END_TOKENS",
      ),
    )
    .addOption(
      flag(
        "--openrlhf-score <component>",
        "the component sent to OpenRLHF as `scores` (dynamic filtering); default the reward",
        "OPENRLHF_SCORE",
      ),
    )
    .addOption(
      new Option(
        "--ui",
        "also serve the web inspector over the live traffic at /ui/ (by run, refreshed without reload; one worker)",
      ),
    )
    .addOption(
      flag("--ui-rows <n>", "with --ui: the most recent rows kept per run for the page", "UI_ROWS", 10_000),
    )
    .addOption(
      flag("--log-level <level>", "pino log level (debug logs every request)", "LOG_LEVEL", "info").choices([
        "trace",
        "debug",
        "info",
        "warn",
        "error",
        "fatal",
        "silent",
      ]),
    )
    .addHelpText(
      "after",
      `
Every single-valued flag can also be set as an environment variable: --max-queue is REWARDKIT_MAX_QUEUE.

Examples:
  rewardkit serve --spec examples/arithmetic/spec.yaml --port 8080
  # OpenRLHF: --reward.remote_url http://127.0.0.1:8080/get_reward

  # Environments over the Open Reward Standard (TRL's experimental openreward, SkyRL, the ORS SDKs):
  rewardkit serve --env four-rooms --env key-door:size=6,layout=procedural --port 8080
  rewardkit serve --env 'matrix-game:{"game": "stag-hunt", "rounds": 5}' --port 8080
  rewardkit serve --env-config examples/ors/environments.yaml --spec examples/arithmetic/spec.yaml
  # examples/ors/environments.yaml lists environments and spec-scored tool tasks (docs/ors.md)
  # a client: POST /create_session, POST /create {"env_name": "four-rooms", "split": "train", "index": 0},
  #           POST /four-rooms/call {"name": "act", "input": {"action": "right"}} -> SSE with reward inline
`,
    )
    .action(async (flags: ServeFlags) => {
      const code = await serve(flags);
      // A cluster worker's IPC channel would keep it alive after its server has stopped, and
      // disconnecting it makes Node's cluster exit 0 whatever happened: exit with the real code.
      if (cluster.isWorker) process.exit(code);
      process.exitCode = code;
    });
  addAccessOptions(command);
}

type ParsedFlags = Partial<ServeOptions> & {
  port: number;
  shutdownTimeoutMs: number;
  workers: number;
  envMaxSessions: number;
  envIdleTimeoutMs: number;
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function serve(flags: ServeFlags): Promise<number> {
  let options: ParsedFlags;
  let access: ServeAccess;
  try {
    options = parseFlags(flags);
    access = readAccessFlags(flags);
  } catch (error) {
    process.stderr.write(`rewardkit: ${(error as Error).message}\n`);
    return exitCodes.usage;
  }
  const servesEnvironments = flags.env.length > 0 || flags.envConfig.length > 0;
  if (flags.ui && (flags.spec === undefined || options.workers > 1)) {
    process.stderr.write(
      flags.spec === undefined
        ? "rewardkit: --ui shows the reward traffic of a spec: give --spec\n"
        : "rewardkit: --ui keeps the traffic in one process's memory: it cannot see the other --workers; run one worker\n",
    );
    return exitCodes.usage;
  }
  if (flags.spec === undefined && !servesEnvironments) {
    process.stderr.write(
      "rewardkit: give --spec (a reward spec), --env or --env-config (environments), or both\n",
    );
    return exitCodes.usage;
  }
  if (servesEnvironments && options.workers > 1) {
    process.stderr.write(
      "rewardkit: --env and --env-config serve sessions that live in one process; they cannot follow a client across --workers; run one worker (more instances behind a session-sticky proxy if needed)\n",
    );
    return exitCodes.usage;
  }
  // Before any request: V8's pretenuring misjudges the per-request objects (./serve-heap.ts).
  turnOffPretenuringForServing();
  const logger = pino({
    level: flags.logLevel,
    base: cluster.isWorker ? { service: "rewardkit", worker: cluster.worker?.id } : { service: "rewardkit" },
    ...access.logger,
  });
  if (!cluster.isWorker) for (const warning of access.warnings) logger.warn(warning);
  const stateLabel = flags.state === "memory" ? "memory" : redactRedisUrl(flags.state);
  if (options.workers > 1 && cluster.isPrimary) {
    if (flags.state !== "memory") {
      try {
        await (await connectState(flags.state, access.statePassword)).close();
      } catch (error) {
        return reportFailure(error);
      }
    }
    return runClusterPrimary({
      workers: options.workers,
      port: options.port === 0 ? await freePort(flags.host) : options.port,
      hostState: flags.state === "memory",
      shutdownTimeoutMs: options.shutdownTimeoutMs,
      logger,
      describe: { spec: flags.spec, state: stateLabel, ...access.describe },
    });
  }
  // Listen from the start: the primary may ask a worker to stop while it is still loading the spec.
  const primaryAsksStop = cluster.isWorker ? shutdownRequested() : undefined;
  let loaded: LoadedSpec | undefined;
  let stateStore: StateStore | undefined;
  let built: BuiltEnvironments | undefined;
  try {
    if (flags.spec !== undefined) loaded = await loadSpecFile(flags.spec);
    const redis =
      flags.state === "memory" ? undefined : await connectState(flags.state, access.statePassword);
    stateStore = redis ?? (cluster.isWorker ? clusterStateStore() : undefined);
    const stateHealth = redis
      ? () => ({ kind: "redis", ok: redis.healthy })
      : cluster.isWorker
        ? () => ({ kind: "cluster", ok: process.connected })
        : undefined;
    // Loaded only when asked for: the environments room adds to every (cluster worker's) start-up.
    const orsModule = servesEnvironments ? await import("../serve/ors/index.js") : undefined;
    if (orsModule) {
      const { buildOrsEnvironments, readOrsEntries } = orsModule;
      built = await buildOrsEnvironments(await readOrsEntries({ flags: flags.env, files: flags.envConfig }), {
        ...(stateStore ? { stateStore } : {}),
      });
      for (const warning of built.warnings) logger.warn(warning);
    }
    const ors = built && {
      environments: built.environments,
      settings: { maxSessions: options.envMaxSessions, idleTimeoutMs: options.envIdleTimeoutMs },
      close: built.close,
    };
    // With Redis state, the rate window is shared by every instance and worker using that Redis.
    const served = {
      ...access.server,
      ...(redis && access.server.limits?.requestsPerWindow !== undefined
        ? { limits: { ...access.server.limits, redis: redis.connection } }
        : {}),
    };
    // The inspector's flags come from the server's diagnostics recorder, which exists once it is built.
    const made: { server?: Awaited<ReturnType<typeof createRewardServer>> } = {};
    // Loaded only with --ui: the inspector adds nothing to a server's start-up without it.
    const ui = flags.ui
      ? (await import("./serve-ui.js")).uiServerOptions(flags, {
          defaultRun: options.defaultRun ?? defaultServeOptions.defaultRun,
          recorder: () => made.server?.diagnostics,
        })
      : {};
    if (loaded) {
      made.server = await createRewardServer({
        ...options,
        ...ui,
        loaded,
        logger,
        ...(stateStore ? { stateStore } : {}),
        ...(stateHealth ? { stateHealth } : {}),
        ...(cluster.isWorker ? { metricsText: fetchClusterMetrics } : {}),
        ...(ors ? { ors } : {}),
        ...served,
      });
    }
    const server =
      made.server ??
      (await (orsModule as NonNullable<typeof orsModule>).createOrsServer({
        ors: ors as NonNullable<typeof ors>,
        settings: options,
        logger,
        ...served,
      }));
    if (cluster.isWorker) reportRegistryToPrimary(server.metrics.registry);
    const clusterPort = cluster.isWorker ? process.env[clusterPortVariable] : undefined;
    const url = await server.listen({
      host: flags.host,
      port: clusterPort === undefined ? options.port : Number(clusterPort),
    });
    if (cluster.isWorker) {
      const listening: WorkerListening = {
        type: "rewardkit:listening",
        url,
        components: loaded?.componentNames ?? [],
      };
      process.send?.(listening);
      logger.debug({ url }, "worker listening");
    } else {
      logger.info(
        {
          url,
          ...(flags.ui ? { ui: `${url}/ui/` } : {}),
          ...(flags.spec !== undefined ? { spec: flags.spec, components: loaded?.componentNames } : {}),
          ...(built ? { environments: built.environments.map((environment) => environment.name) } : {}),
          state: stateLabel,
          ...access.describe,
        },
        "listening",
      );
    }
    return await untilStopped(server, logger, options.shutdownTimeoutMs, primaryAsksStop);
  } catch (error) {
    await loaded?.close();
    await built?.close();
    await stateStore?.close?.();
    return reportFailure(error);
  }
}

/**
 * Serves until SIGTERM/SIGINT (a second signal exits at once), then drains. A cluster worker
 * instead drains when its primary says so; it ignores SIGINT, which a terminal's Ctrl-C sends to
 * every process of the group, so the primary alone decides. (If the primary dies, Node's cluster
 * ends its workers at once.)
 */
function untilStopped(
  server: Awaited<ReturnType<typeof createRewardServer>>,
  logger: pino.Logger,
  shutdownTimeoutMs: number,
  primaryAsksStop: Promise<void> | undefined,
): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (reason: string, signal?: boolean) => {
      if (stopping) {
        if (!signal) return;
        logger.warn({ signal: reason }, "second signal: exiting now");
        process.exit(exitCodes.internal);
      }
      stopping = true;
      logger.info({ reason, timeout_ms: shutdownTimeoutMs }, "shutting down: finishing in-flight requests");
      server.close({ timeoutMs: shutdownTimeoutMs }).then(
        ({ forced }) => {
          logger.info({ forced }, "stopped");
          resolve(forced ? exitCodes.internal : exitCodes.ok);
        },
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          resolve(exitCodes.internal);
        },
      );
    };
    if (primaryAsksStop) {
      void primaryAsksStop.then(() => stop("primary"));
      process.on("SIGINT", () => undefined);
      process.on("SIGTERM", () => stop("SIGTERM"));
      return;
    }
    process.on("SIGTERM", () => stop("SIGTERM", true));
    process.on("SIGINT", () => stop("SIGINT", true));
  });
}

/** A port the OS reports free on `host` now (another process could still take it before we bind). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** In a cluster worker: resolves when the primary says to drain. */
function shutdownRequested(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== shutdownMessage.type) return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
  });
}

async function connectState(state: string, password: string | undefined): Promise<RedisStateStore> {
  if (!/^rediss?:\/\//.test(state)) {
    throw new RewardkitError("BAD_REQUEST", `expected "memory" or a redis:// URL, got "${state}"`, {
      path: "--state",
    });
  }
  return RedisStateStore.connect(state, password === undefined ? {} : { password });
}

function parseFlags(flags: ServeFlags): ParsedFlags {
  const integer = (name: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
    return value;
  };
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name}: expected a positive number, got "${text}"`);
    return value;
  };
  const port = integer("port", flags.port, 0);
  if (port > 65535) throw new Error(`--port: expected at most 65535, got ${port}`);
  const options: ParsedFlags = {
    port,
    workers: flags.workers === "auto" ? availableParallelism() : integer("workers", flags.workers, 1),
    shutdownTimeoutMs: integer("shutdown-timeout-ms", flags.shutdownTimeoutMs, 0),
    defaultRun: flags.run,
    requestTimeoutMs: integer("request-timeout-ms", flags.requestTimeoutMs, 1),
    maxBodyBytes: integer("max-body-bytes", flags.maxBodyBytes, 1),
    maxDepth: integer("max-depth", flags.maxDepth, 1),
    batchMaxSize: integer("batch-max-size", flags.batchMaxSize, 1),
    batchWaitMs: integer("batch-wait-ms", flags.batchWaitMs, 0),
    batchConcurrency: integer("batch-concurrency", flags.batchConcurrency, 1),
    maxQueuedSamples: integer("max-queue", flags.maxQueue, 1),
    concurrency: integer("concurrency", flags.concurrency, 1),
    envMaxSessions: integer("env-max-sessions", flags.envMaxSessions, 1),
    envIdleTimeoutMs: positive("env-idle-timeout-s", flags.envIdleTimeoutS) * 1000,
  };
  if (flags.endTokens !== undefined) {
    options.endTokens = flags.endTokens
      .split(",")
      .map((token) => token.trim())
      .filter((token) => token !== "");
  }
  if (flags.openrlhfScore !== undefined) options.openrlhfScore = flags.openrlhfScore;
  return options;
}

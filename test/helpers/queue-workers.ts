import { type ChildProcess, spawn } from "node:child_process";
import { cliPath, repoRoot } from "./cli.js";

/** A `rewardkit worker` subprocess whose stderr is collected (one line per chunk it starts and ends). */
export interface WorkerProcess {
  child: ChildProcess;
  stderr(): string;
  /** Resolves when stderr matches `pattern` `times` times; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, options?: { times?: number; timeoutMs?: number }): Promise<void>;
  /** SIGTERM (graceful) and wait for the exit; a process already gone resolves at once. */
  stop(): Promise<void>;
}

/**
 * Spawns a worker with short BullMQ lock and stalled-check times, so a chunk of a killed worker is
 * taken back within seconds.
 */
export function spawnWorker(url: string, extra: readonly string[] = []): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      cliPath,
      "worker",
      "--queue",
      url,
      "--lock-duration-ms",
      "1000",
      "--stalled-interval-ms",
      "500",
      ...extra,
    ],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] },
  );
  let text = "";
  const waiters = new Set<() => void>();
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    text += chunk;
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    stderr: () => text,
    waitFor(pattern, options = {}) {
      const times = options.times ?? 1;
      const global = new RegExp(
        pattern.source,
        pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
      );
      return new Promise((resolve, reject) => {
        const check = () => {
          if ((text.match(global)?.length ?? 0) < times) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`worker stderr never matched ${pattern} ${times} times:\n${text}`));
        }, options.timeoutMs ?? 20_000);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Chunks a worker started, by job id. */
export function chunksStarted(stderr: string): string[] {
  return [...stderr.matchAll(/chunk (\S+) \(input lines [^)]*\) started/g)].map((match) => match[1] ?? "");
}

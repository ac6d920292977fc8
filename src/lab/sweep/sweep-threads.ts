import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SweepTask } from "./sweep-grid.js";
import type { SweepReply } from "./sweep-task.js";

/** Runs from this module's folder: the compiled .js in dist, or the .ts source under tsx/vitest. */
const threadFile = new URL(
  import.meta.url.endsWith(".ts") ? "./sweep-thread.ts" : "./sweep-thread.js",
  import.meta.url,
);

/** A worker thread of the sweep; from TypeScript source, tsx compiles its module in the thread. */
function startThread(): Worker {
  if (!threadFile.pathname.endsWith(".ts")) return new Worker(threadFile);
  // tsx's ESM API by file (an eval'd thread cannot resolve packages from here; its CJS build cannot load it).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsx = pathToFileURL(join(tsxRoot, "dist/esm/api/index.mjs")).href;
  const loader = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(threadFile.href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(loader, { eval: true });
}

export interface ThreadPoolOptions {
  /** Threads to run at once (default: the machine's available parallelism, at most one per task). */
  threads?: number;
  /** Told as each task finishes (in the order they finish). */
  onReply?: (reply: SweepReply, task: SweepTask) => void;
}

/**
 * Runs the tasks on worker threads, one run per task, each thread taking the next task when its run
 * ends. Resolves with one reply per task, in task order. A thread that dies takes only its own task
 * with it (that task's reply is the error); a fresh thread carries on with the rest.
 */
export async function runInThreads(
  tasks: readonly SweepTask[],
  options: ThreadPoolOptions = {},
): Promise<SweepReply[]> {
  const replies: SweepReply[] = new Array(tasks.length);
  let next = 0;
  const count = Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length));
  const finish = (reply: SweepReply) => {
    replies[reply.id] = reply;
    options.onReply?.(reply, tasks[reply.id] as SweepTask);
  };
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const thread = startThread();
      try {
        while (next < tasks.length) {
          const id = next++;
          const reply = await askThread(thread, id, tasks[id] as SweepTask);
          finish(reply);
          if (!reply.ok && reply.error.code === "THREAD_DIED") break;
        }
      } finally {
        await thread.terminate();
      }
    }
  };
  await Promise.all(Array.from({ length: count }, lane));
  return replies;
}

function askThread(thread: Worker, id: number, task: SweepTask): Promise<SweepReply> {
  return new Promise((resolve) => {
    const done = (reply: SweepReply) => {
      thread.off("message", onMessage);
      thread.off("error", onError);
      thread.off("exit", onExit);
      resolve(reply);
    };
    const onMessage = (reply: SweepReply) => done(reply);
    const died = (message: string): SweepReply => ({
      id,
      ok: false,
      error: { code: "THREAD_DIED", message },
    });
    const onError = (error: Error) => done(died(`the run's thread failed: ${error.message}`));
    const onExit = (code: number) => done(died(`the run's thread exited with code ${code}`));
    thread.on("message", onMessage);
    thread.on("error", onError);
    thread.on("exit", onExit);
    thread.postMessage({ id, task });
  });
}

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

/**
 * Up to `size` worker threads that run sweep tasks, one run per task; an idle thread takes the next
 * task (threads are reused, so the lab's modules load once per thread). A thread that dies takes
 * only its own task with it (that task's reply is a THREAD_DIED error) and is replaced on demand.
 */
export class SweepThreads {
  readonly #idle: Worker[] = [];
  readonly #waiting: ((thread: Worker) => void)[] = [];
  #started = 0;

  constructor(readonly size: number = availableParallelism()) {}

  /** Runs one task on a thread (waiting for one to be free). */
  async run(id: number, task: SweepTask): Promise<SweepReply> {
    const thread = await this.#acquire();
    const reply = await askThread(thread, id, task);
    if (!reply.ok && reply.error.code === "THREAD_DIED") {
      this.#started--;
      void thread.terminate();
      const waiter = this.#waiting.shift();
      if (waiter) {
        this.#started++;
        waiter(startThread());
      }
    } else {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(thread);
      else this.#idle.push(thread);
    }
    return reply;
  }

  /** Stops every idle thread (call once no task is running). */
  async close(): Promise<void> {
    const threads = this.#idle.splice(0);
    this.#started -= threads.length;
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  #acquire(): Promise<Worker> {
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#started < this.size) {
      this.#started++;
      return Promise.resolve(startThread());
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

/**
 * Runs the tasks on worker threads (default: one per core, at most one per task). Resolves with one
 * reply per task, in task order; `onReply` hears each as it finishes.
 */
export async function runInThreads(
  tasks: readonly SweepTask[],
  options: { threads?: number; onReply?: (reply: SweepReply, task: SweepTask) => void } = {},
): Promise<SweepReply[]> {
  const threads = new SweepThreads(
    Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length)),
  );
  try {
    return await Promise.all(
      tasks.map(async (task, id) => {
        const reply = await threads.run(id, task);
        options.onReply?.(reply, task);
        return reply;
      }),
    );
  } finally {
    await threads.close();
  }
}

function askThread(thread: Worker, id: number, task: SweepTask): Promise<SweepReply> {
  return new Promise((resolve) => {
    const done = (reply: SweepReply) => {
      thread.off("message", onMessage);
      thread.off("error", onError);
      thread.off("exit", onExit);
      resolve(reply);
    };
    const onMessage = (reply: SweepReply) => done({ ...reply, id });
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

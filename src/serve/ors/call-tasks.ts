import { randomUUID } from "node:crypto";

/** A tool call running or finished: its result JSON, or the message of its failure. */
export interface CallTask {
  readonly id: string;
  /** Which session ran it (a task id only resumes within its own session). */
  readonly sid: string;
  readonly done: Promise<void>;
  result?: string;
  error?: string;
}

/**
 * Tool calls by task id, so a client whose SSE stream broke can post the same call with its
 * `task_id` and get the result without the tool running twice (the protocol's reconnection). A call
 * runs to the end even if its client went away; its result is kept `lingerMs` after it finishes
 * (the reference server's 60 s), and at most `capacity` finished results are kept.
 */
export class CallTasks {
  readonly #tasks = new Map<string, CallTask>();
  readonly #lingerMs: number;
  readonly #capacity: number;

  constructor(options: { lingerMs?: number; capacity?: number } = {}) {
    this.#lingerMs = options.lingerMs ?? 60_000;
    this.#capacity = options.capacity ?? 10_000;
  }

  /** Starts `work` under a new task id. */
  start(sid: string, work: () => Promise<string>): CallTask {
    const id = randomUUID().replaceAll("-", "");
    const task: { -readonly [K in keyof CallTask]: CallTask[K] } = { id, sid, done: Promise.resolve() };
    task.done = work().then(
      (result) => {
        task.result = result;
      },
      (error: unknown) => {
        task.error = error instanceof Error ? error.message : String(error);
      },
    );
    void task.done.then(() => this.#linger(id));
    this.#tasks.set(id, task);
    return task;
  }

  get(id: string): CallTask | undefined {
    return this.#tasks.get(id);
  }

  #linger(id: string): void {
    setTimeout(() => this.#tasks.delete(id), this.#lingerMs).unref();
    if (this.#tasks.size > this.#capacity) {
      for (const [key, task] of this.#tasks) {
        if (task.result !== undefined || task.error !== undefined) {
          this.#tasks.delete(key);
          break;
        }
      }
    }
  }
}

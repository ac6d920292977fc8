import cluster, { type Worker } from "node:cluster";
import { type ErrorCode, errorCodes, RewardkitError } from "../core/index.js";

/**
 * Requests from a `rewardkit serve --workers N` worker to its primary, over the cluster's IPC
 * channel: per-run state operations and the cluster-wide /metrics. Every request has an id; its
 * reply carries the same id. Message types start with "rewardkit:" so they never collide with
 * prom-client's own cluster messages on the same channel.
 */
interface AskMessage {
  type: "rewardkit:ask";
  id: number;
  topic: string;
  payload: unknown;
}
interface AnswerMessage {
  type: "rewardkit:answer";
  id: number;
  result?: unknown;
  error?: { code: string; message: string };
}

const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 0;
let workerListening = false;

function listenAsWorker(): void {
  if (workerListening) return;
  workerListening = true;
  process.on("message", (message: Partial<AnswerMessage>) => {
    if (message?.type !== "rewardkit:answer" || typeof message.id !== "number") return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) {
      const code: ErrorCode =
        message.error.code in errorCodes ? (message.error.code as ErrorCode) : "INTERNAL";
      waiter.reject(new RewardkitError(code, message.error.message));
    } else {
      waiter.resolve(message.result);
    }
  });
  // No "disconnect" handling: when the primary goes, Node's cluster ends the worker at once.
}

/** From a worker: asks the primary and waits for its answer (bounded by `timeoutMs`). */
export function askPrimary<T>(topic: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  if (!cluster.isWorker || !process.send) {
    return Promise.reject(new RewardkitError("INTERNAL", "askPrimary called outside a cluster worker"));
  }
  listenAsWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(
        new RewardkitError("STATE_ERROR", `the cluster primary did not answer "${topic}" in ${timeoutMs} ms`),
      );
    }, timeoutMs);
    pending.set(id, {
      resolve: (value) => {
        clearTimeout(timer);
        resolve(value as T);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    const message: AskMessage = { type: "rewardkit:ask", id, topic, payload };
    process.send?.(message);
  });
}

export type PrimaryHandler = (payload: unknown, worker: Worker) => unknown;

/** In the primary: answers workers' requests by topic (a handler may return a promise). */
export function answerWorkers(handlers: Record<string, PrimaryHandler>): void {
  cluster.on("message", (worker, message: Partial<AskMessage>) => {
    if (message?.type !== "rewardkit:ask" || typeof message.id !== "number") return;
    const id = message.id;
    const reply = (answer: Omit<AnswerMessage, "type" | "id">) => {
      if (worker.isConnected()) worker.send({ type: "rewardkit:answer", id, ...answer });
    };
    const handler = handlers[message.topic ?? ""];
    if (!handler) {
      reply({ error: { code: "INTERNAL", message: `no handler for "${message.topic}"` } });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload, worker))
      .then(
        (result) => reply({ result }),
        (error: unknown) =>
          reply({
            error: {
              code: RewardkitError.isInstance(error) ? error.code : "INTERNAL",
              message: (error as Error).message,
            },
          }),
      );
  });
}

import { PassThrough } from "node:stream";
import type { FastifyReply } from "fastify";
import type { CallTask } from "./call-tasks.js";

/** Results longer than this go out as `chunk` events before the `end` (the protocol's 4 KB). */
export const chunkSize = 4096;

/** Server-Sent Events written to a reply: `event:`/`data:` records and `:` comments. */
export class EventStream {
  readonly stream = new PassThrough();

  /** Sends the stream as the reply (status 200, text/event-stream, no buffering by proxies). */
  static open(reply: FastifyReply): EventStream {
    const events = new EventStream();
    reply
      .header("cache-control", "no-cache")
      .header("x-accel-buffering", "no")
      .type("text/event-stream; charset=utf-8")
      .send(events.stream);
    return events;
  }

  get closed(): boolean {
    return this.stream.destroyed || this.stream.writableEnded;
  }

  event(name: string, data: string): void {
    if (this.closed) return;
    const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
    this.stream.write(`event: ${name}\n${lines.join("\n")}\n\n`);
  }

  /** A comment line, which clients skip: keeps idle connections (and their read timeouts) alive. */
  comment(text: string): void {
    if (!this.closed) this.stream.write(`: ${text}\n\n`);
  }

  end(): void {
    if (!this.closed) this.stream.end();
  }
}

/**
 * Streams a tool call as the protocol says: `task_id` first, `: ping` comments every `pingMs` while
 * the tool runs, then the result JSON in `chunk` events of at most 4096 characters and a final `end`,
 * or an `error` event with the message when the call failed.
 */
export async function streamCallTask(events: EventStream, task: CallTask, pingMs: number): Promise<void> {
  events.event("task_id", task.id);
  const pinger = setInterval(() => events.comment("ping"), pingMs);
  try {
    await task.done;
  } finally {
    clearInterval(pinger);
  }
  if (task.error !== undefined) {
    events.event("error", task.error);
  } else {
    const result = task.result ?? "";
    for (let start = 0; start < result.length || start === 0; start += chunkSize) {
      const last = start + chunkSize >= result.length;
      events.event(last ? "end" : "chunk", result.slice(start, start + chunkSize));
      if (last) break;
    }
  }
  events.end();
}

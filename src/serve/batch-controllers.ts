import { getEventListeners, setMaxListeners } from "node:events";

/**
 * The micro-batcher's AbortControllers, one per batch, kept for reuse. A batch's signal is the
 * engine context's, which allows any number of listeners (`setMaxListeners(0, signal)`: every
 * sample in flight may listen). On a fresh AbortSignal that call costs ~4 µs — V8 adds two
 * properties to an object whose shape has no fast transitions — more than the rest of a batch's
 * bookkeeping (docs/BENCHMARKS.md, "At the bare ceiling"); on a signal that has it, ~0.1 µs.
 * A controller is given back only if it never aborted and nothing listens to it any more, so a
 * reused signal carries nothing of the batch before.
 */
export class BatchControllers {
  readonly #free: AbortController[] = [];

  take(): AbortController {
    const reused = this.#free.pop();
    if (reused) return reused;
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  give(controller: AbortController): void {
    if (controller.signal.aborted || this.#free.length >= maxFree) return;
    if (getEventListeners(controller.signal, "abort").length > 0) return;
    this.#free.push(controller);
  }
}

/** Batches in flight at once are few (`--batch-concurrency`); more free ones would sit unused. */
const maxFree = 64;

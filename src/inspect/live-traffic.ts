import { type RewardResult, rowError, type Sample } from "../core/index.js";
import { InspectDataset } from "./dataset.js";
import type { InspectRow } from "./inspect-row.js";

interface LiveRun {
  /** The most recent rows, oldest first once the ring has wrapped. */
  ring: InspectRow[];
  next: number;
  seen: number;
  version: number;
  dataset?: { version: number; value: InspectDataset };
}

/**
 * The reward server's traffic for `rewardkit serve --ui`: each scored batch is kept per run in a
 * ring of the most recent `capacity` rows (older ones fall out; the page says how many were seen).
 * It exists only when the UI is on, so a server without `--ui` pays nothing. The figures are
 * recomputed from the ring when the page asks and something arrived since.
 */
export class LiveTraffic {
  readonly #capacity: number;
  readonly #runs = new Map<string, LiveRun>();

  constructor(options: { capacity: number }) {
    this.#capacity = options.capacity;
  }

  /** Keeps one scored batch (called after each batch the server scores). */
  record(batch: {
    run: string;
    step: number;
    samples: readonly Sample[];
    results: readonly RewardResult[];
  }): void {
    let run = this.#runs.get(batch.run);
    if (!run) {
      run = { ring: [], next: 0, seen: 0, version: 0 };
      this.#runs.set(batch.run, run);
    }
    batch.samples.forEach((sample, position) => {
      const result = batch.results[position];
      if (!result) return;
      const row = liveRow(sample, result, { step: batch.step, line: run.seen + 1 });
      run.seen++;
      if (run.ring.length < this.#capacity) run.ring.push(row);
      else run.ring[run.next] = row;
      run.next = (run.next + 1) % this.#capacity;
    });
    run.version++;
  }

  runs(): Array<{ run: string; seen: number; kept: number }> {
    return [...this.#runs].map(([run, state]) => ({ run, seen: state.seen, kept: state.ring.length }));
  }

  /** The run's figures over the kept rows (undefined: no traffic for that run yet). */
  dataset(run: string): InspectDataset | undefined {
    const state = this.#runs.get(run);
    if (!state) return undefined;
    if (state.dataset?.version === state.version) return state.dataset.value;
    const ordered =
      state.ring.length < this.#capacity
        ? state.ring
        : [...state.ring.slice(state.next), ...state.ring.slice(0, state.next)];
    const kept = ordered.map((row) => ({ ...row, flags: [] }));
    const dropped = state.seen - kept.length;
    const value = new InspectDataset({
      label: `run ${run}: ${state.seen} rows scored${dropped > 0 ? `, the last ${kept.length} shown` : ""}`,
      rows: kept,
    });
    state.dataset = { version: state.version, value };
    return value;
  }
}

function liveRow(sample: Sample, result: RewardResult, place: { step: number; line: number }): InspectRow {
  const row: InspectRow = {
    index: 0,
    line: place.line,
    step: place.step,
    reward: Number.isFinite(result.score) ? result.score : null,
    components: { ...result.components },
    prompt: sample.prompt,
    completion: sample.completion,
    flags: [],
  };
  if (sample.id !== undefined) row.id = String(sample.id);
  if (sample.group !== undefined) row.group = String(sample.group);
  if (result.reason !== undefined) row.reason = result.reason;
  const error = rowError(result);
  if (error) {
    row.error = { code: error.code, message: error.message };
    if (error.node !== undefined) row.error.node = error.node;
  }
  if (sample.meta !== undefined) row.meta = sample.meta;
  return row;
}

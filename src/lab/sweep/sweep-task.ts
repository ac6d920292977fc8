import { RewardkitError } from "../../core/index.js";
import { type LabRunOutput, runLabInMemory } from "../run-lab.js";
import type { SweepTask } from "./sweep-grid.js";

/** A task sent to whatever runs it (a thread, a queue worker), with the id its reply carries. */
export interface SweepRequest {
  id: number;
  task: SweepTask;
}

/** A run's outcome: its results and report page, or the error that stopped it. */
export type SweepReply =
  | { id: number; ok: true; run: LabRunOutput }
  | { id: number; ok: false; error: { code: string; message: string } };

/**
 * Runs one task of a sweep. The results go through JSON, as they would to and from a file or a
 * queue: every way of running a sweep aggregates exactly what `results.json` holds.
 */
export async function runSweepTask(request: SweepRequest): Promise<SweepReply> {
  try {
    const run = await runLabInMemory(request.task);
    return { id: request.id, ok: true, run: JSON.parse(JSON.stringify(run)) as LabRunOutput };
  } catch (error) {
    return { id: request.id, ok: false, error: describeError(error) };
  }
}

/** An error as plain data (it crosses threads and processes). */
export function describeError(error: unknown): { code: string; message: string } {
  if (RewardkitError.isInstance(error)) return { code: error.code, message: error.located };
  return { code: "LAB_RUN_FAILED", message: error instanceof Error ? error.message : String(error) };
}

import type { HackingReport } from "../diagnose/index.js";
import type { InspectDataset } from "./dataset.js";
import type { LabRun } from "./lab-results.js";

/** What the inspector's routes show: one scored file, or the server's live traffic by run. */
export interface InspectSource {
  kind: "file" | "live";
  label: string;
  /** Live: the runs seen so far (a file has none: its rows are one dataset). */
  runs(): Array<{ run: string; seen: number; kept: number }>;
  /** The rows of a run (files ignore `run`); undefined when there are none yet. */
  dataset(run: string | undefined): InspectDataset | undefined;
  /**
   * The reward-hacking flags of a run; default: `rewardkit diagnose` over the dataset's rows. The
   * server answers from its own recorder (`GET /v1/diagnostics`) when the spec turns it on.
   */
  diagnostics?(run: string | undefined): Promise<HackingReport | null | undefined>;
  /** Lab runs to show beside the rows (`--lab DIR`). */
  lab?: readonly LabRun[];
}

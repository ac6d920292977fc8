import type { FastifyInstance } from "fastify";
import { RewardkitError } from "../core/index.js";
import { LiveTraffic, readPageAssets, registerInspectRoutes } from "../inspect/index.js";
import type { DiagnosticsRecorder } from "../serve/diagnostics-recorder.js";
import type { RewardServerOptions } from "../serve/server.js";

/** `serve --ui`'s flags. */
export interface UiFlags {
  ui?: boolean;
  uiRows: string;
}

/**
 * The server options that mount the inspector under `/ui/` over the live traffic: the scored
 * batches are kept per run (the last `--ui-rows` rows) and the page polls. Without `--ui` nothing is
 * added, so the scoring path is unchanged. The flags come from the server's diagnostics recorder
 * when the spec turns it on (all of a run's traffic), else from the kept rows.
 */
export function uiServerOptions(
  flags: UiFlags,
  context: { defaultRun: string; recorder: () => DiagnosticsRecorder | undefined },
): Pick<RewardServerOptions, "onScored" | "routes"> {
  if (!flags.ui) return {};
  const capacity = Number(flags.uiRows);
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RewardkitError("BAD_REQUEST", `--ui-rows: expected an integer ≥ 1, got "${flags.uiRows}"`);
  }
  const live = new LiveTraffic({ capacity });
  const source = {
    kind: "live" as const,
    label: "live traffic",
    runs: () => live.runs(),
    dataset: (run: string | undefined) => live.dataset(run ?? context.defaultRun),
    async diagnostics(run: string | undefined) {
      const recorder = context.recorder();
      return recorder?.enabled ? await recorder.report(run ?? context.defaultRun) : undefined;
    },
  };
  return {
    onScored: (batch) => live.record(batch),
    routes: async (app: FastifyInstance) => {
      const assets = readPageAssets();
      await app.register(async (scope) => registerInspectRoutes(scope, { source, assets }), {
        prefix: "/ui",
      });
    },
  };
}

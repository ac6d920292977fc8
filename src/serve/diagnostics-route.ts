import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { hackingReportSchema } from "../diagnose/index.js";
import type { DiagnosticsRecorder } from "./diagnostics-recorder.js";
import { parseBody } from "./http-errors.js";
import type { RouteDoc } from "./openapi.js";

export const diagnosticsQuerySchema = z.strictObject({
  run: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe("The training run (default: the server's default run, as for requests that name none)."),
});

export const diagnosticsReplySchema = hackingReportSchema
  .extend({
    run: z.string(),
    gold_probe: z
      .object({
        configured: z.boolean().describe("Whether the spec's diagnostics section has a gold probe."),
        rate: z.number().nullable().describe("Fraction of samples the probe scores."),
        pending: z.number().int().describe("Probe batches of this run still being scored in this process."),
        skipped: z
          .number()
          .int()
          .describe("Samples this process did not probe because too many were pending."),
      })
      .describe("The held-out gold probe."),
  })
  .describe("The run's reward-hacking flags with their evidence (docs/diagnose-hacking.md).");

/** `GET /v1/diagnostics?run=`: the reward-hacking report of a run's traffic so far. */
export function registerDiagnosticsRoute(
  app: FastifyInstance,
  options: { recorder: DiagnosticsRecorder; defaultRun: string },
): RouteDoc[] {
  app.get("/v1/diagnostics", async (request) => {
    const query = parseBody(diagnosticsQuerySchema, request.query ?? {});
    return options.recorder.report(query.run ?? options.defaultRun);
  });
  return [
    {
      method: "get",
      path: "/v1/diagnostics",
      summary: "Reward-hacking flags over the training steps of a run's traffic, with their evidence.",
      query: diagnosticsQuerySchema,
      response: diagnosticsReplySchema,
    },
  ];
}

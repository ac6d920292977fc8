import { z } from "zod";
import { defineNode, perSample } from "../../core/index.js";
import { toolResultError } from "./tool-result.js";
import { type TrajectoryCall, trajectoryCalls } from "./trajectory-calls.js";
import { errorPrefixesField, noCallsField, noCallsResult, ratio } from "./trajectory-fields.js";

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same arguments. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function callKey(call: TrajectoryCall): string {
  return call.arguments ? `${call.name ?? ""}(${canonical(call.arguments)})` : `raw:${canonical(call.raw)}`;
}

export const toolCallsUniqueNode = defineNode({
  type: "tool_calls_unique",
  summary:
    "The fraction of the conversation's tool calls that are not repeats (same tool, same arguments, key order ignored) of an earlier call; retrying a call whose result was an error is not a repeat.",
  fields: z.object({
    retry_after_error: z
      .boolean()
      .default(true)
      .describe("Calling again after the same call failed counts as a retry, not a repeat."),
    error_prefixes: errorPrefixesField,
    no_calls: noCallsField,
  }),
  example: "{ type: tool_calls_unique }",
  create(spec) {
    return perSample((sample) => {
      const calls = trajectoryCalls(sample);
      if (calls.length === 0) return noCallsResult(spec.no_calls);
      // The last outcome of each distinct call: true when it failed.
      const lastFailed = new Map<string, boolean>();
      const repeats: string[] = [];
      calls.forEach((call, index) => {
        const key = callKey(call);
        const failed = call.result ? toolResultError(call.result, spec.error_prefixes) !== undefined : false;
        const before = lastFailed.get(key);
        if (before !== undefined && !(spec.retry_after_error && before)) {
          repeats.push(`call ${index + 1} (${call.name ?? "unreadable"}) repeats an earlier call`);
        }
        lastFailed.set(key, failed);
      });
      if (repeats.length === 0) return 1;
      const unique = calls.length - repeats.length;
      return {
        score: unique / calls.length,
        reason: `${ratio(unique, calls.length)} calls new; ${repeats.join("; ")}`,
      };
    });
  },
});

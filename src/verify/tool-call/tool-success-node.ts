import { z } from "zod";
import { defineNode, perSample } from "../../core/index.js";
import { toolResultError } from "./tool-result.js";
import { trajectoryCalls } from "./trajectory-calls.js";
import { errorPrefixesField, noCallsField, ratio } from "./trajectory-fields.js";

export const toolSuccessNode = defineNode({
  type: "tool_success",
  summary:
    "The fraction of the conversation's tool calls whose `tool` result reports success (an `error` field, a JSON or Python-dict `error`, or an error prefix marks a failure).",
  fields: z.object({
    error_prefixes: errorPrefixesField,
    unanswered: z
      .enum(["fail", "ignore"])
      .default("fail")
      .describe("A call no `tool` message answered counts as failed, or is left out."),
    no_calls: noCallsField,
  }),
  example: "{ type: tool_success }",
  create(spec) {
    return perSample((sample) => {
      const calls = trajectoryCalls(sample).filter((call) => call.result || spec.unanswered === "fail");
      if (calls.length === 0) return { score: spec.no_calls, reason: "no tool call" };
      const failures: string[] = [];
      calls.forEach((call, index) => {
        const label = `call ${index + 1}${call.name === undefined ? "" : ` (${call.name})`}`;
        const error = call.result ? toolResultError(call.result, spec.error_prefixes) : "no result";
        if (error !== undefined) failures.push(`${label}: ${error}`);
      });
      const succeeded = calls.length - failures.length;
      const reason = `${ratio(succeeded, calls.length)} calls succeeded${failures.length > 0 ? `; ${failures.join("; ")}` : ""}`;
      return { score: succeeded / calls.length, reason };
    });
  },
});

import { z } from "zod";
import { defineNode, perSample } from "../../core/index.js";
import { toolResultError } from "./tool-result.js";
import { trajectoryCalls } from "./trajectory-calls.js";
import { errorPrefixesField, noCallsField, noCallsResult, ratio } from "./trajectory-fields.js";

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
      let counted = 0;
      let failures: string[] | undefined;
      const calls = trajectoryCalls(sample, { arguments: false });
      for (let index = 0; index < calls.length; index++) {
        const call = calls[index] as (typeof calls)[number];
        if (!call.result && spec.unanswered === "ignore") continue;
        counted++;
        const error = call.result ? toolResultError(call.result, spec.error_prefixes) : "no result";
        if (error !== undefined) {
          failures = failures ?? [];
          failures.push(`call ${index + 1}${call.name === undefined ? "" : ` (${call.name})`}: ${error}`);
        }
      }
      if (counted === 0) return noCallsResult(spec.no_calls);
      // Only failures need explaining (reasons cost a string per turn on long conversations).
      if (!failures) return 1;
      const succeeded = counted - failures.length;
      return {
        score: succeeded / counted,
        reason: `${ratio(succeeded, counted)} calls succeeded; ${failures.join("; ")}`,
      };
    });
  },
});

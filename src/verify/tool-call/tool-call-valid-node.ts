import { z } from "zod";
import { defineNode, perSample, RewardkitError, type Sample } from "../../core/index.js";
import { readToolDefinitions, ToolValidators } from "./tool-schemas.js";
import { trajectoryCalls } from "./trajectory-calls.js";
import { noCallsField, noCallsResult, ratio } from "./trajectory-fields.js";

/** `a.b.c` inside a value (undefined where the path breaks off). */
function readPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export const toolCallValidNode = defineNode({
  type: "tool_call_valid",
  summary:
    "The fraction of the conversation's tool calls that are valid: readable (JSON object arguments), naming a known tool, and (with `check_arguments`) fitting its parameters schema.",
  fields: z.object({
    tools: z
      .array(z.unknown())
      .optional()
      .describe(
        "The tools, inline (OpenAI `{type: function, function: {name, parameters}}` or `{name, parameters}`); default: the row's.",
      ),
    tools_field: z
      .string()
      .default("tools")
      .describe(
        "The row field (or `meta` field; dots go deeper, e.g. `extra_info.tools` for verl) holding the tool list when the spec gives none (BFCL: `function`).",
      ),
    check_arguments: z
      .boolean()
      .default(true)
      .describe(
        "Validate arguments against the tool's parameters (JSON Schema; BFCL's Python types understood).",
      ),
    unknown_arguments: z
      .enum(["reject", "allow"])
      .default("reject")
      .describe(
        "Whether an argument the schema does not declare makes a call invalid (where the schema does not say).",
      ),
    no_calls: noCallsField,
  }),
  example: "{ type: tool_call_valid, tools_field: tools }",
  create(spec, tools) {
    const closed = spec.unknown_arguments === "reject";
    let fixed: ToolValidators | undefined;
    if (spec.tools !== undefined) {
      const definitions = readToolDefinitions(spec.tools);
      if (!definitions) {
        throw new RewardkitError("SPEC_INVALID", "expected a list of tools, each with a `name`", {
          path: `${tools.path}.tools`,
        });
      }
      fixed = new ToolValidators(definitions, closed);
    }
    const perList = new Map<string, ToolValidators>();
    const validatorsFor = (sample: Sample): ToolValidators => {
      if (fixed) return fixed;
      const raw = readPath(sample, spec.tools_field) ?? readPath(sample.meta, spec.tools_field);
      const definitions = readToolDefinitions(raw);
      if (!definitions) {
        throw new RewardkitError(
          "NOT_APPLICABLE",
          `no tool list: the row's \`${spec.tools_field}\` (or meta.${spec.tools_field}) is not a list of tools`,
        );
      }
      const key = JSON.stringify(raw);
      let validators = perList.get(key);
      if (!validators) {
        validators = new ToolValidators(definitions, closed);
        if (perList.size > 256) perList.clear();
        perList.set(key, validators);
      }
      return validators;
    };
    return perSample((sample) => {
      const calls = trajectoryCalls(sample);
      if (calls.length === 0) return noCallsResult(spec.no_calls);
      const validators = validatorsFor(sample);
      const problems: string[] = [];
      calls.forEach((call, index) => {
        const label = `call ${index + 1}${call.name === undefined ? "" : ` (${call.name})`}`;
        let problem: string | undefined = call.problem;
        if (problem === undefined && call.name !== undefined && !validators.has(call.name)) {
          problem = "unknown tool";
        }
        if (problem === undefined && spec.check_arguments && call.name !== undefined && call.arguments) {
          problem = validators.check(call.name, call.arguments);
        }
        if (problem !== undefined) problems.push(`${label}: ${problem}`);
      });
      if (problems.length === 0) return 1;
      const valid = calls.length - problems.length;
      return {
        score: valid / calls.length,
        reason: `${ratio(valid, calls.length)} calls valid; ${problems.join("; ")}`,
      };
    });
  },
});

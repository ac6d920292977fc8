import { z } from "zod";
import { defineNode, perSample, RewardkitError } from "../core/index.js";
import { enableLinearFallback, matchRegex, RegexWorker, runsInLinearTime } from "./safe-regex.js";
import { readText, textSourceField } from "./text-source.js";
import { unicodeField, visibleText } from "./visible-text.js";

export const regexNode = defineNode({
  type: "regex",
  summary: "1 when the text matches the pattern (or, with `mode: count`, the number of matches); else 0.",
  fields: z.object({
    pattern: z.string().min(1).describe("A JavaScript regular expression."),
    flags: z
      .string()
      .regex(/^[dimsuv]*$/, "allowed flags: d i m s u v")
      .default("")
      .describe("Regex flags (g and y are managed by the node)."),
    mode: z
      .enum(["search", "full", "count"])
      .default("search")
      .describe("search: anywhere; full: the whole text; count: number of matches (capped by `max_count`)."),
    max_count: z.number().int().positive().default(100).describe("The cap on `count` mode's score."),
    negate: z.boolean().default(false).describe("Score 1 when the text does not match."),
    match_timeout_ms: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe(
        "Patterns with backreferences or lookarounds run in a worker stopped after this long (TIMEOUT); other patterns run in linear time.",
      ),
    field: textSourceField,
    unicode: unicodeField,
  }),
  example:
    '{ type: regex, name: format, pattern: "^<think>[\\\\s\\\\S]*</think>\\\\s*<answer>[\\\\s\\\\S]*</answer>$" }',
  create(spec, tools) {
    enableLinearFallback();
    const source = spec.mode === "full" ? `^(?:${spec.pattern})$` : spec.pattern;
    const flags = spec.mode === "count" ? `${spec.flags}g` : spec.flags;
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, flags);
    } catch (error) {
      throw new RewardkitError("SPEC_INVALID", `invalid regular expression: ${(error as Error).message}`, {
        path: `${tools.path}.pattern`,
      });
    }
    const mode = spec.mode === "count" ? "count" : "search";
    const finish = (value: number) => (spec.mode === "count" ? value : (value === 1) !== spec.negate ? 1 : 0);
    const text = (sample: Parameters<typeof readText>[0]) => {
      const raw = readText(sample, spec.field);
      return spec.unicode === "visible" ? visibleText(raw) : raw;
    };
    if (runsInLinearTime(source, flags)) {
      return perSample((sample) => finish(matchRegex(pattern, text(sample), mode, spec.max_count)));
    }
    const worker = new RegexWorker(source, flags);
    return perSample(
      async (sample, context) =>
        finish(
          await worker.match({
            text: text(sample),
            mode,
            maxCount: spec.max_count,
            timeoutMs: spec.match_timeout_ms,
            signal: context.signal,
          }),
        ),
      () => worker.close(),
    );
  },
});

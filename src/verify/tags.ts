import { z } from "zod";
import { defineNode, perSample } from "../core/index.js";
import { readText, textSourceField } from "./text-source.js";
import { blankCode, unicodeField, visibleText } from "./visible-text.js";

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

export interface TagCheck {
  name: string;
  passed: boolean;
}

/**
 * The checks of a tag layout such as `<think>…</think><answer>…</answer>`: each tag opens and
 * closes exactly once (or at least once), each closes after it opens, no tag lies inside another,
 * the tags come in the given order, (with `nonEmpty`) each holds more than whitespace, and (with
 * `whole`) nothing but whitespace lies outside them.
 */
export function tagChecks(
  text: string,
  tags: readonly string[],
  options: {
    exactlyOnce: boolean;
    ordered: boolean;
    whole: boolean;
    nonEmpty?: boolean;
    /** The same text with quoted code blanked (same positions): tags are looked for there only. */
    structure?: string;
  },
): TagCheck[] {
  const structure = options.structure ?? text;
  const checks: TagCheck[] = [];
  const spans: { open: number; close: number }[] = [];
  for (const tag of tags) {
    const opens = occurrences(structure, `<${tag}>`);
    const closes = occurrences(structure, `</${tag}>`);
    const countOk = options.exactlyOnce
      ? opens.length === 1 && closes.length === 1
      : opens.length >= 1 && closes.length >= 1;
    checks.push({ name: `<${tag}> ${options.exactlyOnce ? "once" : "present"}`, passed: countOk });
    const open = opens[0] ?? -1;
    const close = closes[closes.length - 1] ?? -1;
    checks.push({ name: `</${tag}> after <${tag}>`, passed: open >= 0 && close > open });
    spans.push({ open, close: close >= 0 ? close + tag.length + 3 : -1 });
    if (options.nonEmpty) {
      const inner = open >= 0 && close > open ? text.slice(open + tag.length + 2, close) : "";
      checks.push({ name: `<${tag}> not empty`, passed: inner.trim() !== "" });
    }
  }
  if (tags.length > 1) {
    // A tag opening inside another one's span: `<think>…<answer>…</answer>…</think>`.
    const nested = spans.some((outer, index) =>
      spans.some(
        (inner, other) =>
          other !== index &&
          outer.open >= 0 &&
          outer.close >= 0 &&
          inner.open > outer.open &&
          inner.open < outer.close,
      ),
    );
    checks.push({ name: "no tag inside another", passed: !nested });
  }
  if (options.ordered && tags.length > 1) {
    const inOrder = spans.every((span, index) => {
      const next = spans[index + 1];
      return !next || (span.close >= 0 && next.open >= span.close);
    });
    checks.push({ name: "tags in order", passed: inOrder });
  }
  if (options.whole) {
    let outside = "";
    let position = 0;
    for (const span of [...spans].sort((a, b) => a.open - b.open)) {
      if (span.open < 0 || span.close < 0 || span.open < position) continue;
      outside += text.slice(position, span.open);
      position = span.close;
    }
    outside += text.slice(position);
    checks.push({
      name: "nothing outside the tags",
      passed: outside.trim() === "" && spans.every((span) => span.open >= 0),
    });
  }
  return checks;
}

export const tagsNode = defineNode({
  type: "tags",
  summary:
    "Tag structure (R1-style `<think>…</think><answer>…</answer>`): counts, order and nothing outside; 1 when all checks pass, or the fraction passed.",
  fields: z.object({
    tags: z
      .array(z.string().regex(/^[A-Za-z_][\w-]*$/))
      .min(1)
      .default(["think", "answer"])
      .describe("Tag names, in their expected order."),
    exactly_once: z
      .boolean()
      .default(true)
      .describe("Each tag opens and closes exactly once (else: at least once)."),
    ordered: z.boolean().default(true).describe("The tags come in the listed order."),
    whole: z.boolean().default(true).describe("Nothing but whitespace outside the tags."),
    non_empty: z
      .boolean()
      .default(true)
      .describe("Each tag holds more than whitespace (and invisible characters)."),
    ignore_code: z
      .boolean()
      .default(true)
      .describe(
        "Tags quoted inside fenced code blocks or inline code spans are not structure and are not counted.",
      ),
    unicode: unicodeField,
    partial: z
      .boolean()
      .default(false)
      .describe("Score the fraction of checks passed instead of all-or-nothing."),
    field: textSourceField,
  }),
  example: "{ type: tags, tags: [think, answer] }",
  create(spec) {
    const options = {
      exactlyOnce: spec.exactly_once,
      ordered: spec.ordered,
      whole: spec.whole,
      nonEmpty: spec.non_empty,
    };
    return perSample((sample) => {
      let text = readText(sample, spec.field);
      if (spec.unicode === "visible") text = visibleText(text);
      const checks = tagChecks(text, spec.tags, {
        ...options,
        ...(spec.ignore_code ? { structure: blankCode(text) } : {}),
      });
      const passed = checks.filter((check) => check.passed).length;
      const failed = checks.filter((check) => !check.passed).map((check) => check.name);
      return {
        score: spec.partial ? passed / checks.length : failed.length === 0 ? 1 : 0,
        reason: failed.length === 0 ? `all ${checks.length} checks pass` : `failed: ${failed.join(", ")}`,
      };
    });
  },
});

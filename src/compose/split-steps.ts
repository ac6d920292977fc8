/** How a reasoning text is cut into steps. */
export const stepSplits = ["paragraphs", "step_labels", "separator", "regex"] as const;
export type StepSplit = (typeof stepSplits)[number];

/** One step of a solution and where it starts in the text. */
export interface StepSpan {
  readonly text: string;
  readonly start: number;
}

/** A blank line (possibly with spaces) between paragraphs: ProcessBench's and PRM800K's step unit. */
const blankLines = /\n[ \t]*(?:\n[ \t]*)+/g;
/** "Step 1:", "**Step 2:**", "## Step 3.", "Step 4)" at the start of a line (Math-Shepherd, most CoT prompts). */
const stepLabel = /^[ \t]*(?:[#*]+[ \t]*)?Step[ \t]*\d+[ \t]*[:.)]/gim;

interface Cut {
  start: number;
  end: number;
}

/** The trimmed, non-empty pieces between cuts, with where each begins. */
function piecesBetween(text: string, cuts: Iterable<Cut>): StepSpan[] {
  const spans: StepSpan[] = [];
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const trimmed = raw.trim();
    if (trimmed === "") return;
    spans.push({ text: trimmed, start: from + raw.indexOf(trimmed) });
  };
  let from = 0;
  for (const cut of cuts) {
    push(from, cut.start);
    from = cut.end;
  }
  push(from, text.length);
  return spans;
}

function* matchCuts(text: string, pattern: RegExp, zeroWidth: boolean): Generator<Cut> {
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    yield { start, end: zeroWidth ? start : start + match[0].length };
  }
}

function* separatorCuts(text: string, separator: string): Generator<Cut> {
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + separator.length)) {
    yield { start: at, end: at + separator.length };
  }
}

/**
 * Cuts a solution into steps: at blank lines (`paragraphs`), before each "Step k:" label
 * (`step_labels`; text before the first label is a step of its own), at each occurrence of a
 * literal `separator` (a PRM step tag such as Math-Shepherd's "ки"), or at each match of a user
 * `pattern` (`regex`; the match is dropped, so use a lookahead `(?=...)` to keep a marker with the
 * step it starts). Steps are trimmed; empty ones are dropped.
 */
export function splitSteps(
  text: string,
  options: { split: StepSplit; separator?: string | undefined; pattern?: RegExp | undefined },
): StepSpan[] {
  switch (options.split) {
    case "paragraphs":
      return piecesBetween(text, matchCuts(text, new RegExp(blankLines), false));
    case "step_labels":
      return piecesBetween(text, matchCuts(text, new RegExp(stepLabel), true));
    case "separator":
      return piecesBetween(text, separatorCuts(text, options.separator ?? "\n\n"));
    case "regex": {
      const pattern = options.pattern ?? blankLines;
      const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
      return piecesBetween(text, matchCuts(text, global, false));
    }
  }
}

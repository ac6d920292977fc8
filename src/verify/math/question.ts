/** What the question asks the answer to be, read from the prompt's wording. */
export interface QuestionForm {
  /** "What percent…", "as a percentage": the answer is on the percent scale (25, not 0.25). */
  percent: boolean;
  /** "As a common fraction", "simplest radical form", "in terms of π", "exact": no rounded decimals. */
  exact: boolean;
  /** "In degrees", "how many degrees": an angle in degrees. */
  degrees: boolean;
  /** "In radians": an angle in radians. */
  radians: boolean;
  /** The question is about an angle (so a reference like π/2 is one, and 90° answers it). */
  angle: boolean;
}

export const anyForm: QuestionForm = {
  percent: false,
  exact: false,
  degrees: false,
  radians: false,
  angle: false,
};

const percent =
  /\b(?:what|which|how many)\s+(?:\w+\s+){0,2}?percent(?:age)?s?\b|\bas an? (?:\w+\s+)?percent(?:age)?\b|\bin percent(?:age)?s?\b|\bexpress\w*\b[^.?\n]{0,80}\bpercent(?:age)?\b/i;
const exact =
  /\bcommon fraction\b|\bas an? (?:\w+\s+)?fraction\b|\bsimplest (?:radical )?form\b|\bin terms of \$?\\?(?:pi|π)\b|\bexact (?:value|form|answer)\b|\bsimplified fraction\b|\bmixed number\b|\bradical form\b/i;
const degrees =
  /\bin degrees\b|\bhow many degrees\b|\bnumber of degrees\b|\bdegree measure\b|\bmeasure,? in degrees\b/i;
const radians = /\bin radians\b|\bradian measure\b/i;
const angle =
  /\bangles?\b|\\angle|\barg(?:ument)?\b|\bradians?\b|\bdegrees?\b|\\theta\b|\barc(?:sin|cos|tan)\b|\\arc(?:sin|cos|tan)/i;

/**
 * The form a question asks for, from its wording (English). A prompt that asks nothing in
 * particular — or no prompt — leaves every form open, and the comparison accepts equal values
 * however they are written.
 */
export function readQuestion(prompt: string | undefined): QuestionForm {
  if (prompt === undefined || prompt.trim() === "") return anyForm;
  // Only the last few sentences ask; a long story before them may mention percents in passing.
  const tail = prompt.length > 1500 ? prompt.slice(-1500) : prompt;
  return {
    percent: percent.test(tail),
    exact: exact.test(tail),
    degrees: degrees.test(tail),
    radians: radians.test(tail),
    angle: angle.test(tail),
  };
}

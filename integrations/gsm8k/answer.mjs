// Final-answer correctness for GSM8K-style problems. The answer is taken from <answer>…</answer>,
// GSM8K's "#### N", a \boxed{N}, or else the last number; the reference is a number or a GSM8K
// solution ending in "#### N". No reference: the reward does not apply, and says so (the spec also
// declares needs_reference, so an empty label never reaches it).
const number = (text) => {
  const cleaned = String(text).replace(/,/g, "");
  const marked =
    /<answer>\s*([\s\S]*?)\s*<\/answer>/.exec(cleaned)?.[1] ??
    /####\s*(\S+)/.exec(cleaned)?.[1] ??
    /\\boxed\{([^}]*)\}/.exec(cleaned)?.[1] ??
    cleaned;
  const numbers = marked.match(/-?\d+(?:\.\d+)?/g);
  return numbers ? Number(numbers[numbers.length - 1]) : undefined;
};

export default function correct(sample) {
  if (sample.reference === undefined || sample.reference === null) {
    return { score: 0, error: { code: "NOT_APPLICABLE", message: "the row has no reference answer" } };
  }
  const expected = number(sample.reference);
  const completion =
    typeof sample.completion === "string" ? sample.completion : (sample.completion.at(-1)?.content ?? "");
  const got = number(completion);
  if (got === undefined) return { score: 0, reason: "no number in the response" };
  return got === expected ? 1 : { score: 0, reason: `answer ${got}, expected ${expected}` };
}

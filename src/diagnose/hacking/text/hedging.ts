/**
 * Final answers a completion commits to: the contents of every `\boxed{...}` (nested braces
 * balanced), every `<answer>...</answer>`, GSM8K's `#### N`, and every "the answer is X" — with
 * "X or Y" / "either X or Y" inside one of these split into both. Normalized (spaces, case,
 * a trailing period, `$`) so that "5" and "5." count once.
 */
export function answerCandidates(text: string): string[] {
  const raw: string[] = [];
  for (const content of boxedContents(text)) raw.push(content);
  for (const match of text.matchAll(/<answer>([\s\S]*?)<\/answer>/gi)) raw.push(match[1] ?? "");
  for (const match of text.matchAll(/^####\s*(.+)$/gm)) raw.push(match[1] ?? "");
  for (const match of text.matchAll(
    /\b(?:the )?(?:final )?answer (?:is|could be|might be|may be|=)\s*:?\s*((?:either\s+)?[^\n.;]{1,60})/gi,
  )) {
    raw.push(match[1] ?? "");
  }
  const candidates = new Set<string>();
  for (const answer of raw) {
    for (const part of answer.replace(/^\s*either\s+/i, "").split(/\s+or\s+|\s*\\lor\s*/i)) {
      const normalized = part
        .replace(/\$/g, "")
        .replace(/\s+/g, " ")
        .trim()
        .replace(/[.,:;!]+$/, "")
        .toLowerCase();
      if (normalized !== "") candidates.add(normalized);
    }
  }
  return [...candidates];
}

/** Whether a completion hedges: it commits to two or more different final answers. */
export function isHedging(text: string): boolean {
  return answerCandidates(text).length >= 2;
}

function boxedContents(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("\\boxed{", from);
    if (start < 0) return out;
    let depth = 1;
    let index = start + "\\boxed{".length;
    for (; index < text.length && depth > 0; index++) {
      if (text[index] === "{") depth++;
      else if (text[index] === "}") depth--;
    }
    if (depth === 0) out.push(text.slice(start + "\\boxed{".length, index - 1));
    from = index;
  }
}

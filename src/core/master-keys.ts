/**
 * "Master key" replies (Zhao et al. 2025, "One Token to Fool LLM-as-a-Judge", arXiv 2507.08794):
 * replies with no content that LLM judges nonetheless score as correct — non-word symbols and
 * generic reasoning openers, in several languages. Shared by the judge-side guard and the
 * reward-hacking detector over traffic, so both recognise the same list.
 */
export const masterKeyReplies: readonly string[] = [
  // Non-word symbols (the paper's " ", ".", ",", ":").
  " ",
  ".",
  ",",
  ":",
  // Reasoning openers.
  "Thought process:",
  "Let's solve this problem step by step.",
  "Solution",
  // The paper's multilingual openers: Chinese "solution", Japanese "explanation", Spanish "answer".
  "解",
  "かいせつ",
  "Respuesta",
];

const openerPattern =
  /^(?:thought process|solution|answer|reasoning|respuesta|解|解答|かいせつ|let'?s (?:solve|think|work)(?: through)?(?: this| it| the)?(?: problem| question)? step[- ]by[- ]step)[\s.:：。!]*$/u;

function normalize(text: string): string {
  return text.normalize("NFKC").replace(/[’‘`]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Whether a whole reply is a master key: empty or whitespace, punctuation or symbols only (at most
 * 3 characters, as ":" or "..."), or a bare reasoning opener such as "Thought process:" or
 * "Let's solve this step by step." with nothing after it. Replies with any content after the
 * opener are not master keys.
 */
export function isMasterKeyReply(text: string): boolean {
  // No master key is long; most replies are, and skip the normalization.
  if (text.length > 80) return false;
  const normalized = normalize(text);
  if (normalized === "") return true;
  if (normalized.length <= 3 && !/[\p{L}\p{N}]/u.test(normalized)) return true;
  return openerPattern.test(normalized);
}

/** What a secret is replaced with in logs and replies. */
export const redactedText = "[redacted]";

/**
 * `text` with every occurrence of each secret (and its URL-encoded form, as it appears in a
 * `?key=` query) replaced by {@link redactedText}.
 */
export function scrubKeys(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      if (out.includes(form)) out = out.split(form).join(redactedText);
    }
  }
  return out;
}

/**
 * Pino `redact` paths for places a key could sit in a log object (request headers, the query, a
 * URL's parameters): our own request logs carry neither, but a plugin or a future log line might.
 */
export const redactedLogPaths = [
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  "req.query.key",
  "headers.authorization",
  'headers["x-api-key"]',
  "query.key",
  "apiKey",
  "api_key",
];

/**
 * Pino options that keep keys out of every log line: the paths above are censored, and each line
 * is scrubbed of the configured secrets just before it is written (so a key quoted inside an error
 * message or a URL is caught too).
 * @example pino({ level: "info", ...keyRedactingLoggerOptions(parsed.secrets) })
 */
export function keyRedactingLoggerOptions(secrets: readonly string[]): {
  redact: { paths: string[]; censor: string };
  hooks?: { streamWrite: (line: string) => string };
} {
  const redact = { paths: [...redactedLogPaths], censor: redactedText };
  const known = secrets.filter((secret) => secret !== "");
  if (known.length === 0) return { redact };
  return { redact, hooks: { streamWrite: (line: string) => scrubKeys(line, known) } };
}
